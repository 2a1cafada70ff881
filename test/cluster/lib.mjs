// Shared pieces of the local test cluster's up/down scripts: where things live, the recorded state, process
// checks by PID, free loopback ports and a tiny HTTPS client that authenticates with the admin client cert.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as https from 'node:https';
import * as net from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The state folder: .cluster/ in the repo unless CLUSTER_DIR names another (tests start isolated clusters). */
export const clusterDir = resolve(process.env.CLUSTER_DIR ?? join(repoRoot, '.cluster'));
export const binDir = resolve(process.env.CLUSTER_BIN_DIR ?? join(repoRoot, '.cache', 'cluster', 'bin'));
export const stateFile = join(clusterDir, 'state.json');
export const kubeconfigPath = join(clusterDir, 'kubeconfig');
export const BINARIES = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kwok'];

export function readState() {
  if (!existsSync(stateFile)) return undefined;
  try {
    return JSON.parse(readFileSync(stateFile, 'utf8'));
  } catch {
    return undefined;
  }
}

export function writeState(state) {
  writeFileSync(stateFile, `${JSON.stringify(state, null, 2)}\n`);
}

/** True when `pid` is alive and still runs the binary we started (guards against PID reuse). */
export function isOurProcess(pid, bin) {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // A zombie (state Z) has exited already; only its parent's reaping is missing.
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return cmdline.split('\0')[0] === bin && state !== 'Z';
  } catch {
    return false;
  }
}

export function freePort() {
  return new Promise((res, rej) => {
    const srv = net.createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

/** Distinct free ports: each is held open until all are picked, so none is handed out twice. */
export async function freePorts(n) {
  const servers = [];
  try {
    for (let i = 0; i < n; i++) {
      const srv = net.createServer();
      await new Promise((res, rej) => srv.once('error', rej).listen(0, '127.0.0.1', res));
      servers.push(srv);
    }
    return servers.map((s) => s.address().port);
  } finally {
    await Promise.all(servers.map((s) => new Promise((res) => s.close(res))));
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** An HTTPS request to the API server as the admin user; resolves { status, body } and never throws. */
export function adminRequest(state, method, path, body, timeoutMs = 5000) {
  const pki = join(clusterDir, 'pki');
  return new Promise((res) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = https.request(
      {
        host: '127.0.0.1',
        port: state.ports.apiserver,
        method,
        path,
        ca: readFileSync(join(pki, 'ca.crt')),
        cert: readFileSync(join(pki, 'admin.crt')),
        key: readFileSync(join(pki, 'admin.key')),
        timeout: timeoutMs,
        agent: false,
        headers: data
          ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) }
          : {},
      },
      (r) => {
        const chunks = [];
        r.on('data', (c) => chunks.push(c));
        r.on('end', () => res({ status: r.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        r.on('error', () => res({ status: 0, body: '' }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => res({ status: 0, body: String(e.message) }));
    if (data) req.write(data);
    req.end();
  });
}

/** Polls `check` until it returns a truthy value or `timeoutMs` passes. */
export async function until(what, timeoutMs, check, intervalMs = 200) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
    await sleep(intervalMs);
  }
}
