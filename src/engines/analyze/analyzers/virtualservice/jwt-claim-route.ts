// virtualservice.JWTClaimRouteAnalyzer: routing on JWT claims at a gateway needs a
// RequestAuthentication that applies to the gateway pods.
import type { Analyzer, Obj, Resource } from '../../types.js';
import { MESH_GATEWAY, selectorMatches, stringMap } from '../../util.js';

const CLAIM_PREFIX = '@request.auth.claims';

function claimKey(vs: Resource): string {
  for (const h of (vs.spec?.http ?? []) as Obj[]) {
    for (const m of (h?.match ?? []) as Obj[]) {
      for (const k of [...Object.keys(m?.headers ?? {}), ...Object.keys(m?.withoutHeaders ?? {})]) {
        if (k.startsWith(CLAIM_PREFIX)) return k;
      }
    }
  }
  return '';
}

export const jwtClaimRouteAnalyzer: Analyzer = {
  name: 'virtualservice.JWTClaimRouteAnalyzer',
  description:
    'Checks the VirtualService using JWT claim based routing has corresponding RequestAuthentication',
  inputs: ['VirtualService', 'RequestAuthentication', 'Gateway', 'Pod'],
  analyze(ctx) {
    const raByNs = new Map<string, Array<Record<string, string>>>();
    for (const ra of ctx.list('RequestAuthentication')) {
      raByNs.set(ra.namespace, [
        ...(raByNs.get(ra.namespace) ?? []),
        stringMap(ra.spec?.selector?.matchLabels),
      ]);
    }
    for (const vs of ctx.list('VirtualService')) {
      const key = claimKey(vs);
      if (!key) continue;
      for (const gwName of (vs.spec?.gateways ?? []) as string[]) {
        if (gwName === MESH_GATEWAY) continue;
        const i = gwName.indexOf('/');
        const ns = i < 0 ? vs.namespace : gwName.slice(0, i);
        const name = i < 0 ? gwName : gwName.slice(i + 1);
        const gw = ctx.find('Gateway', ns, name);
        if (!gw) continue;
        const sel = stringMap(gw.spec?.selector);
        for (const p of ctx.list('Pod')) {
          if (!selectorMatches(sel, p.labels)) continue;
          const sels = [...(raByNs.get('istio-system') ?? []), ...(raByNs.get(p.namespace) ?? [])];
          if (!sels.some((s) => selectorMatches(s, p.labels))) {
            ctx.report('IST0149', vs, key, ns ? `${ns}/${name}` : name, p.name);
          }
        }
      }
    }
  },
};
