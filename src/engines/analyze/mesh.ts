// The mesh configuration analyzers see: Istio's built-in defaults (the parts analyzers read),
// with a user file merged over them, and the default resources upstream adds for file-only runs.
import type { Obj, Resource } from './types.js';

export function defaultMeshConfig(istioNamespace = 'istio-system'): Obj {
  return {
    ingressControllerMode: 'STRICT',
    ingressService: 'istio-ingressgateway',
    ingressClass: 'istio',
    rootNamespace: istioNamespace,
    trustDomain: 'cluster.local',
    defaultConfig: { proxyMetadata: {} },
    defaultProviders: { metrics: ['prometheus'] },
    extensionProviders: [
      { name: 'prometheus', prometheus: {} },
      { name: 'stackdriver', stackdriver: {} },
      { name: 'envoy', envoyFileAccessLog: { path: '/dev/stdout' } },
    ],
  };
}

function isPlain(v: unknown): v is Obj {
  return Boolean(v) && typeof v === 'object' && !Array.isArray(v);
}

/** Like proto merge of a YAML mesh config over the defaults: maps merge, lists and scalars replace. */
export function mergeMeshConfig(base: Obj, over: unknown): Obj {
  if (!isPlain(over)) return base;
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(over))
    out[k] = isPlain(v) && isPlain(base[k]) ? mergeMeshConfig(base[k], v) : v;
  return out;
}

function synthetic(
  key: string,
  kind: string,
  apiVersion: string,
  namespace: string,
  name: string,
  obj: Obj,
): Resource {
  const md = obj.metadata ?? {};
  return {
    key,
    kind,
    apiVersion,
    name,
    namespace,
    labels: md.labels ?? {},
    annotations: md.annotations ?? {},
    obj,
    spec: obj.spec ?? {},
    status: obj.status,
    origin: {},
  };
}

/** The MeshConfig / MeshNetworks resources (`<istio ns>/mesh`, `<istio ns>/meshnetworks`). */
export function meshResources(
  meshConfig: Obj,
  meshNetworks: Obj | undefined,
  istioNamespace: string,
): Resource[] {
  const out = [
    synthetic('MeshConfig', 'MeshConfig', 'v1alpha1', istioNamespace, 'mesh', { spec: meshConfig }),
  ];
  if (meshNetworks) {
    out.push(
      synthetic('MeshNetworks', 'MeshNetworks', 'v1alpha1', istioNamespace, 'meshnetworks', {
        spec: meshNetworks,
      }),
    );
  }
  return out;
}

/** The dummy ingress gateway pod and service upstream adds when analyzing files without a cluster. */
export function defaultIngressResources(meshConfig: Obj, istioNamespace: string): Resource[] {
  if (String(meshConfig.ingressControllerMode ?? '').toUpperCase() === 'OFF') return [];
  const svc = String(meshConfig.ingressService || 'istio-ingressgateway');
  const labels = { istio: 'ingressgateway' };
  const ports = [
    ['http2', 80],
    ['https', 443],
    ['tcp', 31400],
    ['tls', 15443],
  ].map(([name, port]) => ({ name, port, protocol: 'TCP', targetPort: port }));
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `${svc}-dummypod`, namespace: istioNamespace, labels },
    spec: { containers: [{ name: 'istio-proxy' }] },
  };
  const service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: svc, namespace: istioNamespace },
    spec: { selector: labels, ports },
  };
  return [
    synthetic('Pod', 'Pod', 'v1', istioNamespace, pod.metadata.name, pod),
    synthetic('Service', 'Service', 'v1', istioNamespace, svc, service),
  ];
}
