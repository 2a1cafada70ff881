// gateway.ConflictingGatewayAnalyzer: Gateways with the same selector and port must not declare
// overlapping hosts.
import type { Analyzer } from '../../types.js';
import { fullName, hostMatches, selectorLabel } from '../../util.js';
import { gatewaySelector, selectedPods, selectorString, servers } from './selector.js';

export const conflictingGatewayAnalyzer: Analyzer = {
  name: 'gateway.ConflictingGatewayAnalyzer',
  description: "Checks a gateway's selector, port number and hosts",
  inputs: ['Gateway', 'Pod'],
  analyze(ctx) {
    // `selector~port` → gateway full name → hosts
    const byKey = new Map<string, Map<string, string[]>>();
    const gws = ctx.list('Gateway');
    for (const r of gws) {
      const sel = selectorString(gatewaySelector(r));
      for (const s of servers(r)) {
        if (!s.port) continue;
        const key = `${sel}~${Number(s.port.number)}`;
        const m = byKey.get(key) ?? new Map<string, string[]>();
        byKey.set(key, m);
        m.set(fullName(r), (s.hosts ?? []).map(String));
      }
    }
    for (const r of gws) {
      const sel = selectorString(gatewaySelector(r));
      if (sel !== '' && selectedPods(ctx, gatewaySelector(r)).length === 0) {
        ctx.reportAt('IST0101', r, `{.spec.selector.${selectorLabel(sel)}}`, 'selector', sel);
        continue;
      }
      const me = fullName(r);
      for (const s of servers(r)) {
        if (!s.port) continue;
        const port = String(Number(s.port.number));
        const hosts: string[] = (s.hosts ?? []).map(String);
        const conflicts: string[] = [];
        for (const [other, otherHosts] of byKey.get(`${sel}~${port}`) ?? []) {
          if (other === me) continue;
          for (const h of hosts) if (otherHosts.some((o) => hostMatches(h, o))) conflicts.push(other);
        }
        if (conflicts.length > 0) ctx.report('IST0145', r, conflicts.join(','), sel, port, hosts.join(','));
      }
    }
  },
};
