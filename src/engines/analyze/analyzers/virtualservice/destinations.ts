// Route and mirror destinations of a VirtualService, in upstream's order (tcp, tls, http).
import type { Obj, Resource } from '../../types.js';

export interface RouteDestination {
  rule: 'tcp' | 'tls' | 'http' | 'http.mirror' | 'http.mirrors';
  destination: Obj;
}

export function routeDestinations(vs: Resource): RouteDestination[] {
  const out: RouteDestination[] = [];
  for (const rule of ['tcp', 'tls', 'http'] as const) {
    for (const r of (vs.spec?.[rule] ?? []) as Obj[]) {
      for (const d of (r?.route ?? []) as Obj[]) out.push({ rule, destination: d?.destination ?? {} });
    }
  }
  return out;
}

export function mirrorDestinations(vs: Resource): RouteDestination[] {
  const out: RouteDestination[] = [];
  for (const r of (vs.spec?.http ?? []) as Obj[]) {
    if (r?.mirror) out.push({ rule: 'http.mirror', destination: r.mirror });
    for (const m of (r?.mirrors ?? []) as Obj[])
      out.push({ rule: 'http.mirrors', destination: m?.destination ?? {} });
  }
  return out;
}
