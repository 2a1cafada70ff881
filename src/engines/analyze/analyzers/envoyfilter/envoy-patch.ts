// envoyfilter.EnvoyPatchAnalyzer: patch operations that are ignored where they are used, and
// order-dependent patches with no priority (worse when a proxyVersion match is involved).
import type { AnalysisContext, Analyzer, Obj, Resource } from '../../types.js';

const ROUTE_LEVEL = new Set(['ROUTE_CONFIGURATION', 'HTTP_ROUTE']);
const REPLACEABLE = new Set(['HTTP_FILTER', 'NETWORK_FILTER', 'VIRTUAL_HOST']);
const RELATIVE = new Set(['INSERT_BEFORE', 'INSERT_AFTER']);

function instanceName(patch: Obj): string {
  const v = patch?.patch?.value;
  if (v && typeof v === 'object') {
    if (v.name !== undefined && v.name !== null) return `name:${JSON.stringify(v.name)}`;
    return String(patch.match?.listener?.filterChain?.filter?.name ?? '');
  }
  return '';
}

function relative(
  ctx: AnalysisContext,
  r: Resource,
  priority: number,
  versioned: readonly string[],
  name: string,
  path: string,
): void {
  if (priority !== 0) return;
  ctx.reportAt(versioned.includes(name) ? 'IST0155' : 'IST0151', r, path);
}

export const envoyPatchAnalyzer: Analyzer = {
  name: 'envoyfilter.EnvoyPatchAnalyzer',
  description: 'Checks EnvoyFilter patches for ignored or order-dependent operations',
  inputs: ['EnvoyFilter'],
  analyze(ctx) {
    // Names of patched objects whose patch carries a proxyVersion match, across all filters.
    const versioned: string[] = [];
    for (const r of ctx.list('EnvoyFilter')) {
      const priority = Number(r.spec?.priority ?? 0);
      for (const [i, p] of ((r.spec?.configPatches ?? []) as Obj[]).entries()) {
        if (!p?.patch) break;
        const path = `{.spec.configPatches[${i}].patch.value}`;
        const name = instanceName(p);
        const op = p.patch.operation;
        const applyTo = p.applyTo;
        if (op === 'ADD') {
          if (ROUTE_LEVEL.has(applyTo)) ctx.reportAt('IST0153', r, path);
        } else if (op === 'REMOVE') {
          if (ROUTE_LEVEL.has(applyTo)) ctx.reportAt('IST0154', r, path);
          else relative(ctx, r, priority, versioned, name, path);
        } else if (op === 'REPLACE') {
          if (!REPLACEABLE.has(applyTo)) ctx.reportAt('IST0152', r, path);
          else relative(ctx, r, priority, versioned, name, path);
        } else if (RELATIVE.has(op)) {
          relative(ctx, r, priority, versioned, name, path);
        }
        if (p.match?.proxy?.proxyVersion) versioned.push(name);
      }
    }
  },
};
