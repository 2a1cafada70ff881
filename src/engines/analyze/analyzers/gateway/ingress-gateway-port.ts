// gateway.IngressGatewayPortAnalyzer: a Gateway must select some pod, and each server port must
// be exposed (TCP) by a Service in front of those pods.
import type { Analyzer } from '../../types.js';
import { selectorLabel, selectorMatches, stringMap } from '../../util.js';
import { gatewaySelector, selectedPods, selectorString, servers } from './selector.js';

export const ingressGatewayPortAnalyzer: Analyzer = {
  name: 'gateway.IngressGatewayPortAnalyzer',
  description: "Checks a gateway's ports against the gateway's Kubernetes service ports",
  inputs: ['Gateway', 'Pod', 'Service'],
  analyze(ctx) {
    for (const r of ctx.list('Gateway')) {
      const sel = gatewaySelector(r);
      const pods = selectedPods(ctx, sel);
      const path = `{.spec.selector.${selectorLabel(selectorString(sel))}}`;
      if (pods.length === 0) {
        ctx.reportAt('IST0101', r, path, 'selector', selectorString(sel));
        continue;
      }
      const ports = new Set<number>();
      for (const pod of pods) {
        for (const svc of ctx.list('Service')) {
          if (svc.namespace !== pod.namespace) continue;
          if (!selectorMatches(stringMap(svc.spec?.selector), pod.labels)) continue;
          for (const p of svc.spec?.ports ?? []) if (p?.protocol === 'TCP') ports.add(Number(p.port));
        }
      }
      for (const s of servers(r)) {
        if (s.port && !ports.has(Number(s.port.number))) {
          ctx.reportAt('IST0162', r, path, Number(s.port.number), selectorString(sel));
        }
      }
    }
  },
};
