// telemetry.DefaultSelectorAnalyzer: at most one selector-less (and targetRef-less) Telemetry per
// namespace.
import type { Analyzer, Resource } from '../../types.js';
import { fullName } from '../../util.js';

export const telemetryDefaultSelectorAnalyzer: Analyzer = {
  name: 'telemetry.DefaultSelectorAnalyzer',
  description:
    "Validates that there aren't multiple telemetry resources that have no selector in the same namespace",
  inputs: ['Telemetry'],
  analyze(ctx) {
    const byNs = new Map<string, Resource[]>();
    for (const t of ctx.list('Telemetry')) {
      const s = t.spec ?? {};
      if (s.selector || s.targetRef || (s.targetRefs ?? []).length > 0) continue;
      byNs.set(t.namespace, [...(byNs.get(t.namespace) ?? []), t]);
    }
    for (const [ns, list] of byNs) {
      if (list.length < 2) continue;
      const names = list.map(fullName);
      for (const t of list) ctx.report('IST0160', t, names, ns);
    }
  },
};
