// applicationUID.Analyzer: UID 1337 belongs to the sidecar; applications must not run as it.
import type { Analyzer, Obj, Resource } from '../../types.js';
import { ISTIO_PROXY } from '../../util.js';

const PROXY_UID = 1337;

/** The operator's container may run as the proxy UID, like the proxy itself. */
const EXEMPT_CONTAINERS = new Set([ISTIO_PROXY, 'istio-operator']);

function usesProxyUid(podSpec: Obj): boolean {
  if (Number(podSpec?.securityContext?.runAsUser) === PROXY_UID) return true;
  return ((podSpec?.containers ?? []) as Obj[]).some(
    (c) => !EXEMPT_CONTAINERS.has(c?.name) && Number(c?.securityContext?.runAsUser) === PROXY_UID,
  );
}

/** Istio's own workloads (gateways included) carry an `istio` label or `release: istio`. */
const controlPlane = (r: Resource) => 'istio' in r.labels || r.labels.release === 'istio';

export const applicationUidAnalyzer: Analyzer = {
  name: 'applicationUID.Analyzer',
  description: 'Checks that applications do not run as the UID reserved for the proxy',
  inputs: ['Pod', 'Deployment'],
  analyze(ctx) {
    for (const p of ctx.list('Pod')) if (!controlPlane(p) && usesProxyUid(p.spec)) ctx.report('IST0144', p);
    for (const d of ctx.list('Deployment'))
      if (!controlPlane(d) && usesProxyUid(d.spec?.template?.spec)) ctx.report('IST0144', d);
  },
};
