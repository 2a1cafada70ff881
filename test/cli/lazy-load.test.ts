// Start-up stays light: --help and version --remote=false never load the Kubernetes client
// (or the other heavy modules that commands load on first use).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../support/run-cli.js';

function loadedModules(args: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'trace-'));
  const trace = join(dir, 'trace.txt');
  try {
    const res = spawnSync(
      process.execPath,
      [
        '--import',
        join(repoRoot, 'test', 'testdata', 'trace-loads.mjs'),
        join(repoRoot, 'bin', 'istioctl.js'),
        ...args,
      ],
      { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', TRACE_FILE: trace } },
    );
    assert.equal(res.status, 0, res.stderr);
    return readFileSync(trace, 'utf8').split('\n').filter(Boolean);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const HEAVY = [
  '@kubernetes/client-node',
  '/node_modules/yaml/',
  '/node_modules/ora/',
  '/engines/template/',
  '/node_modules/@grpc/',
];

for (const args of [['--help'], ['version', '--remote=false'], ['version', '--help']]) {
  describe(`istioctl ${args.join(' ')}`, () => {
    it('does not load heavy modules', () => {
      const mods = loadedModules(args);
      assert.ok(
        mods.some((m) => m.includes('commander')),
        'trace works: commander is loaded',
      );
      for (const h of HEAVY) {
        assert.deepEqual(
          mods.filter((m) => m.includes(h)),
          [],
          `${h} must not load`,
        );
      }
    });
  });
}
