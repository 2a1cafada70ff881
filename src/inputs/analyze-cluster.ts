// analyze's cluster input: lists only the collections the selected analyzers read (paginated by
// the Cluster implementation), narrowed by label/namespace where an analyzer needs less, and
// reads the mesh config from the `istio[-<rev>]` ConfigMap.
import type { Cluster, KubeObject, ListOptions } from '../cluster/cluster.js';
import { ANALYZE_KINDS, type AnalyzeKind } from '../engines/analyze/kinds.js';
import { type ResourceProblem, toResources } from '../engines/analyze/resources.js';
import type { Obj, Resource } from '../engines/analyze/types.js';

export const CLUSTER_ID = 'Kubernetes';
const PAGE = 500;

export interface ClusterInputOptions {
  keys: ReadonlySet<string>;
  istioNamespace: string;
  revision: string;
  /** gateway.SecretAnalyzer looks secrets up by name anywhere; otherwise only remote-cluster secrets matter. */
  allSecrets: boolean;
}

function listOptions(k: AnalyzeKind, opts: ClusterInputOptions): ListOptions {
  const o: ListOptions = { limit: PAGE };
  // Only the injector's ConfigMaps are read, and they live in the Istio namespace.
  if (k.key === 'ConfigMap') o.namespace = opts.istioNamespace;
  if (k.key === 'Secret' && !opts.allSecrets) o.labelSelector = 'istio/multiCluster=true';
  return o;
}

/** Secrets are only checked for existence and data keys: keep no secret material in memory. */
function redact(o: KubeObject): KubeObject {
  if (o.kind !== 'Secret') return o;
  const data = Object.fromEntries(Object.keys((o.data as Obj) ?? {}).map((k) => [k, '']));
  return { ...o, data, stringData: undefined };
}

function revisionOf(o: KubeObject): string | undefined {
  return o.metadata.labels?.['istio.io/rev'];
}

export async function readClusterResources(cluster: Cluster, opts: ClusterInputOptions): Promise<Resource[]> {
  const kinds = ANALYZE_KINDS.filter((k) => opts.keys.has(k.key));
  const lists = await Promise.all(
    kinds.map(async (k) => {
      const apiVersion = k.group ? `${k.group}/${k.listVersion}` : k.listVersion;
      const items = await cluster.list({ apiVersion, kind: k.kind }, listOptions(k, opts));
      return { k, apiVersion, items };
    }),
  );
  const out: Resource[] = [];
  const problems: ResourceProblem[] = [];
  for (const { k, apiVersion, items } of lists) {
    for (const item of items) {
      // Config of other revisions belongs to another control plane.
      const rev = revisionOf(item);
      if (
        k.istio &&
        rev !== undefined &&
        rev !== opts.revision &&
        !(opts.revision === 'default' && rev === '')
      )
        continue;
      const obj = redact({ ...item, apiVersion: item.apiVersion || apiVersion, kind: item.kind || k.kind });
      toResources(obj, { cluster: CLUSTER_ID }, { includeRuntime: true }, out, problems);
    }
  }
  return out;
}

/** The mesh config (and mesh networks) istiod uses, from its ConfigMap; undefined when absent. */
export async function readClusterMeshConfig(
  cluster: Cluster,
  istioNamespace: string,
  revision: string,
  parseYaml: (text: string) => unknown,
): Promise<{ meshConfig?: Obj; meshNetworks?: Obj }> {
  const name = revision && revision !== 'default' ? `istio-${revision}` : 'istio';
  const cm = await cluster.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: istioNamespace, name });
  const data = (cm?.data ?? {}) as Record<string, string>;
  const out: { meshConfig?: Obj; meshNetworks?: Obj } = {};
  if (data.mesh) out.meshConfig = parseYaml(data.mesh) as Obj;
  if (data.meshNetworks) out.meshNetworks = parseYaml(data.meshNetworks) as Obj;
  return out;
}
