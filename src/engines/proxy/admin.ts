// Envoy's admin API reached through a port-forward (reference §3.2), never waiting longer than
// the caller's timeout: a blocked port fails fast with a message instead of stalling.
import { IstioctlError } from '../../cli/errors.js';
import type { Cluster, PortForward } from '../../cluster/cluster.js';

export interface AdminTarget {
  namespace: string;
  pod: string;
  port: number;
  timeoutMs: number;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new IstioctlError(`${what}: timed out after ${ms / 1000}s`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/** One admin request: `path` without a leading slash, as istioctl's callers write it. */
export async function envoyDo(
  cluster: Cluster,
  target: AdminTarget,
  method: 'GET' | 'POST',
  path: string,
): Promise<string> {
  const what = `failure running port forward process to ${target.pod}.${target.namespace}:${target.port}`;
  let pf: PortForward | undefined;
  try {
    pf = await withTimeout(
      cluster.portForward(target.namespace, target.pod, target.port),
      target.timeoutMs,
      what,
    );
    const res = await withTimeout(pf.request(method, `/${path}`, target.timeoutMs), target.timeoutMs, what);
    if (res.status !== 200) throw new IstioctlError(`unexpected status code: ${res.status}`);
    return res.body;
  } catch (err) {
    if (err instanceof IstioctlError) throw err;
    const msg = err instanceof Error ? err.message : String(err);
    if (/unable to retrieve Pod/.test(msg)) throw new IstioctlError(msg);
    throw new IstioctlError(msg.startsWith('failure running port forward') ? msg : `${what}: ${msg}`);
  } finally {
    void pf?.close().catch(() => {});
  }
}
