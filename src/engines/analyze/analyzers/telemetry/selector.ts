// telemetry.SelectorAnalyzer: selector Telemetries must match a pod, and a pod may be selected by
// only one Telemetry.
import type { Analyzer, Resource } from '../../types.js';
import { fullName, META_NAME, selectorLabel, selectorMatches, stringMap } from '../../util.js';
import { selectorString } from '../gateway/selector.js';

export const telemetrySelectorAnalyzer: Analyzer = {
  name: 'telemetry.SelectorAnalyzer',
  description:
    "Validates that telemetries that define a selector match at least one pod, and that there aren't multiple telemetry resources that select overlapping pods",
  inputs: ['Telemetry', 'Pod'],
  analyze(ctx) {
    const podToTelemetries = new Map<Resource, Resource[]>();
    for (const t of ctx.list('Telemetry')) {
      const sel = stringMap(t.spec?.selector?.matchLabels);
      if (Object.keys(sel).length === 0) continue;
      const pods = ctx
        .list('Pod')
        .filter((p) => p.namespace === t.namespace && selectorMatches(sel, p.labels));
      if (pods.length === 0) {
        const text = selectorString(sel);
        ctx.reportAt('IST0101', t, `{.spec.selector.matchLabels.${selectorLabel(text)}}`, 'selector', text);
      }
      for (const p of pods) podToTelemetries.set(p, [...(podToTelemetries.get(p) ?? []), t]);
    }
    for (const [pod, list] of podToTelemetries) {
      if (list.length < 2) continue;
      const names = list.map(fullName);
      for (const t of list) ctx.reportAt('IST0159', t, META_NAME, names, pod.namespace, pod.name);
    }
  },
};
