// gateway.ConflictingGatewayAnalyzer: Gateways selecting the same workloads must not declare the
// same host (with the same bind) on the same port. As upstream: hosts compare as exact strings, and
// a server found free of duplicates adds its hosts to each gateway it was compared with, so later
// comparisons see them (upstream visits in map order; we visit gateways in name order).
import type { AnalysisContext, Analyzer, Obj } from '../../types.js';
import { fullName, selectorLabel, selectorMatches } from '../../util.js';
import { gatewaySelector, selectorString, servers } from './selector.js';

/** host → bind, per gateway, per `selector~port`. */
type HostsByGateway = Map<string, Map<string, string>>;

function parseSelector(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of s.split(',')) {
    const kv = pair.split('=');
    if (kv.length === 2) out[kv[0]!] = kv[1]!;
  }
  return out;
}

/** Selectors equal, or one containing the other's text while both select a common pod. */
function sameWorkloads(ctx: AnalysisContext, mine: string, other: string): boolean {
  if (mine === other) return true;
  if (!other.includes(mine) && !mine.includes(other)) return false;
  const a = parseSelector(mine);
  const b = parseSelector(other);
  return ctx.list('Pod').some((p) => selectorMatches(a, p.labels) && selectorMatches(b, p.labels));
}

/** Hosts of the server already known with the same bind; when none, they become known. */
function duplicates(server: Obj, known: Map<string, string>): boolean {
  const hosts: string[] = (server.hosts ?? []).map(String);
  const bind = String(server.bind ?? '');
  const dup = hosts.some((h) => known.has(h) && known.get(h) === bind);
  if (!dup) for (const h of hosts) known.set(h, bind);
  return dup;
}

export const conflictingGatewayAnalyzer: Analyzer = {
  name: 'gateway.ConflictingGatewayAnalyzer',
  description: "Checks a gateway's selector, port number and hosts",
  inputs: ['Gateway', 'Pod'],
  analyze(ctx) {
    const byKey = new Map<string, HostsByGateway>();
    const gws = [...ctx.list('Gateway')].sort((a, b) => (fullName(a) < fullName(b) ? -1 : 1));
    for (const r of gws) {
      const sel = selectorString(gatewaySelector(r));
      for (const s of servers(r)) {
        const key = `${sel}~${Number(s.port?.number ?? 0)}`;
        const m = byKey.get(key) ?? new Map<string, Map<string, string>>();
        byKey.set(key, m);
        m.set(
          fullName(r),
          new Map(((s.hosts ?? []) as unknown[]).map((h) => [String(h), String(s.bind ?? '')])),
        );
      }
    }
    for (const r of gws) {
      const sel = selectorString(gatewaySelector(r));
      const me = fullName(r);
      const hit = [...byKey.keys()]
        .filter((k) => sameWorkloads(ctx, sel, k.slice(0, k.lastIndexOf('~'))))
        .sort();
      // its own servers make a match, so this only fires for a gateway without servers
      if (sel !== '' && hit.length === 0) {
        ctx.reportAt('IST0101', r, `{.spec.selector.${selectorLabel(sel)}}`, 'selector', sel);
        continue;
      }
      for (const s of servers(r)) {
        const port = String(Number(s.port?.number ?? 0));
        const conflicts: string[] = [];
        for (const key of hit) {
          if (key.slice(key.lastIndexOf('~') + 1) !== port) continue;
          for (const [other, known] of [...byKey.get(key)!].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
            if (other !== me && duplicates(s, known)) conflicts.push(other);
          }
        }
        if (conflicts.length > 0) {
          const hosts = ((s.hosts ?? []) as unknown[]).map(String).join(',');
          ctx.report('IST0145', r, conflicts.sort().join(','), sel, port, hosts);
        }
      }
    }
  },
};
