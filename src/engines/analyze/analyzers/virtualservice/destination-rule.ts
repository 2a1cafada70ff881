// virtualservice.DestinationRuleAnalyzer: a destination subset must be defined by a
// DestinationRule for that host.
import type { Analyzer } from '../../types.js';
import { serviceNameFromHost } from '../../util.js';
import { mirrorDestinations, routeDestinations } from './destinations.js';

export const destinationRuleAnalyzer: Analyzer = {
  name: 'virtualservice.DestinationRuleAnalyzer',
  description: 'Checks the destination rules associated with each virtual service',
  inputs: ['VirtualService', 'DestinationRule'],
  analyze(ctx) {
    const known = new Set<string>();
    for (const dr of ctx.list('DestinationRule')) {
      // as upstream: the DR host is read as given (short names in the DR's namespace)
      const n = serviceNameFromHost(dr.namespace, String(dr.spec?.host ?? ''));
      for (const s of dr.spec?.subsets ?? []) known.add(`${n.namespace}/${n.name}/${s?.name ?? ''}`);
    }
    for (const vs of ctx.list('VirtualService')) {
      for (const { rule, destination: d, path } of [...routeDestinations(vs), ...mirrorDestinations(vs)]) {
        if (!d?.subset) continue;
        const n = serviceNameFromHost(vs.namespace, String(d.host ?? ''));
        if (known.has(`${n.namespace}/${n.name}/${d.subset}`)) continue;
        const what = rule.startsWith('http.mirror')
          ? 'mirror+subset in destinationrule'
          : 'host+subset in destinationrule';
        ctx.reportAt('IST0101', vs, path, what, `${d.host}+${d.subset}`);
      }
    }
  },
};
