// meshnetworks.MeshNetworksAnalyzer: meshNetworks endpoints must name a known registry: a built-in
// one or a cluster with a remote secret.
import type { Analyzer, Obj } from '../../types.js';

const BUILT_IN = ['Mock', 'Kubernetes', 'External'];

export const meshNetworksAnalyzer: Analyzer = {
  name: 'meshnetworks.MeshNetworksAnalyzer',
  description: 'Check the validity of MeshNetworks in the cluster',
  inputs: ['MeshNetworks', 'Secret'],
  analyze(ctx) {
    const known = new Set(BUILT_IN);
    for (const s of ctx.list('Secret')) {
      if (s.labels['istio/multiCluster'] === 'true')
        for (const k of Object.keys(s.obj.data ?? {})) known.add(k);
    }
    for (const r of ctx.list('MeshNetworks')) {
      let i = 0;
      for (const [, net] of Object.entries((r.spec?.networks ?? {}) as Record<string, Obj>)) {
        for (const e of (net?.endpoints ?? []) as Obj[]) {
          if (e?.fromRegistry !== undefined && !known.has(String(e.fromRegistry))) {
            ctx.report('IST0126', r, String(e.fromRegistry), i);
          }
        }
        i++;
      }
    }
  },
};
