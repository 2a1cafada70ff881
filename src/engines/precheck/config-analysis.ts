// Runs analyze-engine analyzers over the live cluster for precheck: lists only the collections an
// analyzer reads (Namespaces always whole, namespaced kinds narrowed by -n) and returns its findings.
import type { KubeObject } from '../../cluster/cluster.js';
import { type Analyzer, analyzeResources, type Diagnostic, type Resource } from '../analyze/index.js';
import { ANALYZE_KINDS } from '../analyze/kinds.js';
import { type ResourceProblem, toResources } from '../analyze/resources.js';
import { inScope, type PrecheckContext } from './context.js';

/** The analyzer over objects already read (files in tests, cluster lists here). */
export function analyzeObjects(
  analyzer: Analyzer,
  objects: KubeObject[],
  istioNamespace: string,
): Diagnostic[] {
  const resources: Resource[] = [];
  const problems: ResourceProblem[] = [];
  const keys = new Set(analyzer.inputs);
  for (const o of objects)
    toResources(o, { cluster: 'Kubernetes' }, { includeRuntime: true, keys }, resources, problems);
  return analyzeResources(resources, { analyzers: [analyzer], istioNamespace });
}

export async function analyzeCluster(ctx: PrecheckContext, analyzer: Analyzer): Promise<Diagnostic[]> {
  const kinds = ANALYZE_KINDS.filter((k) => analyzer.inputs.includes(k.key));
  const lists = await Promise.all(
    kinds.map(async (k) => {
      const apiVersion = k.group ? `${k.group}/${k.listVersion}` : k.listVersion;
      const opts = k.namespaced && ctx.namespace ? { namespace: ctx.namespace } : {};
      const items = await ctx.cluster.list({ apiVersion, kind: k.kind }, opts);
      return items.map((o) => ({ ...o, apiVersion: o.apiVersion || apiVersion, kind: o.kind || k.kind }));
    }),
  );
  const objects = lists.flat().filter((o) => !o.metadata.namespace || inScope(ctx, o.metadata.namespace));
  return analyzeObjects(analyzer, objects, ctx.istioNamespace);
}
