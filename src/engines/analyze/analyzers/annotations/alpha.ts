// annotations.AlphaAnalyzer: Istio annotations of alpha-stage features. Like upstream it is not
// part of the default set (too noisy); it runs only when named.
import type { AnalysisContext, Analyzer, Obj, Resource } from '../../types.js';
import { KNOWN_ANNOTATIONS } from './known.js';

/** Set by injection itself when the CNI plugin (no istio-init container) does the redirection. */
const INJECTOR_DEFAULTS = new Set([
  'sidecar.istio.io/interceptionMode',
  'traffic.sidecar.istio.io/includeInboundPorts',
  'traffic.sidecar.istio.io/excludeInboundPorts',
  'traffic.sidecar.istio.io/includeOutboundIPRanges',
]);

/** Written by Istio itself, never by users: nothing to warn about. */
const SET_BY_ISTIO = new Set(['sidecar.istio.io/status', 'istio.io/rev']);

function check(ctx: AnalysisContext, r: Resource, kind: string): void {
  const cni =
    kind === 'Pod' && !((r.spec?.initContainers ?? []) as Obj[]).some((c) => c?.name === 'istio-init');
  for (const name of Object.keys(r.annotations)) {
    const def = KNOWN_ANNOTATIONS.get(name);
    if (def?.status !== 'Alpha' || SET_BY_ISTIO.has(name)) continue;
    if (cni && INJECTOR_DEFAULTS.has(name)) continue;
    ctx.report('IST0136', r, name);
  }
}

export const alphaAnalyzer: Analyzer = {
  name: 'annotations.AlphaAnalyzer',
  description: 'Checks for alpha Istio annotations in Kubernetes resources',
  inputs: ['Namespace', 'Service', 'Pod', 'Deployment'],
  analyze(ctx) {
    for (const kind of ['Namespace', 'Service', 'Pod', 'Deployment']) {
      for (const r of ctx.list(kind)) check(ctx, r, kind);
    }
  },
};
