// Start-up stays light: --help and version --remote=false never load the Kubernetes client
// (or the other heavy modules that commands load on first use). Checked twice: on the module graph
// in dist/ (every module traced), and on the bundle bin/istioctl.js runs (its external packages traced).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../support/run-cli.js';

function loadedModules(args: string[], bundle: boolean, okStatus = 0): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'trace-'));
  const trace = join(dir, 'trace.txt');
  try {
    const res = spawnSync(
      process.execPath,
      [
        '--import',
        join(repoRoot, 'test', 'testdata', 'trace-loads.mjs'),
        '--require',
        join(repoRoot, 'test', 'testdata', 'trace-requires.cjs'),
        join(repoRoot, 'bin', 'istioctl.js'),
        ...args,
      ],
      {
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH ?? '',
          TRACE_FILE: trace,
          ...(bundle ? {} : { ISTIOCTL_NO_BUNDLE: '1' }),
        },
      },
    );
    assert.equal(res.status, okStatus, res.stderr);
    return readFileSync(trace, 'utf8').split('\n').filter(Boolean);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const HEAVY = [
  '/node_modules/@kubernetes/client-node/',
  '/node_modules/yaml/',
  '/node_modules/ora/',
  '/engines/template/',
  '/node_modules/@grpc/',
];

for (const args of [['--help'], ['version', '--remote=false'], ['version', '--help']]) {
  describe(`istioctl ${args.join(' ')}`, () => {
    it('does not load heavy modules (module graph in dist/)', () => {
      const mods = loadedModules(args, false);
      assert.ok(
        mods.some((m) => m.includes('/node_modules/commander/')),
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

    it('does not load heavy packages (bundle)', () => {
      const mods = loadedModules(args, true);
      assert.ok(
        mods.some((m) => m.endsWith('/dist/istioctl.cjs')) || mods.some((m) => m.endsWith('/bin/bundle.js')),
        'the bundle runs',
      );
      assert.deepEqual(
        mods.filter((m) => m.includes('/node_modules/commander/')),
        [],
        'commander comes from the bundle',
      );
      // yaml is linked into the bundle (lazily initialised); the module-graph check above covers it.
      for (const h of HEAVY.filter((m) => m.includes('node_modules') && !m.includes('/yaml/'))) {
        assert.deepEqual(
          mods.filter((m) => m.includes(h)),
          [],
          `${h} must not load`,
        );
      }
    });
  });
}

describe('istioctl version without a kubeconfig (bundle)', () => {
  it('the trace sees the external packages the bundle loads', () => {
    // The remote version needs the Kubernetes client, then fails for want of a configuration.
    const mods = loadedModules(['version'], true, 1);
    assert.ok(
      mods.some((m) => m.includes('/node_modules/@kubernetes/client-node/')),
      mods.join('\n'),
    );
  });
});
