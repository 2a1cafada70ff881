// Uninstall, safe by construction: what we delete comes from our inventories (plus, for
// --purge, objects carrying istioctl's component label); webhooks go first so admission never
// calls a backend being removed; and --purge refuses to delete Istio CRDs while user custom
// resources of those kinds exist, unless the user says so explicitly.
import type { Cluster, KubeObject, ObjectRef } from '../../cluster/cluster.js';
import { compareRefs, DELETE_WAVES, refKey, toRef, waveOf } from './kinds.js';
import { FIELD_MANAGER, readInventory, revisionLabel } from './plan.js';

export interface UninstallRequest {
  revision?: string;
  purge: boolean;
  deleteUserConfig: boolean;
  istioNamespace: string;
}

export interface UninstallPlan {
  deletions: ObjectRef[];
  warnings: string[];
  /** Set when --purge must refuse: user resources of Istio kinds would be lost. */
  userResources: Array<{ kind: string; count: number }>;
}

/** Namespaced and cluster types istioctl's uninstall considers (operator/pkg/uninstall). */
const PURGE_TYPES: Array<{ apiVersion: string; kind: string }> = [
  { apiVersion: 'apps/v1', kind: 'Deployment' },
  { apiVersion: 'apps/v1', kind: 'DaemonSet' },
  { apiVersion: 'v1', kind: 'Service' },
  { apiVersion: 'v1', kind: 'ConfigMap' },
  { apiVersion: 'v1', kind: 'Secret' },
  { apiVersion: 'v1', kind: 'ServiceAccount' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role' },
  { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget' },
  { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler' },
  { apiVersion: 'networking.istio.io/v1alpha3', kind: 'EnvoyFilter' },
  { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration' },
  { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding' },
  { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' },
];

/** Delete order: webhooks, workloads, config, CRDs; stable within a wave. */
export function deletionOrder(refs: ObjectRef[]): ObjectRef[] {
  return [...refs].sort(
    (a, b) =>
      DELETE_WAVES.indexOf(waveOf(a.kind)) - DELETE_WAVES.indexOf(waveOf(b.kind)) || compareRefs(a, b),
  );
}

async function inventories(cluster: Cluster, req: UninstallRequest): Promise<KubeObject[]> {
  const cms = await cluster.list(
    { apiVersion: 'v1', kind: 'ConfigMap' },
    { namespace: req.istioNamespace, labelSelector: `app.kubernetes.io/managed-by=${FIELD_MANAGER}` },
  );
  const invs = cms.filter((c) => c.metadata.name.startsWith('istioctl-ts-inventory'));
  if (req.purge) return invs;
  const rev = revisionLabel(req.revision ?? '');
  return invs.filter((c) => (c.metadata.labels?.['istio.io/rev'] ?? 'default') === rev);
}

function storageVersion(crd: KubeObject): string | undefined {
  const versions =
    (crd.spec as { versions?: Array<{ name: string; storage?: boolean; served?: boolean }> })?.versions ?? [];
  return (versions.find((v) => v.storage) ?? versions.find((v) => v.served))?.name;
}

export async function planUninstall(cluster: Cluster, req: UninstallRequest): Promise<UninstallPlan> {
  const refs = new Map<string, ObjectRef>();
  for (const inv of await inventories(cluster, req)) {
    for (const r of readInventory(inv)) refs.set(refKey(r), r);
    refs.set(refKey(toRef(inv)), toRef(inv));
  }
  if (req.purge) {
    // Also what upstream istioctl installed: everything with its component label.
    for (const t of PURGE_TYPES) {
      for (const o of await cluster.list(t, { labelSelector: 'operator.istio.io/component' }))
        refs.set(refKey(toRef(o)), toRef(o));
    }
  }
  const deletions: ObjectRef[] = [];
  const live = new Map<string, KubeObject>();
  for (const r of refs.values()) {
    const o = await cluster.get(r);
    if (!o) continue;
    const component = o.metadata.labels?.['operator.istio.io/component'];
    // Base (CRDs, shared RBAC, the default validator) belongs to every revision: only --purge removes it.
    if (!req.purge && (component === 'Base' || o.kind === 'CustomResourceDefinition')) continue;
    live.set(refKey(r), o);
    deletions.push(r);
  }

  const userResources: Array<{ kind: string; count: number }> = [];
  for (const r of deletions.filter((d) => d.kind === 'CustomResourceDefinition')) {
    const crd = live.get(refKey(r))!;
    const spec = crd.spec as { group?: string; names?: { kind?: string } };
    const version = storageVersion(crd);
    if (!spec.group?.endsWith('istio.io') || !spec.names?.kind || !version) continue;
    const items = await cluster.list({ apiVersion: `${spec.group}/${version}`, kind: spec.names.kind });
    if (items.length) userResources.push({ kind: `${spec.names.kind}.${spec.group}`, count: items.length });
  }
  userResources.sort((a, b) => (a.kind < b.kind ? -1 : 1));

  const warnings: string[] = [];
  const gateways = deletions
    .filter((d) => d.kind === 'Deployment' && d.name.includes('gateway'))
    .map((d) => `${d.name}.${d.namespace}`);
  if (gateways.length) {
    warnings.push(
      `You are about to remove the following gateways: ${gateways.join(', ')}. To avoid downtime, move their traffic first.`,
    );
  }
  if (!req.purge) {
    const rev = revisionLabel(req.revision ?? '');
    const selector = rev === 'default' ? 'istio-injection=enabled' : `istio.io/rev=${rev}`;
    const namespaces = await cluster.list(
      { apiVersion: 'v1', kind: 'Namespace' },
      { labelSelector: selector },
    );
    if (namespaces.length) {
      let pods = 0;
      for (const ns of namespaces)
        pods += (await cluster.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: ns.metadata.name }))
          .length;
      warnings.push(
        `${namespaces.length} namespace(s) with ${pods} pod(s) are bound to revision "${rev}" (${namespaces
          .map((n) => n.metadata.name)
          .sort()
          .join(', ')}); their proxies lose their control plane.`,
      );
    }
  }
  return { deletions: deletionOrder(deletions), warnings, userResources };
}

/** Go's GroupVersionKind.String() plus istioctl's `/<name>.<ns>.` suffix. */
export function removedId(r: ObjectRef): string {
  const [group, version] = r.apiVersion.includes('/') ? r.apiVersion.split('/') : ['', r.apiVersion];
  return `${group}/${version}, Kind=${r.kind}/${r.name}.${r.namespace ?? ''}.`;
}

export async function executeUninstall(
  cluster: Cluster,
  plan: UninstallPlan,
  opts: { dryRun: boolean; timeoutMs?: number },
  onLine: (line: string) => void,
): Promise<void> {
  const deleted: ObjectRef[] = [];
  for (const r of plan.deletions) {
    if (opts.dryRun) {
      onLine(`Not pruning object ${removedId(r)} because of dry run.`);
      continue;
    }
    const existed = await cluster.delete(r, { propagationPolicy: 'Foreground' });
    if (existed) deleted.push(r);
    onLine(
      existed
        ? `  Removed ${removedId(r)}`
        : `object: ${removedId(r)} is not being deleted because it no longer exists`,
    );
  }
  // Foreground deletion returns before dependents (ReplicaSets, Pods) are gone: "complete" means gone.
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  for (const r of deleted) {
    await cluster.wait(r, (o) => o === undefined, {
      timeoutMs: Math.max(1, deadline - Date.now()),
      intervalMs: 500,
    });
  }
}
