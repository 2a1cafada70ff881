// Route and mirror destinations of a VirtualService, in upstream's order (tcp, tls, http).
import type { Obj, Resource } from '../../types.js';

export interface RouteDestination {
  rule: 'tcp' | 'tls' | 'http' | 'http.mirror' | 'http.mirrors';
  destination: Obj;
  /** Upstream's field path key for the destination host (its line in messages). */
  path: string;
}

export function routeDestinations(vs: Resource): RouteDestination[] {
  const out: RouteDestination[] = [];
  for (const rule of ['tcp', 'tls', 'http'] as const) {
    ((vs.spec?.[rule] ?? []) as Obj[]).forEach((r, i) => {
      ((r?.route ?? []) as Obj[]).forEach((d, j) => {
        const path = `{.spec.${rule}[${i}].route[${j}].destination.host}`;
        out.push({ rule, destination: d?.destination ?? {}, path });
      });
    });
  }
  return out;
}

export function mirrorDestinations(vs: Resource): RouteDestination[] {
  const out: RouteDestination[] = [];
  ((vs.spec?.http ?? []) as Obj[]).forEach((r, i) => {
    if (r?.mirror)
      out.push({ rule: 'http.mirror', destination: r.mirror, path: `{.spec.http[${i}].mirror.host}` });
    // Upstream's key for mirrors leaves out `.destination`, so it never matches a field.
    ((r?.mirrors ?? []) as Obj[]).forEach((m, j) => {
      const path = `{.spec.http[${i}].mirrors[${j}].host}`;
      out.push({ rule: 'http.mirrors', destination: m?.destination ?? {}, path });
    });
  });
  return out;
}
