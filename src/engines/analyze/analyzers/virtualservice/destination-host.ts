// virtualservice.DestinationHostAnalyzer: destinations must resolve to a visible service and port
// (a port is required when the service has several), and gateway-bound routes without subsets
// lose the subset routing other VirtualServices define for the same host.
import type { Analyzer, Obj, Resource } from '../../types.js';
import { destinationService, fullName, serviceHostMap } from '../../util.js';
import { mirrorDestinations, routeDestinations } from './destinations.js';

export const destinationHostAnalyzer: Analyzer = {
  name: 'virtualservice.DestinationHostAnalyzer',
  description: 'Checks the destination hosts associated with each virtual service',
  inputs: ['ServiceEntry', 'VirtualService', 'Service'],
  analyze(ctx) {
    const services = serviceHostMap(ctx);
    // VirtualService → its destinations that use a subset of one of its own hosts.
    const subsetDests = new Map<Resource, Obj[]>();
    for (const vs of ctx.list('VirtualService')) {
      const hosts: string[] = vs.spec?.hosts ?? [];
      for (const h of (vs.spec?.http ?? []) as Obj[]) {
        for (const r of (h?.route ?? []) as Obj[]) {
          const d = r?.destination;
          if (d?.subset && hosts.includes(d.host)) subsetDests.set(vs, [...(subsetDests.get(vs) ?? []), d]);
        }
      }
    }
    for (const vs of ctx.list('VirtualService')) {
      const exportTo: string[] | undefined = vs.spec?.exportTo;
      const check = (d: Obj, mirror: boolean) => {
        const host = String(d?.host ?? '');
        const s = destinationService(ctx, services, vs.namespace, exportTo, host);
        if (!s) {
          ctx.report('IST0101', vs, mirror ? 'mirror host' : 'host', host);
          return;
        }
        const port = d?.port?.number;
        if (port === undefined || port === null) {
          if (s.ports.length > 1)
            ctx.report(
              'IST0112',
              vs,
              host,
              s.ports.map((p) => p.number),
            );
          return;
        }
        if (!s.ports.some((p) => p.number === Number(port)))
          ctx.report('IST0101', vs, 'host:port', `${host}:${port}`);
      };
      for (const d of routeDestinations(vs)) check(d.destination, false);
      for (const d of mirrorDestinations(vs)) check(d.destination, true);
      if ((vs.spec?.gateways ?? []).length === 0) continue;
      for (const h of (vs.spec?.http ?? []) as Obj[]) {
        for (const r of (h?.route ?? []) as Obj[]) {
          if (r?.destination?.subset) continue;
          for (const [other, dests] of subsetDests) {
            for (const d of dests) {
              if (d.host === r?.destination?.host) ctx.report('IST0140', vs, fullName(other), fullName(vs));
            }
          }
        }
      }
    }
  },
};
