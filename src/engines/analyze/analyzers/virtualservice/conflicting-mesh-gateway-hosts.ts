// virtualservice.ConflictingMeshGatewayHostsAnalyzer: one host may be claimed by only one
// mesh-bound VirtualService in each exportTo scope.
import type { Analyzer, Resource } from '../../types.js';
import { EXPORT_ALL, EXPORT_LOCAL, exportsToAll, fullName, MESH_GATEWAY, toFqdn } from '../../util.js';

export const conflictingMeshGatewayHostsAnalyzer: Analyzer = {
  name: 'virtualservice.ConflictingMeshGatewayHostsAnalyzer',
  description: 'Checks if multiple virtual services associated with the mesh gateway have conflicting hosts',
  inputs: ['VirtualService'],
  analyze(ctx) {
    const byHost = new Map<string, Resource[]>();
    for (const vs of ctx.list('VirtualService')) {
      const gws: string[] = vs.spec?.gateways ?? [];
      if (gws.length > 0 && !gws.includes(MESH_GATEWAY)) continue;
      const exportTo: string[] | undefined = vs.spec?.exportTo;
      const scopes = exportsToAll(exportTo)
        ? [EXPORT_ALL]
        : [...new Set(exportTo!.map((e) => (e === EXPORT_LOCAL ? vs.namespace : e)))];
      for (const scope of scopes) {
        for (const h of (vs.spec?.hosts ?? []) as string[]) {
          const key = `${scope}/${toFqdn(vs.namespace, h)}`;
          byHost.set(key, [...(byHost.get(key) ?? []), vs]);
        }
      }
    }
    for (const [key, list] of byHost) {
      if (list.length < 2) continue;
      const names = list.map(fullName).join(',');
      for (const vs of list) ctx.report('IST0109', vs, names, key);
    }
  },
};
