#!/usr/bin/env node
// npm run test:e2e: builds the local cluster's binaries if needed, starts the cluster, runs every test under
// test/e2e against it, and stops the cluster whatever happened (failure, or Ctrl-C).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const t0 = Date.now();
const stamp = (m) => console.error(`== e2e: ${m} (${Math.round((Date.now() - t0) / 1000)}s)`);
const run = (cmd, args, env = process.env) => spawnSync(cmd, args, { stdio: 'inherit', env }).status ?? 1;
const down = () => run(process.execPath, [join('test', 'cluster', 'down.mjs')]);

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
    const env = { ...process.env, KUBECONFIG: join(process.cwd(), '.cluster', 'kubeconfig') };
    code = run(process.execPath, [join('scripts', 'test.mjs'), join('test', 'e2e')], env);
    stamp(`e2e tests ${code === 0 ? 'passed' : 'failed'}`);
  }
} finally {
  down();
  stamp('cluster down');
}
process.exit(code);
