// gateway.SecretAnalyzer: TLS credentialName secrets must exist in the namespace of the gateway
// workload (not of the Gateway resource).
import type { Analyzer, Obj } from '../../types.js';
import { selectorLabel } from '../../util.js';
import { gatewaySelector, selectedPods, selectorString } from './selector.js';

export const secretAnalyzer: Analyzer = {
  name: 'gateway.SecretAnalyzer',
  description: "Checks a gateway's referenced secrets for correctness",
  inputs: ['Gateway', 'Pod', 'Secret'],
  analyze(ctx) {
    for (const r of ctx.list('Gateway')) {
      const sel = gatewaySelector(r);
      const pod = selectedPods(ctx, sel)[0];
      if (!pod) {
        const text = selectorString(sel);
        ctx.reportAt('IST0101', r, `{.spec.selector.${selectorLabel(text)}}`, 'selector', text);
        continue;
      }
      for (const [i, s] of ((r.spec?.servers ?? []) as Obj[]).entries()) {
        if (!s || typeof s !== 'object') continue;
        const cn: string | undefined = s.tls?.credentialName;
        if (!cn) continue;
        const [ns, name] = cn.includes('/') ? (cn.split('/', 2) as [string, string]) : [pod.namespace, cn];
        if (!ctx.find('Secret', ns, name))
          ctx.reportAt('IST0101', r, `{.spec.servers[${i}].tls.credentialName}`, 'credentialName', cn);
      }
    }
  },
};
