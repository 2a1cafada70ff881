// applicationUID.Analyzer: UID 1337 belongs to the sidecar; applications must not run as it.
import type { Analyzer, Obj } from '../../types.js';
import { ISTIO_PROXY } from '../../util.js';

const PROXY_UID = 1337;

function usesProxyUid(podSpec: Obj): boolean {
  if (Number(podSpec?.securityContext?.runAsUser) === PROXY_UID) return true;
  return ((podSpec?.containers ?? []) as Obj[]).some(
    (c) => c?.name !== ISTIO_PROXY && Number(c?.securityContext?.runAsUser) === PROXY_UID,
  );
}

export const applicationUidAnalyzer: Analyzer = {
  name: 'applicationUID.Analyzer',
  description: 'Checks that applications do not run as the UID reserved for the proxy',
  inputs: ['Pod', 'Deployment'],
  analyze(ctx) {
    for (const p of ctx.list('Pod')) if (usesProxyUid(p.spec)) ctx.report('IST0144', p);
    for (const d of ctx.list('Deployment'))
      if (usesProxyUid(d.spec?.template?.spec)) ctx.report('IST0144', d);
  },
};
