// annotations.K8sAnalyzer: Istio-domain annotations on Namespaces, Services, Pods and Deployments
// that Istio does not know, that belong on another kind, that are deprecated, or whose value
// the injector would reject.
import type { AnalysisContext, Analyzer, Resource } from '../../types.js';
import { SIDECAR_INJECT } from '../../util.js';
import { ANNOTATION_CHECKS, KNOWN_ANNOTATIONS } from './known.js';

function istioDomain(name: string): boolean {
  if (name === 'kubernetes.io/ingress.class') return true;
  return name.split('/')[0]!.endsWith('istio.io');
}

function check(ctx: AnalysisContext, r: Resource, kind: string): void {
  for (const [name, value] of Object.entries(r.annotations)) {
    if (!istioDomain(name)) continue;
    const def = KNOWN_ANNOTATIONS.get(name);
    if (!def) {
      ctx.report('IST0108', r, name);
      continue;
    }
    if (def.deprecated && !(name === SIDECAR_INJECT && SIDECAR_INJECT in r.labels)) {
      ctx.report(
        'IST0135',
        r,
        name,
        name === SIDECAR_INJECT ? ` in favor of the "${SIDECAR_INJECT}" label` : '',
      );
    }
    if (def.kinds.includes('*')) continue;
    if (!def.kinds.includes(kind)) {
      ctx.report('IST0107', r, name, def.kinds.join(', '));
      continue;
    }
    const problem = ANNOTATION_CHECKS.get(name)?.(value);
    if (problem) ctx.report('IST0125', r, name, problem);
  }
}

export const k8sAnnotationsAnalyzer: Analyzer = {
  name: 'annotations.K8sAnalyzer',
  description: 'Checks for misplaced and invalid Istio annotations in Kubernetes resources',
  inputs: ['Namespace', 'Service', 'Pod', 'Deployment'],
  analyze(ctx) {
    for (const kind of ['Namespace', 'Service', 'Pod', 'Deployment']) {
      for (const r of ctx.list(kind)) check(ctx, r, kind);
    }
  },
};
