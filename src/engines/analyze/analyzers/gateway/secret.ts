// gateway.SecretAnalyzer: TLS credentialName secrets must exist in the namespace of the gateway
// workload (not of the Gateway resource).
import type { Analyzer } from '../../types.js';
import { gatewaySelector, selectedPods, selectorString, servers } from './selector.js';

export const secretAnalyzer: Analyzer = {
  name: 'gateway.SecretAnalyzer',
  description: "Checks a gateway's referenced secrets for correctness",
  inputs: ['Gateway', 'Pod', 'Secret'],
  analyze(ctx) {
    for (const r of ctx.list('Gateway')) {
      const sel = gatewaySelector(r);
      const pod = selectedPods(ctx, sel)[0];
      if (!pod) {
        ctx.report('IST0101', r, 'selector', selectorString(sel));
        continue;
      }
      for (const s of servers(r)) {
        const cn: string | undefined = s.tls?.credentialName;
        if (!cn) continue;
        const [ns, name] = cn.includes('/') ? (cn.split('/', 2) as [string, string]) : [pod.namespace, cn];
        if (!ctx.find('Secret', ns, name)) ctx.report('IST0101', r, 'credentialName', cn);
      }
    }
  },
};
