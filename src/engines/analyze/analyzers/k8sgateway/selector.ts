// k8sgateway.SelectorAnalyzer: a workload selector that picks Kubernetes Gateway pods has no
// effect; such policies must use targetRefs.
import type { Analyzer } from '../../types.js';
import { selectorMatches, stringMap } from '../../util.js';

const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';
const POLICY_KINDS = ['AuthorizationPolicy', 'RequestAuthentication', 'Telemetry', 'WasmPlugin'];

export const k8sGatewaySelectorAnalyzer: Analyzer = {
  name: 'k8sgateway.SelectorAnalyzer',
  description: 'Check that selectors are effective for Kubernetes gateway',
  inputs: [...POLICY_KINDS, 'Pod'],
  analyze(ctx) {
    const gwPods = ctx.list('Pod').filter((p) => GATEWAY_NAME_LABEL in p.labels);
    if (gwPods.length === 0) return;
    for (const kind of POLICY_KINDS) {
      for (const r of ctx.list(kind)) {
        const spec = r.spec ?? {};
        if (spec.targetRef || (spec.targetRefs ?? []).length > 0 || !spec.selector) continue;
        const sel = stringMap(spec.selector.matchLabels);
        for (const p of gwPods) {
          if (p.namespace === r.namespace && selectorMatches(sel, p.labels)) {
            ctx.report('IST0166', r, p.labels[GATEWAY_NAME_LABEL]);
          }
        }
      }
    }
  },
};
