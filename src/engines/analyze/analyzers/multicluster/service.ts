// services.MultiClusterServiceAnalyzer: a Service with the same namespace/name in several clusters
// should be defined the same way everywhere.
import type { Analyzer, Obj, Resource } from '../../types.js';

function shape(r: Resource): { type: string; headless: boolean; ports: string } {
  const s: Obj = r.spec ?? {};
  const ports = ((s.ports ?? []) as Obj[])
    .map((p) => `${p.name ?? ''}/${p.port}/${p.protocol ?? 'TCP'}/${p.targetPort ?? ''}`)
    .sort()
    .join(',');
  return { type: s.type ?? 'ClusterIP', headless: s.clusterIP === 'None', ports };
}

export const multiClusterServiceAnalyzer: Analyzer = {
  name: 'services.MultiClusterServiceAnalyzer',
  description: 'Check the validity of services in the multi-cluster environment',
  inputs: ['Service'],
  analyze(ctx) {
    const byName = new Map<string, Resource[]>();
    for (const r of ctx.list('Service')) {
      const k = `${r.namespace}/${r.name}`;
      byName.set(k, [...(byName.get(k) ?? []), r]);
    }
    for (const list of byName.values()) {
      const clusters = [...new Set(list.map((r) => r.origin.cluster ?? ''))];
      if (clusters.length < 2) continue;
      const first = shape(list[0]!);
      for (const r of list.slice(1)) {
        const s = shape(r);
        const diffs: string[] = [];
        if (s.type !== first.type) diffs.push(`type ${first.type} vs ${s.type}`);
        if (s.headless !== first.headless) diffs.push('headless in only some clusters');
        if (s.ports !== first.ports) diffs.push('ports differ');
        if (diffs.length > 0)
          ctx.report('IST0170', r, r.name, r.namespace, clusters.sort(), diffs.join('; '));
      }
    }
  },
};
