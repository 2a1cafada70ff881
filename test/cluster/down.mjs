#!/usr/bin/env node
// Stops the local test cluster: ends exactly the processes up.mjs recorded (by PID, and only while that PID
// still runs the binary we started), newest first, then removes the state folder.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { clusterDir, isOurProcess, readState, sleep } from './lib.mjs';

async function waitGone(procs, ms) {
  const deadline = Date.now() + ms;
  while (procs.some((p) => isOurProcess(p.pid, p.bin)) && Date.now() < deadline) await sleep(50);
}

function signal(procs, sig) {
  for (const p of procs) {
    if (!isOurProcess(p.pid, p.bin)) continue;
    try {
      process.kill(p.pid, sig);
    } catch {
      /* exited meanwhile */
    }
  }
}

/**
 * Ends the recorded processes in tiers, clients before servers: kwok and the controllers, then the API server,
 * then etcd. (Killed all at once, the API server keeps retrying a vanished etcd instead of shutting down.)
 * Returns the PIDs that were still running.
 */
export async function stopCluster() {
  const state = readState();
  const procs = state?.processes ?? [];
  const ended = procs.filter((p) => isOurProcess(p.pid, p.bin)).map((p) => p.pid);
  const tiers = [
    procs.filter((p) => p.name !== 'kube-apiserver' && p.name !== 'etcd'),
    procs.filter((p) => p.name === 'kube-apiserver'),
    procs.filter((p) => p.name === 'etcd'),
  ];
  for (const tier of tiers) {
    signal(tier, 'SIGTERM');
    await waitGone(tier, 10_000);
    signal(tier, 'SIGKILL');
    await waitGone(tier, 5_000);
  }
  rmSync(clusterDir, { recursive: true, force: true });
  return ended;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ended = await stopCluster();
  console.error(`cluster: stopped ${ended.length} process(es); removed ${clusterDir}`);
}
