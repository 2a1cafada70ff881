// virtualservice.DestinationHostAnalyzer: destinations must resolve to a visible service and port
// (a port is required when the service has several), and gateway-bound routes without subsets
// lose the subset routing other VirtualServices define for the same host.
import type { Analyzer, Obj, Resource } from '../../types.js';
import { destinationService, fullName, serviceHostMap } from '../../util.js';
import { mirrorDestinations, type RouteDestination, routeDestinations } from './destinations.js';

export const destinationHostAnalyzer: Analyzer = {
  name: 'virtualservice.DestinationHostAnalyzer',
  description: 'Checks the destination hosts associated with each virtual service',
  inputs: ['ServiceEntry', 'VirtualService', 'Service'],
  analyze(ctx) {
    const services = serviceHostMap(ctx);
    // Destination host → VirtualServices routing to a subset of it, one of their own hosts.
    const subsetUsers = new Map<string, Resource[]>();
    for (const vs of ctx.list('VirtualService')) {
      const hosts: string[] = vs.spec?.hosts ?? [];
      for (const h of (vs.spec?.http ?? []) as Obj[]) {
        for (const r of (h?.route ?? []) as Obj[]) {
          const d = r?.destination;
          if (d?.subset && hosts.includes(d.host)) {
            const list = subsetUsers.get(d.host) ?? [];
            list.push(vs);
            subsetUsers.set(d.host, list);
          }
        }
      }
    }
    for (const vs of ctx.list('VirtualService')) {
      const exportTo: string[] | undefined = vs.spec?.exportTo;
      const check = ({ destination: d, rule, path }: RouteDestination) => {
        const host = String(d?.host ?? '');
        const s = destinationService(ctx, services, vs.namespace, exportTo, host);
        if (!s) {
          ctx.reportAt('IST0101', vs, path, rule.startsWith('http.mirror') ? 'mirror host' : 'host', host);
          return;
        }
        const port = d?.port?.number;
        if (port === undefined || port === null) {
          if (s.ports.length > 1)
            ctx.reportAt(
              'IST0112',
              vs,
              path,
              host,
              s.ports.map((p) => p.number),
            );
          return;
        }
        if (!s.ports.some((p) => p.number === Number(port)))
          ctx.reportAt('IST0101', vs, path, 'host:port', `${host}:${port}`);
      };
      for (const d of routeDestinations(vs)) check(d);
      for (const d of mirrorDestinations(vs)) check(d);
      if ((vs.spec?.gateways ?? []).length === 0) continue;
      ((vs.spec?.http ?? []) as Obj[]).forEach((h, i) => {
        ((h?.route ?? []) as Obj[]).forEach((r, j) => {
          if (r?.destination?.subset) return;
          // Upstream builds this key from the route's name where the others use the rule kind.
          const path = `{.spec.${h?.name ?? ''}[${i}].route[${j}].destination.host}`;
          for (const other of subsetUsers.get(r?.destination?.host) ?? [])
            ctx.reportAt('IST0140', vs, path, fullName(other), fullName(vs));
        });
      });
    }
  },
};
