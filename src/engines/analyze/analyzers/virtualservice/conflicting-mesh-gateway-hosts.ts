// virtualservice.ConflictingMeshGatewayHostsAnalyzer: mesh-bound VirtualServices whose exportTo
// scopes overlap must not claim overlapping hosts (wildcards included).
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

interface Entry {
  vs: Resource;
  scopes: Set<string>;
  host: string;
}

function scopesOverlap(a: Set<string>, b: Set<string>): boolean {
  if (a.has(EXPORT_ALL) || b.has(EXPORT_ALL)) return true;
  for (const s of a) if (b.has(s)) return true;
  return false;
}

export const conflictingMeshGatewayHostsAnalyzer: Analyzer = {
  name: 'virtualservice.ConflictingMeshGatewayHostsAnalyzer',
  description: 'Checks if multiple virtual services associated with the mesh gateway have conflicting hosts',
  inputs: ['VirtualService'],
  analyze(ctx) {
    const entries: Entry[] = [];
    for (const vs of ctx.list('VirtualService')) {
      const gws: string[] = vs.spec?.gateways ?? [];
      if (gws.length > 0 && !gws.includes(MESH_GATEWAY)) continue;
      const exportTo: string[] | undefined = vs.spec?.exportTo;
      const scopes = new Set(
        exportsToAll(exportTo) ? [EXPORT_ALL] : exportTo!.map((e) => (e === EXPORT_LOCAL ? vs.namespace : e)),
      );
      for (const h of (vs.spec?.hosts ?? []) as string[])
        entries.push({ vs, scopes, host: toFqdn(vs.namespace, String(h)) });
    }
    // Exact hosts are indexed; wildcard hosts are compared with everything.
    const exact = new Map<string, Entry[]>();
    const wildcards: Entry[] = [];
    for (const e of entries) {
      if (e.host.startsWith('*')) wildcards.push(e);
      else exact.set(e.host, [...(exact.get(e.host) ?? []), e]);
    }
    for (const e of entries) {
      const candidates = e.host.startsWith('*') ? entries : [...(exact.get(e.host) ?? []), ...wildcards];
      const conflicts = new Set<Resource>();
      for (const o of candidates) {
        if (o.vs === e.vs || conflicts.has(o.vs)) continue;
        if (scopesOverlap(e.scopes, o.scopes) && hostMatches(e.host, o.host)) conflicts.add(o.vs);
      }
      if (conflicts.size === 0) continue;
      const names = [e.vs, ...conflicts].map(fullName).sort().join(',');
      ctx.reportAt('IST0109', e.vs, META_NAME, names, e.host);
    }
  },
};
