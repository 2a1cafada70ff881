// Upstream check 2: can the user create everything an install creates? One SelfSubjectAccessReview
// (verb create) per resource; every denial is IST0141. The resource list is an input: a static list
// of what `istioctl install` creates, or the list derived from a rendered manifest set.
import type { KubeObject } from '../../cluster/cluster.js';
import type { Check, PermissionTarget } from './context.js';
import { msg } from './messages.js';

/** The resources istioctl's own precheck asks about, in its order. */
export function upstreamInstallTargets(istioNamespace: string): PermissionTarget[] {
  const ns = istioNamespace;
  return [
    { group: '', version: 'v1', resource: 'namespaces' },
    { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterroles' },
    { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterrolebindings' },
    { group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions' },
    { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'roles', namespace: ns },
    { group: '', version: 'v1', resource: 'serviceaccounts', namespace: ns },
    { group: '', version: 'v1', resource: 'services', namespace: ns },
    { group: 'apps', version: 'v1', resource: 'deployments', namespace: ns },
    { group: '', version: 'v1', resource: 'configmaps', namespace: ns },
    { group: 'admissionregistration.k8s.io', version: 'v1', resource: 'mutatingwebhookconfigurations' },
    { group: 'admissionregistration.k8s.io', version: 'v1', resource: 'validatingwebhookconfigurations' },
  ];
}

/**
 * Without a rendered manifest: upstream's list, then the RoleBindings, PodDisruptionBudgets and
 * HorizontalPodAutoscalers the istiod and gateway charts may also create.
 */
export function staticInstallTargets(istioNamespace: string): PermissionTarget[] {
  const ns = istioNamespace;
  return [
    ...upstreamInstallTargets(ns),
    { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'rolebindings', namespace: ns },
    { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets', namespace: ns },
    { group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers', namespace: ns },
  ];
}

/** Upstream's list followed by whatever else the rendered install creates, each target once. */
export function renderedInstallTargets(objects: KubeObject[], istioNamespace: string): PermissionTarget[] {
  return dedupeTargets([
    ...upstreamInstallTargets(istioNamespace),
    ...targetsFromObjects(objects, istioNamespace),
  ]);
}

const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'PriorityClass',
  'StorageClass',
]);

/** Kind → plural resource, as the API server names it (the rules RESTMapper's guesser uses). */
export function resourceOfKind(kind: string): string {
  const lower = kind.toLowerCase();
  if (lower.endsWith('s')) return `${lower}es`;
  if (lower.endsWith('y') && !/[aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}

/**
 * The permission targets of a rendered manifest set: one per distinct (group, version, resource,
 * namespace), in first-seen order; cluster-scoped kinds get no namespace.
 */
export function targetsFromObjects(objects: KubeObject[], defaultNamespace: string): PermissionTarget[] {
  return dedupeTargets(
    objects.map((o) => {
      const [group, version] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : ['', o.apiVersion];
      const t: PermissionTarget = { group: group!, version: version!, resource: resourceOfKind(o.kind) };
      if (!CLUSTER_SCOPED.has(o.kind)) t.namespace = o.metadata.namespace || defaultNamespace;
      return t;
    }),
  );
}

/** First occurrence of each (group, resource, namespace); the version does not change what RBAC allows. */
function dedupeTargets(targets: PermissionTarget[]): PermissionTarget[] {
  const seen = new Set<string>();
  return targets.filter((t) => {
    const key = `${t.group}|${t.resource}|${t.namespace ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

interface AccessReviewStatus {
  allowed?: boolean;
  reason?: string;
}

export const installPermissions: Check = {
  name: 'install-permissions',
  upstream: true,
  async run(ctx) {
    // Reviews are independent, so they go out together; results keep the input order.
    const results = await Promise.all(
      ctx.installTargets.map(async (t) => {
        const attrs: Record<string, string> = { verb: 'create', group: t.group, version: t.version };
        attrs.resource = t.resource;
        if (t.namespace) attrs.namespace = t.namespace;
        try {
          const res = await ctx.cluster.create({
            apiVersion: 'authorization.k8s.io/v1',
            kind: 'SelfSubjectAccessReview',
            metadata: { name: '' },
            spec: { resourceAttributes: attrs },
          });
          const status = (res.status ?? {}) as AccessReviewStatus;
          if (status.allowed === true) return undefined;
          return status.reason ? status.reason : 'permission denied';
        } catch (err) {
          return (err as Error).message;
        }
      }),
    );
    return ctx.installTargets.flatMap((t, i) =>
      results[i] === undefined ? [] : [msg.insufficientPermissions(t.resource, results[i]!)],
    );
  },
};
