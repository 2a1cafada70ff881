// Upstream check 4: istioctl runs annotations.AlphaAnalyzer over the live Namespaces, Services,
// Pods and Deployments. Each Istio annotation of an alpha-stage feature is IST0136 (Info: hidden
// by the default output threshold, never failing the run). The analyzer is the analyze engine's.
import type { KubeObject } from '../../cluster/cluster.js';
import { alphaAnalyzer } from '../analyze/analyzers/annotations/alpha.js';
import { analyzeResources, friendlyName, type Resource } from '../analyze/index.js';
import { type ResourceProblem, toResources } from '../analyze/resources.js';
import { type Check, inScope, type PrecheckContext } from './context.js';
import { msg, type PrecheckMessage } from './messages.js';

/** The analyzer over given objects (exported for the conformance case, which runs it on files). */
export function alphaAnnotationMessages(
  objects: KubeObject[],
  istioNamespace = 'istio-system',
): PrecheckMessage[] {
  const resources: Resource[] = [];
  const problems: ResourceProblem[] = [];
  const keys = new Set(alphaAnalyzer.inputs);
  for (const o of objects)
    toResources(o, { cluster: 'Kubernetes' }, { includeRuntime: true, keys }, resources, problems);
  return analyzeResources(resources, { analyzers: [alphaAnalyzer], istioNamespace }).map((d) =>
    msg.alphaAnnotation(d.resource ? friendlyName(d.resource) : '', d.message),
  );
}

const KINDS = [
  { apiVersion: 'v1', kind: 'Namespace' },
  { apiVersion: 'v1', kind: 'Service' },
  { apiVersion: 'v1', kind: 'Pod' },
  { apiVersion: 'apps/v1', kind: 'Deployment' },
];

export const alphaAnnotations: Check = {
  name: 'alpha-annotations',
  upstream: true,
  async run(ctx: PrecheckContext) {
    const lists = await Promise.all(
      KINDS.map((t) =>
        ctx.cluster.list(t, t.kind === 'Namespace' || !ctx.namespace ? {} : { namespace: ctx.namespace }),
      ),
    );
    // -n limits the namespaced objects; Namespaces themselves are cluster-scoped and always kept.
    const objects = lists.flat().filter((o) => o.kind === 'Namespace' || inScope(ctx, o.metadata.namespace));
    return alphaAnnotationMessages(objects, ctx.istioNamespace);
  },
};
