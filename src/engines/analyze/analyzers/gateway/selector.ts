// Shared by the gateway analyzers: a Gateway's selector as klabels prints it, and its pods.
import type { AnalysisContext, Obj, Resource } from '../../types.js';
import { selectorMatches, stringMap } from '../../util.js';

export function gatewaySelector(r: Resource): Record<string, string> {
  return stringMap(r.spec?.selector);
}

/** `k1=v1,k2=v2` with sorted keys, as labels.SelectorFromSet(...).String() prints it. */
export function selectorString(sel: Record<string, string>): string {
  return Object.keys(sel)
    .sort()
    .map((k) => `${k}=${sel[k]}`)
    .join(',');
}

export function selectedPods(ctx: AnalysisContext, sel: Record<string, string>): Resource[] {
  return ctx.list('Pod').filter((p) => selectorMatches(sel, p.labels));
}

export function servers(r: Resource): Obj[] {
  return (r.spec?.servers ?? []).filter((s: Obj) => s && typeof s === 'object');
}
