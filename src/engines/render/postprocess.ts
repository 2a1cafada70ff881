// What istioctl does to rendered objects after Helm (operator/pkg/render postprocess): the
// components' `k8s` settings as strategic merge patches on the component's own objects, then the
// `k8s.overlays[]` path patches.
import { getPath, isMap, parsePath, setPath, type Tree } from '../../model/iop/tree.js';
import type { ComponentInstance } from './components.js';
import { strategicMerge } from './strategic-merge.js';

type PatchTarget = 'workload' | 'HorizontalPodAutoscaler' | 'PodDisruptionBudget' | 'Service';

/** k8s field → which object it patches and how the value is wrapped (`C` = the component's container). */
const K8S_PATCHES: Record<string, { target: PatchTarget; wrap: (v: unknown, container: string) => Tree }> = {
  affinity: { target: 'workload', wrap: (v) => podSpec({ affinity: v }) },
  env: { target: 'workload', wrap: (v, c) => podSpec({ containers: [{ name: c, env: v }] }) },
  hpaSpec: { target: 'HorizontalPodAutoscaler', wrap: (v) => ({ spec: v }) },
  imagePullPolicy: {
    target: 'workload',
    wrap: (v, c) => podSpec({ containers: [{ name: c, imagePullPolicy: v }] }),
  },
  nodeSelector: { target: 'workload', wrap: (v) => podSpec({ nodeSelector: v }) },
  podDisruptionBudget: { target: 'PodDisruptionBudget', wrap: (v) => ({ spec: v }) },
  podAnnotations: {
    target: 'workload',
    wrap: (v) => ({ spec: { template: { metadata: { annotations: v } } } }),
  },
  priorityClassName: { target: 'workload', wrap: (v) => podSpec({ priorityClassName: v }) },
  readinessProbe: {
    target: 'workload',
    wrap: (v, c) => podSpec({ containers: [{ name: c, readinessProbe: v }] }),
  },
  replicaCount: { target: 'workload', wrap: (v) => ({ spec: { replicas: v } }) },
  resources: { target: 'workload', wrap: (v, c) => podSpec({ containers: [{ name: c, resources: v }] }) },
  strategy: { target: 'workload', wrap: (v) => ({ spec: { strategy: v } }) },
  tolerations: { target: 'workload', wrap: (v) => podSpec({ tolerations: v }) },
  serviceAnnotations: { target: 'Service', wrap: (v) => ({ metadata: { annotations: v } }) },
  service: { target: 'Service', wrap: (v) => ({ spec: v }) },
  securityContext: { target: 'workload', wrap: (v) => podSpec({ securityContext: v }) },
};

function podSpec(spec: Tree): Tree {
  return { spec: { template: { spec } } };
}

/** The name of the component's own workload (istiod gets -<revision>). */
export function resourceName(inst: ComponentInstance, revision: string): string {
  if (inst.info.name === 'Pilot' && revision !== '' && revision !== 'default') return `istiod-${revision}`;
  if (inst.info.name === 'Ztunnel') return inst.name;
  return inst.name;
}

/** Applies the component's k8s settings and overlays to its rendered objects (in place, same order). */
export async function postProcess(
  inst: ComponentInstance,
  objects: Tree[],
  revision: string,
): Promise<Tree[]> {
  const k8s = inst.spec.k8s;
  if (!isMap(k8s)) return objects;
  const name = resourceName(inst, revision);
  const container = inst.info.container ?? '';
  let out = objects;
  // Fixed order (upstream iterates a Go map); the patches touch disjoint fields, except
  // `service`/`serviceAnnotations` which both only add.
  for (const [field, def] of Object.entries(K8S_PATCHES)) {
    const v = k8s[field];
    if (v === undefined) continue;
    const kind = def.target === 'workload' ? inst.info.workloadKind : def.target;
    let patch = def.wrap(v, container);
    if (field === 'service' && inst.info.chart === 'gateway' && isMap(v)) {
      // Gateway ports already reached the chart through values; a list here would replace them.
      const { ports: _ports, ...rest } = v;
      patch = { spec: rest };
    }
    out = out.map((o) =>
      o.kind === kind && getPath(o, 'metadata.name') === name
        ? (strategicMerge(o, patch, String(kind)) as Tree)
        : o,
    );
  }
  out = out.map((o) => {
    if (o.kind !== 'PodDisruptionBudget' || getPath(o, 'metadata.name') !== name || !isMap(o.spec)) return o;
    if (o.spec.maxUnavailable !== undefined && o.spec.minAvailable !== undefined) delete o.spec.minAvailable;
    return o;
  });
  const overlays = Array.isArray(k8s.overlays) ? k8s.overlays : [];
  for (const ov of overlays) {
    if (!isMap(ov)) continue;
    for (const o of out) {
      if (o.kind !== ov.kind || getPath(o, 'metadata.name') !== ov.name) continue;
      for (const p of Array.isArray(ov.patches) ? ov.patches : []) {
        if (!isMap(p) || typeof p.path !== 'string') continue;
        await applyOverlay(o, p.path, p.value);
      }
    }
  }
  return out;
}

/** One overlay patch: set (creating the path) or, without a value, delete. */
async function applyOverlay(obj: Tree, path: string, value: unknown): Promise<void> {
  const segs = parsePath(path);
  if (value === undefined || value === null) {
    if (getPath(obj, segs) !== undefined) setPath(obj, segs, undefined);
    return;
  }
  setPath(obj, segs, await structuredValue(value));
}

/** A block-string value that holds a YAML map or list is used as that structure. */
async function structuredValue(value: unknown): Promise<unknown> {
  if (typeof value !== 'string' || !value.includes('\n') || !value.includes(':')) return value;
  const { parse } = await import('yaml');
  try {
    const parsed = parse(value) as unknown;
    return isMap(parsed) || Array.isArray(parsed) ? parsed : value;
  } catch {
    return value;
  }
}
