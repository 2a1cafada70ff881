// The install plan (pure): ownership labels on every object, the waves they are applied in,
// and the inventory that makes prune and uninstall exact. Only objects listed in our own
// inventory are ever pruned; an object that merely looks like Istio's is never touched.
import type { KubeObject, ObjectRef } from '../../cluster/cluster.js';
import { compareRefs, configRank, refKey, toRef, WAVES, type Wave, waveOf } from './kinds.js';

export const FIELD_MANAGER = 'istioctl-ts';

/** An object of the rendered manifest with the IstioOperator component it belongs to. */
export interface RenderedObject {
  component: string;
  object: KubeObject;
}

export interface InstallIdentity {
  /** Revision; '' or 'default' is the default revision. */
  revision: string;
  /** The Istio namespace (where the inventory lives). */
  namespace: string;
  /** IstioOperator metadata.name / namespace: the owning-resource labels. */
  ownerName: string;
  ownerNamespace: string;
  version: string;
}

export interface PlannedObject {
  component: string;
  object: KubeObject;
  wave: Wave;
}

export interface InstallPlan {
  identity: InstallIdentity;
  waves: Array<{ wave: Wave; objects: PlannedObject[] }>;
  /** Components in the order their progress lines print. */
  components: string[];
  inventory: KubeObject;
}

/** Progress labels as istioctl prints them. */
export const COMPONENT_LABELS: Record<string, string> = {
  Base: 'Istio core ⛵️',
  Pilot: 'Istiod 🧠',
  Cni: 'CNI 🪢',
  Ztunnel: 'Ztunnel 🔒',
  IngressGateways: 'Ingress gateways 🛬',
  EgressGateways: 'Egress gateways 🛫',
};
const COMPONENT_ORDER = ['Base', 'Pilot', 'Cni', 'Ztunnel', 'IngressGateways', 'EgressGateways'];

export function revisionLabel(revision: string): string {
  return revision && revision !== 'default' ? revision : 'default';
}

export function inventoryName(revision: string): string {
  const r = revisionLabel(revision);
  return r === 'default' ? 'istioctl-ts-inventory' : `istioctl-ts-inventory-${r}`;
}

export function ownershipLabels(id: InstallIdentity, component: string): Record<string, string> {
  const l: Record<string, string> = {
    'operator.istio.io/managed': 'Reconcile',
    'operator.istio.io/version': id.version,
    'istio.io/rev': revisionLabel(id.revision),
    'operator.istio.io/component': component,
    'app.kubernetes.io/managed-by': FIELD_MANAGER,
  };
  if (id.ownerName) l['install.operator.istio.io/owning-resource'] = id.ownerName;
  if (id.ownerNamespace) l['install.operator.istio.io/owning-resource-namespace'] = id.ownerNamespace;
  return l;
}

function labelled(id: InstallIdentity, r: RenderedObject): KubeObject {
  const o = structuredClone(r.object);
  // CRDs are shared by every revision: keep them out of per-revision ownership (never pruned by a revision).
  const own = ownershipLabels(id, r.component);
  if (o.kind === 'CustomResourceDefinition') delete own['istio.io/rev'];
  o.metadata.labels = { ...(o.metadata.labels ?? {}), ...own };
  return o;
}

export function inventoryObject(id: InstallIdentity, refs: ObjectRef[]): KubeObject {
  const sorted = [...refs].sort(compareRefs);
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: inventoryName(id.revision),
      namespace: id.namespace,
      labels: { 'app.kubernetes.io/managed-by': FIELD_MANAGER, 'istio.io/rev': revisionLabel(id.revision) },
    },
    data: { objects: `${JSON.stringify(sorted, null, 1)}\n` },
  };
}

export function readInventory(cm: KubeObject | undefined): ObjectRef[] {
  const text = (cm?.data as Record<string, string> | undefined)?.objects;
  if (!text) return [];
  try {
    const v = JSON.parse(text) as ObjectRef[];
    return Array.isArray(v)
      ? v.filter((r) => r && typeof r.kind === 'string' && typeof r.name === 'string')
      : [];
  } catch {
    return [];
  }
}

export function planInstall(rendered: RenderedObject[], id: InstallIdentity): InstallPlan {
  const byWave = new Map<Wave, PlannedObject[]>(WAVES.map((w) => [w, []]));
  const seen = new Set<string>();
  for (const r of rendered) {
    const object = labelled(id, r);
    const k = refKey(toRef(object));
    if (seen.has(k)) throw new Error(`the rendered manifest has ${k} twice`);
    seen.add(k);
    byWave.get(waveOf(object.kind))!.push({ component: r.component, object, wave: waveOf(object.kind) });
  }
  for (const list of byWave.values()) {
    list.sort(
      (a, b) =>
        configRank(a.object.kind) - configRank(b.object.kind) ||
        compareRefs(toRef(a.object), toRef(b.object)),
    );
  }
  const present = new Set(rendered.map((r) => r.component));
  const components = [
    ...COMPONENT_ORDER.filter((c) => present.has(c)),
    ...[...present].filter((c) => !COMPONENT_ORDER.includes(c)).sort(),
  ];
  const refs = rendered.map((r) => toRef(r.object));
  return {
    identity: id,
    waves: WAVES.map((wave) => ({ wave, objects: byWave.get(wave)! })).filter((w) => w.objects.length > 0),
    components,
    inventory: inventoryObject(id, refs),
  };
}

/** What a previous install created that the new render no longer contains. CRDs are never pruned. */
export function pruneSet(previous: ObjectRef[], plan: InstallPlan): ObjectRef[] {
  const keep = new Set(plan.waves.flatMap((w) => w.objects.map((o) => refKey(toRef(o.object)))));
  return previous
    .filter((r) => r.kind !== 'CustomResourceDefinition' && !keep.has(refKey(r)))
    .sort(compareRefs);
}
