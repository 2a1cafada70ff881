// destinationrule.SubsetSelectPodAnalyzer: a DestinationRule host must be a known service, and
// each subset must select at least one pod (pod labels extended with the node's topology labels).
import type { Analyzer, Obj, Resource } from '../../types.js';
import { destinationService, selectorMatches, serviceHostMap, stringMap } from '../../util.js';

const TOPOLOGY = [
  'topology.kubernetes.io/region',
  'topology.kubernetes.io/zone',
  'topology.istio.io/subzone',
];

export const subsetSelectPodAnalyzer: Analyzer = {
  name: 'destinationrule.SubsetSelectPodAnalyzer',
  description: 'Checks that DestinationRule hosts exist and subsets select pods',
  inputs: ['DestinationRule', 'Pod', 'Service', 'ServiceEntry', 'Node'],
  analyze(ctx) {
    const services = serviceHostMap(ctx);
    const subsets: Array<{ dr: Resource; name: string; sel: Record<string, string>; matched: boolean }> = [];
    for (const r of ctx.list('DestinationRule')) {
      const spec = r.spec ?? {};
      const se = destinationService(ctx, services, r.namespace, spec.exportTo, spec.host ?? '');
      if (!se) {
        ctx.report('IST0174', r, spec.host ?? '');
        continue;
      }
      const wl =
        se.resource.key === 'ServiceEntry' ? stringMap(se.resource.spec?.workloadSelector?.labels) : {};
      for (const s of (spec.subsets ?? []) as Obj[]) {
        subsets.push({ dr: r, name: s?.name ?? '', sel: { ...wl, ...stringMap(s?.labels) }, matched: false });
      }
    }
    if (subsets.length === 0) return;
    const nodes = new Map(ctx.list('Node').map((n) => [n.name, n.labels]));
    for (const p of ctx.list('Pod')) {
      const labels = { ...p.labels };
      const nodeName: string = p.spec?.nodeName ?? '';
      const nl = nodeName ? nodes.get(nodeName) : undefined;
      if (nl) {
        for (const t of TOPOLOGY) if (t in nl) labels[t] = nl[t]!;
        labels['kubernetes.io/hostname'] = nodeName;
      }
      for (const s of subsets) if (!s.matched && selectorMatches(s.sel, labels)) s.matched = true;
    }
    for (const s of subsets) if (!s.matched) ctx.report('IST0173', s.dr, s.name);
  },
};
