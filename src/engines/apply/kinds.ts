// How install orders its writes. Waves exist so that nothing points at what isn't there yet:
// CRDs must be Established before custom resources, and webhooks go last, only after the
// workloads that serve them are Ready (a webhook without a backend blocks every admission).
import type { KubeObject, ObjectRef } from '../../cluster/cluster.js';

export type Wave = 'crds' | 'namespaces' | 'config' | 'workloads' | 'webhooks';
export const WAVES: readonly Wave[] = ['crds', 'namespaces', 'config', 'workloads', 'webhooks'];

const WORKLOADS = new Set(['Deployment', 'DaemonSet', 'StatefulSet']);
const WEBHOOKS = new Set(['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration']);

export function waveOf(kind: string): Wave {
  if (kind === 'CustomResourceDefinition') return 'crds';
  if (kind === 'Namespace') return 'namespaces';
  if (WORKLOADS.has(kind)) return 'workloads';
  if (WEBHOOKS.has(kind)) return 'webhooks';
  return 'config';
}

/** Within a wave: RBAC and accounts before what uses them, as kubectl and helm order installs. */
const CONFIG_RANK = [
  'ServiceAccount',
  'Secret',
  'ConfigMap',
  'ClusterRole',
  'ClusterRoleBinding',
  'Role',
  'RoleBinding',
  'Service',
];

export function configRank(kind: string): number {
  const i = CONFIG_RANK.indexOf(kind);
  return i < 0 ? CONFIG_RANK.length : i;
}

/** Reverse order for deletion: webhooks first, so admission never calls a workload being removed. */
export const DELETE_WAVES: readonly Wave[] = ['webhooks', 'workloads', 'config', 'namespaces', 'crds'];

export function refKey(ref: ObjectRef): string {
  return `${ref.kind}/${ref.namespace ?? ''}/${ref.name}`;
}

/** `Deployment/istio-system/istiod`, the id istioctl prints for objects. */
export function objectId(ref: ObjectRef): string {
  return ref.namespace ? `${ref.kind}/${ref.namespace}/${ref.name}` : `${ref.kind}/${ref.name}`;
}

export function compareRefs(a: ObjectRef, b: ObjectRef): number {
  const ka = [a.kind, a.namespace ?? '', a.name].join('\u0000');
  const kb = [b.kind, b.namespace ?? '', b.name].join('\u0000');
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

export function toRef(o: KubeObject): ObjectRef {
  const r: ObjectRef = { apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name };
  if (o.metadata.namespace) r.namespace = o.metadata.namespace;
  return r;
}
