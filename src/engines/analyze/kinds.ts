// The kinds analyze can read: how a file's apiVersion/kind maps to a snapshot collection, and how
// to list it from a cluster. Runtime kinds (Pods, Services, Secrets...) are what a plain file run
// ignores, as upstream's CLI does; the test harness reads them too.

export interface AnalyzeKind {
  /** Collection key analyzers use; Kubernetes Gateway API kinds get a `K8s` prefix when their kind clashes. */
  key: string;
  kind: string;
  group: string;
  versions: readonly string[];
  /** The version a cluster list asks for. */
  listVersion: string;
  namespaced: boolean;
  /** Kubernetes runtime state: read from a cluster always, from files only in harness mode. */
  runtime: boolean;
  /** An Istio config kind with its own schema-validation analyzer. */
  istio: boolean;
}

const k = (
  key: string,
  kind: string,
  group: string,
  versions: string[],
  opts: { namespaced?: boolean; runtime?: boolean; istio?: boolean } = {},
): AnalyzeKind => ({
  key,
  kind,
  group,
  versions,
  listVersion: versions[0]!,
  namespaced: opts.namespaced ?? true,
  runtime: opts.runtime ?? false,
  istio: opts.istio ?? false,
});

const NET = ['v1', 'v1beta1', 'v1alpha3'];
const SEC = ['v1', 'v1beta1'];

export const ANALYZE_KINDS: readonly AnalyzeKind[] = [
  k('AuthorizationPolicy', 'AuthorizationPolicy', 'security.istio.io', SEC, { istio: true }),
  k('ConfigMap', 'ConfigMap', '', ['v1']),
  k('CustomResourceDefinition', 'CustomResourceDefinition', 'apiextensions.k8s.io', ['v1'], {
    namespaced: false,
  }),
  k('Deployment', 'Deployment', 'apps', ['v1']),
  k('DestinationRule', 'DestinationRule', 'networking.istio.io', NET, { istio: true }),
  k('EnvoyFilter', 'EnvoyFilter', 'networking.istio.io', ['v1alpha3'], { istio: true }),
  k('Gateway', 'Gateway', 'networking.istio.io', NET, { istio: true }),
  k('GRPCRoute', 'GRPCRoute', 'gateway.networking.k8s.io', ['v1', 'v1alpha2']),
  k('HTTPRoute', 'HTTPRoute', 'gateway.networking.k8s.io', ['v1', 'v1beta1']),
  k('K8sGateway', 'Gateway', 'gateway.networking.k8s.io', ['v1', 'v1beta1']),
  k('MutatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'admissionregistration.k8s.io', ['v1'], {
    namespaced: false,
  }),
  k('Namespace', 'Namespace', '', ['v1'], { namespaced: false, runtime: true }),
  k('Node', 'Node', '', ['v1'], { namespaced: false, runtime: true }),
  k('PeerAuthentication', 'PeerAuthentication', 'security.istio.io', SEC, { istio: true }),
  k('Pod', 'Pod', '', ['v1'], { runtime: true }),
  k('ProxyConfig', 'ProxyConfig', 'networking.istio.io', ['v1beta1'], { istio: true }),
  k('RequestAuthentication', 'RequestAuthentication', 'security.istio.io', SEC, { istio: true }),
  k('Secret', 'Secret', '', ['v1'], { runtime: true }),
  k('Service', 'Service', '', ['v1'], { runtime: true }),
  k('ServiceEntry', 'ServiceEntry', 'networking.istio.io', NET, { istio: true }),
  k('Sidecar', 'Sidecar', 'networking.istio.io', NET, { istio: true }),
  k('Telemetry', 'Telemetry', 'telemetry.istio.io', ['v1', 'v1alpha1'], { istio: true }),
  k('TrafficExtension', 'TrafficExtension', 'extensions.istio.io', ['v1alpha1'], { istio: true }),
  k(
    'ValidatingWebhookConfiguration',
    'ValidatingWebhookConfiguration',
    'admissionregistration.k8s.io',
    ['v1'],
    {
      namespaced: false,
    },
  ),
  k('VirtualService', 'VirtualService', 'networking.istio.io', NET, { istio: true }),
  k('WasmPlugin', 'WasmPlugin', 'extensions.istio.io', ['v1alpha1'], { istio: true }),
  k('WorkloadEntry', 'WorkloadEntry', 'networking.istio.io', NET, { istio: true }),
  k('WorkloadGroup', 'WorkloadGroup', 'networking.istio.io', NET, { istio: true }),
];

/** Kubernetes kinds upstream's kube source knows but no analyzer reads: accepted in files, then dropped. */
const KNOWN_UNUSED = new Set([
  '/Endpoints',
  '/ServiceAccount',
  '/PersistentVolumeClaim',
  '/LimitRange',
  '/ResourceQuota',
  'apps/StatefulSet',
  'apps/DaemonSet',
  'apps/ReplicaSet',
  'batch/Job',
  'batch/CronJob',
  'networking.k8s.io/Ingress',
  'networking.k8s.io/IngressClass',
  'networking.k8s.io/NetworkPolicy',
  'discovery.k8s.io/EndpointSlice',
  'rbac.authorization.k8s.io/Role',
  'rbac.authorization.k8s.io/RoleBinding',
  'rbac.authorization.k8s.io/ClusterRole',
  'rbac.authorization.k8s.io/ClusterRoleBinding',
  'policy/PodDisruptionBudget',
  'autoscaling/HorizontalPodAutoscaler',
  'gateway.networking.k8s.io/GatewayClass',
  'gateway.networking.k8s.io/TCPRoute',
  'gateway.networking.k8s.io/TLSRoute',
  'gateway.networking.k8s.io/UDPRoute',
  'gateway.networking.k8s.io/ReferenceGrant',
  'gateway.networking.k8s.io/BackendTLSPolicy',
  'networking.x-k8s.io/XBackendTrafficPolicy',
  'networking.x-k8s.io/XListenerSet',
  'inference.networking.x-k8s.io/InferencePool',
]);

const BY_GROUP_KIND = new Map(ANALYZE_KINDS.map((x) => [`${x.group}/${x.kind}`, x]));
export const KIND_BY_KEY = new Map(ANALYZE_KINDS.map((x) => [x.key, x]));

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.lastIndexOf('/');
  return i < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

export type KindLookup =
  | { status: 'ok'; kind: AnalyzeKind }
  | { status: 'ignored' }
  | { status: 'bad-version'; versions: readonly string[] }
  | { status: 'unknown' };

export function lookupKind(apiVersion: string, kind: string): KindLookup {
  const { group, version } = splitApiVersion(apiVersion);
  const known = BY_GROUP_KIND.get(`${group}/${kind}`);
  if (known) {
    return known.versions.includes(version)
      ? { status: 'ok', kind: known }
      : { status: 'bad-version', versions: known.versions };
  }
  if (KNOWN_UNUSED.has(`${group}/${kind}`)) return { status: 'ignored' };
  return { status: 'unknown' };
}

/** Collections a plain file run never reads (upstream's file source leaves these runtime kinds out). */
export const FILE_EXCLUDED_KEYS: ReadonlySet<string> = new Set(
  ANALYZE_KINDS.filter((x) => x.runtime).map((x) => x.key),
);
