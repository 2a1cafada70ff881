// The API server dies in the middle of an install: istioctl exits 1 with a clear message, and
// after the API server is back, re-running the same install converges with nothing lost.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { openSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../support/run-cli.js';
import {
  adminCluster,
  auditMark,
  auditWritesSince,
  clusterDir,
  requireCluster,
  runBinOnCluster,
} from './support/cluster.js';

interface State {
  processes: Array<{ name: string; bin: string; pid: number }>;
}

const stateFile = join(clusterDir, 'state.json');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Kills kube-apiserver (by its recorded PID) and returns how to start it again with the same flags. */
function killApiServer(): () => void {
  const state = JSON.parse(readFileSync(stateFile, 'utf8')) as State;
  const entry = state.processes.find((p) => p.name === 'kube-apiserver')!;
  const args = readFileSync(`/proc/${entry.pid}/cmdline`, 'utf8').split('\0').filter(Boolean).slice(1);
  process.kill(entry.pid, 'SIGKILL');
  return () => {
    const out = openSync(join(clusterDir, 'logs', 'kube-apiserver.log'), 'a');
    const child = spawn(entry.bin, args, { detached: true, stdio: ['ignore', out, out], cwd: clusterDir });
    child.unref();
    // Record the new PID, so that cluster:down stops exactly this process.
    entry.pid = child.pid!;
    writeFileSync(stateFile, `${JSON.stringify(state, null, 2)}\n`);
  };
}

describe('install interrupted by an API server crash', () => {
  it('exits 1 with a clear message; a re-run after the restart converges', async () => {
    requireCluster();
    const mark = auditMark();
    const child = spawn(
      process.execPath,
      [
        resolve(repoRoot, 'bin', 'istioctl.js'),
        'install',
        '--set',
        'profile=demo',
        '--revision',
        'crash',
        '-y',
      ],
      {
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', KUBECONFIG: requireCluster() },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const exited = new Promise<number>((res) => child.on('exit', (code) => res(code ?? -1)));
    // Kill once the install has started writing (CRDs first), long before it is done.
    for (let i = 0; i < 600 && auditWritesSince(mark).length < 5; i++) await sleep(50);
    assert.ok(auditWritesSince(mark).length >= 5, 'the install started writing');
    const restart = killApiServer();
    const code = await exited;
    assert.equal(code, 1, stderr);
    const errorLine = stderr.split('\n').find((l) => l.startsWith('Error: '));
    assert.ok(errorLine, `an Error line: ${stderr}`);
    assert.match(errorLine, /API server|connection refused|ECONNREFUSED|cannot be reached/i);
    assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');

    restart();
    const cluster = await adminCluster();
    for (let i = 0; i < 120; i++) {
      try {
        await cluster.version();
        break;
      } catch {
        await sleep(500);
      }
    }
    const again = runBinOnCluster([
      'install',
      '--set',
      'profile=demo',
      '--revision',
      'crash',
      '-y',
      '--verify',
    ]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /✔ Istio is installed and verified successfully/);
    const u = runBinOnCluster(['uninstall', '--revision', 'crash', '-y']);
    assert.equal(u.code, 0, u.stderr);
  });
});
