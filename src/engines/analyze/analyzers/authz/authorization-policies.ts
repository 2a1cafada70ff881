// auth.AuthorizationPoliciesAnalyzer: selectors that match no in-mesh pod, and rule source
// namespaces that do not exist.
import type { Analyzer, Obj } from '../../types.js';
import { podInMesh, selectorMatches, stringMap } from '../../util.js';

function namespaceMatch(ns: string, exp: string): boolean {
  if (exp === '*') return true;
  if (exp.startsWith('*')) return ns.endsWith(exp.slice(1));
  if (exp.endsWith('*')) return ns.startsWith(exp.slice(0, -1));
  return ns.toLowerCase() === exp.toLowerCase();
}

/** klabels.SelectorFromSet(...).String(): sorted `k=v` pairs joined by commas. */
function selectorString(sel: Record<string, string>): string {
  return Object.keys(sel)
    .sort()
    .map((k) => `${k}=${sel[k]}`)
    .join(',');
}

export const authorizationPoliciesAnalyzer: Analyzer = {
  name: 'auth.AuthorizationPoliciesAnalyzer',
  description: 'Checks that authorization policies select workloads and name existing namespaces',
  inputs: ['MeshConfig', 'AuthorizationPolicy', 'Namespace', 'Pod'],
  analyze(ctx) {
    const podLabels = new Map<string, Array<Record<string, string>>>();
    for (const p of ctx.list('Pod')) {
      const list = podLabels.get(p.namespace) ?? [];
      podLabels.set(p.namespace, list);
      if (podInMesh(ctx, p)) list.push(p.labels);
    }
    const rootNs = ctx.meshConfig?.rootNamespace ?? ctx.istioNamespace;
    const namespaces = ctx.list('Namespace').map((n) => n.name);
    for (const r of ctx.list('AuthorizationPolicy')) {
      const spec = r.spec ?? {};
      const sel = spec.selector ? stringMap(spec.selector.matchLabels) : undefined;
      if (r.namespace === rootNs) {
        if (sel && ![...podLabels.values()].some((l) => l.some((x) => selectorMatches(sel, x)))) {
          ctx.report('IST0127', r, selectorString(sel));
        }
      } else if (!sel) {
        if ((podLabels.get(r.namespace) ?? []).length === 0) ctx.report('IST0127', r, '');
      } else if (!(podLabels.get(r.namespace) ?? []).some((x) => selectorMatches(sel, x))) {
        ctx.report('IST0127', r, selectorString(sel));
      }
      for (const [i, rule] of ((spec.rules ?? []) as Obj[]).entries()) {
        for (const [j, from] of ((rule?.from ?? []) as Obj[]).entries()) {
          const src = from?.source ?? {};
          const own: string[] = src.namespaces ?? [];
          for (const [k, ns] of [...own, ...(src.notNamespaces ?? [])].entries() as Iterable<
            [number, string]
          >) {
            if (namespaces.some((n) => namespaceMatch(n, ns))) continue;
            // Upstream's key always names `namespaces`, also for notNamespaces entries.
            const at = k >= own.length ? k - own.length : k;
            ctx.reportAt(
              'IST0101',
              r,
              `{.spec.rules[${i}].from[${j}].source.namespaces[${at}]}`,
              'namespace',
              ns,
            );
          }
        }
      }
    }
  },
};
