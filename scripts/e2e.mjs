#!/usr/bin/env node
// npm run test:e2e [files…]: builds the local cluster's binaries if needed, starts the cluster, runs every test under
// test/e2e against it, and stops the cluster whatever happened (failure, or Ctrl-C).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// Each run gets a cluster of its own (unless CLUSTER_DIR names one), so two runs at once, or a cluster
// started by hand with `npm run cluster:up`, never stop each other's cluster.
process.env.CLUSTER_DIR = resolve(
  process.env.CLUSTER_DIR ?? join(tmpdir(), `istioctl-ts-e2e-${process.pid}`),
);
const clusterDir = process.env.CLUSTER_DIR;
const t0 = Date.now();
const stamp = (m) => console.error(`== e2e: ${m} (${Math.round((Date.now() - t0) / 1000)}s)`);
const run = (cmd, args, env = process.env) => spawnSync(cmd, args, { stdio: 'inherit', env }).status ?? 1;
const down = () => run(process.execPath, [join('test', 'cluster', 'down.mjs')]);
// down removes the cluster folder with its logs: on failure show their ends first (CI keeps nothing else).
function showLogTails() {
  const dir = join(clusterDir, 'logs');
  if (!existsSync(dir)) return;
  for (const f of readdirSync(dir).sort()) {
    const lines = readFileSync(join(dir, f), 'utf8').trimEnd().split('\n').slice(-15);
    console.error(`-- last lines of ${join(dir, f)}:\n${lines.join('\n')}`);
  }
}

let code = run('bash', [join('test', 'cluster', 'build.sh')]);
if (code !== 0) {
  stamp('building the cluster binaries failed');
  process.exit(code);
}
stamp('cluster binaries ready');
process.on('SIGINT', () => {}); // the children get the signal; we still stop the cluster below
process.on('SIGTERM', () => {});
try {
  code = run(process.execPath, [join('test', 'cluster', 'up.mjs')]);
  if (code !== 0) stamp('cluster:up failed');
  else {
    stamp('cluster up');
    // One file at a time: they share one cluster, and some (precheck, install) need it to themselves.
    const env = {
      ...process.env,
      KUBECONFIG: join(clusterDir, 'kubeconfig'),
      TEST_CONCURRENCY: process.env.TEST_CONCURRENCY ?? '1',
    };
    // `npm run test:e2e -- test/e2e/x.test.ts …` runs only those files.
    const files = process.argv.slice(2);
    code = run(
      process.execPath,
      [join('scripts', 'test.mjs'), ...(files.length ? files : [join('test', 'e2e')])],
      env,
    );
    stamp(`e2e tests ${code === 0 ? 'passed' : 'failed'}`);
  }
} finally {
  if (code !== 0) showLogTails();
  down();
  stamp('cluster down');
}
process.exit(code);
