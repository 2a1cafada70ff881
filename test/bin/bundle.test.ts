// The executable runs from dist/istioctl.cjs with a trained V8 code cache (bin/bundle.js,
// scripts/build-bundle.mjs). The cache must be the one V8 accepts for exactly that bundle, and the
// bundle must behave as the module graph in dist/ does.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../support/run-cli.js';

const bundleFile = join(repoRoot, 'dist', 'istioctl.cjs');

/** Loads the bundle in a child process and reports what V8 said of the cache. */
function cacheVerdict(file: string): string {
  const loader = pathToFileURL(join(repoRoot, 'bin', 'bundle.js')).href;
  const script = `const { loadBundle } = await import(${JSON.stringify(loader)});
    const { script, exports } = loadBundle(${JSON.stringify(file)});
    console.log(typeof exports.main, String(script.cachedDataRejected));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

function istioctl(args: string[], bundle: boolean) {
  return spawnSync(process.execPath, [join(repoRoot, 'bin', 'istioctl.js'), ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), ...(bundle ? {} : { ISTIOCTL_NO_BUNDLE: '1' }) },
    maxBuffer: 1 << 28,
  });
}

describe('bundle and code cache', () => {
  it('V8 accepts the trained cache for the built bundle', () => {
    assert.equal(cacheVerdict(bundleFile), 'function false');
  });

  it('a cache made for another bundle is not offered to V8', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
    try {
      // Same length, different hash line: V8 alone (which checks the length) would take the cache.
      const text = readFileSync(bundleFile, 'utf8');
      const nl = text.indexOf('\n');
      const hashChar = text[nl - 1] === '0' ? '1' : '0';
      const copy = join(dir, 'istioctl.cjs');
      writeFileSync(copy, `${text.slice(0, nl - 1)}${hashChar}${text.slice(nl)}`);
      copyFileSync(`${bundleFile}.cache`, `${copy}.cache`);
      assert.equal(cacheVerdict(copy), 'function undefined');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const args of [
    ['manifest', 'generate', '--set', 'profile=demo'],
    ['profile', 'dump', 'ambient', '-o', 'json'],
    ['manifest', 'generate', '--set', 'profile=nope'],
    ['kube-inject', '-f', join(repoRoot, 'no-such-file.yaml')],
  ]) {
    it(`istioctl ${args.join(' ')}: the bundle prints and exits as the module graph does`, () => {
      const viaBundle = istioctl(args, true);
      const viaModules = istioctl(args, false);
      assert.equal(viaBundle.status, viaModules.status);
      assert.equal(viaBundle.stdout, viaModules.stdout);
      assert.equal(viaBundle.stderr, viaModules.stderr);
    });
  }
});
