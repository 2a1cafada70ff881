// Shared fixtures for the precheck tests: a FakeCluster that answers SelfSubjectAccessReviews,
// and builders for the objects the checks read.
import type { CreateOptions, KubeObject } from '../../../src/cluster/cluster.js';
import { FakeCluster, type FakeClusterOptions } from '../../../src/cluster/fake.js';
import type { PrecheckContext } from '../../../src/engines/precheck/context.js';
import { staticInstallTargets } from '../../../src/engines/precheck/install-permissions.js';

/** Denies `create` on the listed resources (`resource` or `namespace/resource`), with an optional reason. */
export class ReviewingCluster extends FakeCluster {
  constructor(opts: FakeClusterOptions & { deny?: Record<string, string> } = {}) {
    super(opts);
    this.deny = opts.deny ?? {};
  }
  private readonly deny: Record<string, string>;

  override async create(obj: KubeObject, opts: CreateOptions = {}): Promise<KubeObject> {
    if (obj.kind !== 'SelfSubjectAccessReview') return super.create(obj, opts);
    this.calls.push({ method: 'create', args: [structuredClone(obj), opts] });
    const a = (obj.spec as { resourceAttributes: { resource: string; namespace?: string } })
      .resourceAttributes;
    const key = a.namespace ? `${a.namespace}/${a.resource}` : a.resource;
    const reason = this.deny[key] ?? this.deny[a.resource];
    return { ...obj, status: reason === undefined ? { allowed: true } : { allowed: false, reason } };
  }
}

export function context(cluster: FakeCluster, over: Partial<PrecheckContext> = {}): PrecheckContext {
  return {
    cluster,
    istioNamespace: 'istio-system',
    revision: '',
    clientVersion: '1.30.3',
    installTargets: staticInstallTargets('istio-system'),
    newCrds: [],
    ...over,
  };
}

export function namespace(name: string, labels: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

export function istiod(
  opts: { name?: string; revision?: string; image?: string; env?: string[] } = {},
): KubeObject {
  const labels: Record<string, string> = { app: 'istiod' };
  if (opts.revision) labels['istio.io/rev'] = opts.revision;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: opts.name ?? 'istiod', namespace: 'istio-system', labels },
    spec: {
      template: {
        spec: {
          containers: [
            {
              name: 'discovery',
              image: opts.image ?? 'docker.io/istio/pilot:1.29.2',
              env: (opts.env ?? []).map((name) => ({ name, value: 'x' })),
            },
          ],
        },
      },
    },
  };
}

export function service(name: string, ns = 'istio-system'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: ns },
    spec: { selector: { app: name } },
  };
}

export function endpointSlice(service: string, ready: boolean[], ns = 'istio-system'): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: `${service}-abc`, namespace: ns, labels: { 'kubernetes.io/service-name': service } },
    endpoints: ready.map((r, i) => ({ addresses: [`10.0.0.${i + 1}`], conditions: { ready: r } })),
  };
}

type Selector = { matchLabels?: Record<string, string>; matchExpressions?: unknown[] };

export function injectorWebhookConfig(
  name: string,
  revision: string | undefined,
  hooks: Array<{
    name: string;
    namespaceSelector?: Selector;
    objectSelector?: Selector;
    service?: string;
    failurePolicy?: string;
  }>,
): KubeObject {
  const labels: Record<string, string> = { app: 'sidecar-injector' };
  if (revision) labels['istio.io/rev'] = revision;
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'MutatingWebhookConfiguration',
    metadata: { name, labels },
    webhooks: hooks.map((h) => ({
      name: h.name,
      failurePolicy: h.failurePolicy ?? 'Fail',
      clientConfig: { service: { name: h.service ?? 'istiod', namespace: 'istio-system', path: '/inject' } },
      namespaceSelector: h.namespaceSelector,
      objectSelector: h.objectSelector,
    })),
  };
}

export function crd(
  name: string,
  group: string,
  kind: string,
  served: string[],
  stored: string[] = [],
): KubeObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name },
    spec: {
      group,
      names: { kind },
      versions: served.map((v, i) => ({ name: v, served: true, storage: i === 0 })),
    },
    status: { storedVersions: stored },
  };
}

export function pod(
  name: string,
  ns: string,
  proxyImage?: string,
  annotations: Record<string, string> = {},
): KubeObject {
  const containers: Array<{ name: string; image: string }> = [{ name: 'app', image: 'example/app:1' }];
  if (proxyImage) containers.push({ name: 'istio-proxy', image: proxyImage });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, annotations },
    spec: { containers },
  };
}
