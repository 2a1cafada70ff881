// Upstream check 4: istioctl runs annotations.AlphaAnalyzer over the live Namespaces, Services,
// Pods and Deployments. Each Istio annotation of an alpha-stage feature is IST0136 (Info: hidden
// by the default output threshold, never failing the run). The analyzer is the analyze engine's.
import type { KubeObject } from '../../cluster/cluster.js';
import { alphaAnalyzer } from '../analyze/analyzers/annotations/alpha.js';
import { friendlyName } from '../analyze/index.js';
import { analyzeCluster, analyzeObjects } from './config-analysis.js';
import type { Check } from './context.js';
import { msg, type PrecheckMessage } from './messages.js';

type Found = ReturnType<typeof analyzeObjects>;

function toMessages(found: Found): PrecheckMessage[] {
  return found.map((d) => msg.alphaAnnotation(d.resource ? friendlyName(d.resource) : '', d.message));
}

/** The analyzer over given objects (exported for the conformance case, which runs it on files). */
export function alphaAnnotationMessages(
  objects: KubeObject[],
  istioNamespace = 'istio-system',
): PrecheckMessage[] {
  return toMessages(analyzeObjects(alphaAnalyzer, objects, istioNamespace));
}

export const alphaAnnotations: Check = {
  name: 'alpha-annotations',
  upstream: true,
  async run(ctx) {
    return toMessages(await analyzeCluster(ctx, alphaAnalyzer));
  },
};
