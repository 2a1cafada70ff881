// virtualservice.ConflictingMeshGatewayHostsAnalyzer: mesh-bound VirtualServices must not claim the
// same host in the same export scope. As upstream: hosts are grouped by `scope/fqdn` (exact); a
// namespace scope also takes in the exported-to-all VirtualServices whose host overlaps (wildcards);
// exported-to-all hosts compare exactly among themselves; each VirtualService is reported once.
import type { Analyzer, Resource } from '../../types.js';
import {
  EXPORT_ALL,
  EXPORT_LOCAL,
  exportsToAll,
  fullName,
  hostMatches,
  MESH_GATEWAY,
  META_NAME,
  toFqdn,
} from '../../util.js';

interface Group {
  scope: string;
  fqdn: string;
  vss: Resource[];
}

export const conflictingMeshGatewayHostsAnalyzer: Analyzer = {
  name: 'virtualservice.ConflictingMeshGatewayHostsAnalyzer',
  description: 'Checks if multiple virtual services associated with the mesh gateway have conflicting hosts',
  inputs: ['VirtualService'],
  analyze(ctx) {
    const groups = new Map<string, Group>();
    for (const vs of ctx.list('VirtualService')) {
      const gws: string[] = vs.spec?.gateways ?? [];
      if (gws.length > 0 && !gws.includes(MESH_GATEWAY)) continue;
      const exportTo: string[] | undefined = vs.spec?.exportTo;
      const scopes = exportsToAll(exportTo)
        ? [EXPORT_ALL]
        : [...new Set(exportTo!.map((e) => (e === EXPORT_LOCAL ? vs.namespace : String(e))))];
      for (const scope of scopes) {
        for (const h of (vs.spec?.hosts ?? []) as unknown[]) {
          const fqdn = toFqdn(vs.namespace, String(h));
          const key = `${scope}/${fqdn}`;
          const g = groups.get(key) ?? { scope, fqdn, vss: [] };
          groups.set(key, g);
          g.vss.push(vs);
        }
      }
    }
    const exportedToAll = [...groups.values()].filter((g) => g.scope === EXPORT_ALL);
    const reported = new Set<Resource>();
    for (const [key, g] of groups) {
      const list = [...g.vss];
      if (g.scope !== EXPORT_ALL)
        for (const o of exportedToAll) if (hostMatches(g.fqdn, o.fqdn)) list.push(...o.vss);
      if (list.length < 2) continue;
      const names = list.map(fullName).sort().join(',');
      for (const vs of list) {
        if (reported.has(vs)) continue;
        reported.add(vs);
        ctx.reportAt('IST0109', vs, META_NAME, names, key);
      }
    }
  },
};
