// Helpers for e2e tests against the local test cluster that `npm run cluster:up` starts
// (test/cluster/up.mjs). Every test under test/e2e gets the same cluster; `npm run test:e2e` starts and stops it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import YAML from 'yaml';
import type { Cluster } from '../../../src/cluster/cluster.js';
import { connect } from '../../../src/cluster/kube.js';
import { type CliResult, repoRoot, runBin } from '../../support/run-cli.js';

/** The cluster's state folder (.cluster/ unless CLUSTER_DIR says otherwise). */
export const clusterDir = resolve(process.env.CLUSTER_DIR ?? resolve(repoRoot, '.cluster'));
export const kubeconfigPath = resolve(clusterDir, 'kubeconfig');
export const auditLogPath = resolve(clusterDir, 'audit.log');

/** Fails with a clear message when no cluster is up (run the test through `npm run test:e2e`). */
export function requireCluster(): string {
  if (!existsSync(kubeconfigPath))
    throw new Error(`no local cluster at ${clusterDir}: run npm run cluster:up (or npm run test:e2e)`);
  return kubeconfigPath;
}

/** Our own Cluster implementation, connected as the admin user (or with another kubeconfig). */
export function adminCluster(kubeconfig = requireCluster()): Promise<Cluster> {
  return connect({ kubeconfig }, {});
}

/** A kubeconfig file for the same cluster that authenticates with a bearer token (e.g. a ServiceAccount's). */
export function kubeconfigWithToken(token: string, user = 'token-user'): string {
  const kc = YAML.parse(readFileSync(requireCluster(), 'utf8')) as {
    users: unknown[];
    contexts: Array<{ context: { user: string } }>;
  };
  kc.users = [{ name: user, user: { token } }];
  for (const c of kc.contexts) c.context.user = user;
  const file = join(mkdtempSync(join(tmpdir(), 'e2e-kubeconfig-')), 'kubeconfig');
  writeFileSync(file, YAML.stringify(kc));
  return file;
}

/** Runs the built istioctl executable with KUBECONFIG pointing at the local cluster. */
export function runBinOnCluster(
  args: string[],
  opts: { env?: Record<string, string>; input?: string; cwd?: string } = {},
): CliResult {
  return runBin(args, { ...opts, env: { KUBECONFIG: requireCluster(), ...opts.env } });
}

export interface AuditEvent {
  verb: string;
  user: { username: string; groups?: string[] };
  objectRef?: {
    resource?: string;
    subresource?: string;
    namespace?: string;
    name?: string;
    apiGroup?: string;
  };
  responseStatus?: { code?: number };
  requestURI: string;
  stage: string;
}

/** A position in the audit log; pass it to `auditWritesSince` to see only later writes. */
export function auditMark(): number {
  return existsSync(auditLogPath) ? statSync(auditLogPath).size : 0;
}

/**
 * Write requests (create/update/patch/delete) logged since `mark`, one per request (the ResponseComplete stage),
 * by `user` (default: the admin user our kubeconfig authenticates as). Dry runs are included: the API server
 * audits them too, with `?dryRun=All` in requestURI.
 */
export function auditWritesSince(mark: number, user: string | undefined = 'admin'): AuditEvent[] {
  if (!existsSync(auditLogPath)) return [];
  const text = readFileSync(auditLogPath).subarray(mark).toString('utf8');
  const out: AuditEvent[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const ev = JSON.parse(line) as AuditEvent;
    if (ev.stage !== 'ResponseComplete') continue;
    if (user !== undefined && ev.user?.username !== user) continue;
    out.push(ev);
  }
  return out;
}

/** A unique, valid namespace name for one test. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e4)}`;
}

/** Runs a cluster script (up/down) with an optional isolated state folder; returns its exit code and output. */
export function clusterScript(
  name: 'up' | 'down',
  env: Record<string, string> = {},
): { status: number; stdout: string; stderr: string } {
  const res = spawnSync(process.execPath, [resolve(repoRoot, 'test', 'cluster', `${name}.mjs`)], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { status: res.status ?? 1, stdout: res.stdout, stderr: res.stderr };
}

export interface FreshCluster {
  kubeconfig: string;
  cluster: Cluster;
  /** Stops exactly this cluster's processes and removes its state folder. */
  stop(): void;
}

/**
 * A second, private cluster (own state folder, own free ports, `nodes` kwok nodes) for a test that needs an
 * untouched cluster, e.g. a precheck that must see nothing installed. Starts in ~10 s once the binaries exist.
 */
export async function startFreshCluster(nodes = 1): Promise<FreshCluster> {
  const parent = mkdtempSync(join(tmpdir(), 'e2e-fresh-'));
  const dir = join(parent, 'cluster');
  const env = { CLUSTER_DIR: dir, CLUSTER_NODES: String(nodes) };
  const up = clusterScript('up', env);
  if (up.status !== 0) {
    clusterScript('down', env);
    rmSync(parent, { recursive: true, force: true });
    throw new Error(`starting a fresh cluster failed: ${up.stderr.trim().split('\n').slice(-3).join(' ')}`);
  }
  const kubeconfig = join(dir, 'kubeconfig');
  return {
    kubeconfig,
    cluster: await connect({ kubeconfig }, {}),
    stop: () => void clusterScript('down', env),
  };
}
