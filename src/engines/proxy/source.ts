// Where a proxy-config subcommand gets its data: a file (`-f`, `-` for stdin) or the pod's
// Envoy admin API through a port-forward.
import { IstioctlError } from '../../cli/errors.js';
import type { Cluster } from '../../cluster/cluster.js';
import { envoyDo } from './admin.js';
import { type ConfigDump, parseConfigDump } from './config-dump.js';

export interface LivePod {
  cluster: Cluster;
  pod: string;
  namespace: string;
  adminPort: number;
  timeoutMs: number;
}

export async function fetchAdmin(
  live: LivePod,
  method: 'GET' | 'POST',
  path: string,
  onEnvoy = false,
): Promise<string> {
  try {
    return await envoyDo(
      live.cluster,
      { namespace: live.namespace, pod: live.pod, port: live.adminPort, timeoutMs: live.timeoutMs },
      method,
      path,
    );
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    if (/unable to retrieve Pod/.test(msg)) throw err;
    const where = onEnvoy ? 'Envoy' : `${live.pod}.${live.namespace} sidecar`;
    throw new IstioctlError(`failed to execute command on ${where}: ${msg}`);
  }
}

export async function liveConfigDump(live: LivePod, path: string): Promise<ConfigDump> {
  const text = await fetchAdmin(live, 'GET', path);
  try {
    return parseConfigDump(text, `${live.pod}.${live.namespace}`);
  } catch (err) {
    // A live answer that is not a dump is Envoy's fault, not the user's input: exit 1.
    throw new IstioctlError(err instanceof Error ? err.message : String(err));
  }
}
