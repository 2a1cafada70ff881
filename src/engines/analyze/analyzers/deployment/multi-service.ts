// deployment.MultiServiceAnalyzer: Services selecting one in-mesh Deployment must agree on each
// port's protocol, and must not reach one targetPort through different ports.
import type { Analyzer, Obj, Resource } from '../../types.js';
import {
  deploymentInMesh,
  fullName,
  META_NAME,
  selectorMatches,
  stringMap,
  templateLabels,
} from '../../util.js';

const WAYPOINT_MANAGED = 'istio.io-mesh-controller';

export const multiServiceAnalyzer: Analyzer = {
  name: 'deployment.MultiServiceAnalyzer',
  description: 'Checks how the Services selecting a deployment use its ports',
  inputs: ['Service', 'Deployment', 'Namespace'],
  analyze(ctx) {
    for (const d of ctx.list('Deployment')) {
      if (d.labels['gateway.istio.io/managed'] === WAYPOINT_MANAGED || !deploymentInMesh(ctx, d)) continue;
      const labels = templateLabels(d);
      const svcs: Resource[] = ctx.list('Service').filter((s) => {
        const sel = stringMap(s.spec?.selector);
        return s.namespace === d.namespace && Object.keys(sel).length > 0 && selectorMatches(sel, labels);
      });
      const byPort = new Map<number, Map<string, string[]>>();
      const byTarget = new Map<string, Map<number, string>>();
      for (const s of svcs) {
        for (const p of (s.spec?.ports ?? []) as Obj[]) {
          const port = Number(p.port);
          const proto = p.protocol || 'TCP';
          const m = byPort.get(port) ?? new Map<string, string[]>();
          byPort.set(port, m);
          m.set(proto, [...(m.get(proto) ?? []), fullName(s)]);
          let tp = p.targetPort === undefined || p.targetPort === null ? '' : String(p.targetPort);
          if (tp === '' || tp === '0') tp = String(port);
          const t = byTarget.get(tp) ?? new Map<number, string>();
          byTarget.set(tp, t);
          t.set(port, fullName(s));
        }
      }
      for (const [port, protos] of byPort) {
        if (protos.size > 1)
          ctx.reportAt('IST0116', d, META_NAME, d.name, port, [...protos.values()].flat().sort());
      }
      for (const [tp, ports] of byTarget) {
        if (ports.size > 1) {
          ctx.reportAt(
            'IST0137',
            d,
            META_NAME,
            d.name,
            [...ports.values()].sort(),
            tp,
            [...ports.keys()].sort((a, b) => a - b),
          );
        }
      }
    }
  },
};
