// sidecar.SelectorAnalyzer: selector Sidecars must match a pod, a pod may be selected by only one
// Sidecar, a namespace may hold only one selector-less Sidecar, and Sidecars do nothing for
// ambient workloads.
import type { Analyzer, Resource } from '../../types.js';
import {
  fullName,
  INJECTION_LABEL,
  META_NAME,
  REV_LABEL,
  selectorLabel,
  selectorMatches,
  stringMap,
} from '../../util.js';
import { selectorString } from '../gateway/selector.js';

const AMBIENT_REDIRECTION = 'ambient.istio.io/redirection';

function namespaceAmbient(ns: Resource | undefined): boolean {
  if (!ns) return false;
  if (ns.labels[INJECTION_LABEL] === 'enabled' || ns.labels[REV_LABEL]) return false;
  return ns.labels['istio.io/dataplane-mode'] === 'ambient';
}

export const sidecarSelectorAnalyzer: Analyzer = {
  name: 'sidecar.SelectorAnalyzer',
  description:
    "Validates that sidecars that define a workload selector match at least one pod, and that there aren't multiple sidecar resources that select overlapping pods",
  inputs: ['Sidecar', 'Pod', 'Namespace'],
  analyze(ctx) {
    const podToSidecars = new Map<Resource, Resource[]>();
    const noSelector = new Map<string, Resource[]>();
    for (const s of ctx.list('Sidecar')) {
      const sel = stringMap(s.spec?.workloadSelector?.labels);
      if (Object.keys(sel).length === 0) {
        noSelector.set(s.namespace, [...(noSelector.get(s.namespace) ?? []), s]);
        if (namespaceAmbient(ctx.find('Namespace', '', s.namespace))) {
          ctx.report('IST0167', s, 'the namespace runs in ambient mode, where Sidecar resources are ignored');
        }
        continue;
      }
      const pods = ctx
        .list('Pod')
        .filter((p) => p.namespace === s.namespace && selectorMatches(sel, p.labels));
      if (pods.length === 0) {
        const text = selectorString(sel);
        ctx.reportAt(
          'IST0101',
          s,
          `{.spec.workloadSelector.labels.${selectorLabel(text)}}`,
          'selector',
          text,
        );
        continue;
      }
      for (const p of pods) podToSidecars.set(p, [...(podToSidecars.get(p) ?? []), s]);
      if (pods.every((p) => p.annotations[AMBIENT_REDIRECTION] === 'enabled')) {
        ctx.report(
          'IST0167',
          s,
          'the selected workloads run in ambient mode, where Sidecar resources are ignored',
        );
      }
    }
    for (const [pod, list] of podToSidecars) {
      if (list.length < 2) continue;
      const names = list.map(fullName);
      for (const s of list) ctx.reportAt('IST0110', s, META_NAME, names, pod.namespace, pod.name);
    }
    for (const [ns, list] of noSelector) {
      if (list.length < 2) continue;
      const names = list.map(fullName);
      for (const s of list) ctx.report('IST0111', s, names, ns);
    }
  },
};
