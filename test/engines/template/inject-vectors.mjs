// Vectors that run every upstream injection template (conformance inject-config.yaml, read at run time,
// never copied) against several conformance pods. Pod data uses Go field names as maps, the same data for
// the Go oracle and for our engine; annotation/label maps are map[string]string as in corev1.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

const I = (n) => ({ $int: String(n) });
const sm = (o) => ({ $strmap: Object.fromEntries(Object.entries(o ?? {}).map(([k, v]) => [k, String(v)])) });

const GO_NAMES = {
  apiVersion: 'APIVersion',
  uid: 'UID',
  dnsPolicy: 'DNSPolicy',
  dnsConfig: 'DNSConfig',
  tcpSocket: 'TCPSocket',
  httpGet: 'HTTPGet',
  httpHeaders: 'HTTPHeaders',
  grpc: 'GRPC',
  hostIPC: 'HostIPC',
  hostPID: 'HostPID',
  podIP: 'PodIP',
  hostIP: 'HostIP',
};

/** JSON-named Kubernetes object -> Go-field-named maps (numbers stay float64, maps of strings typed). */
function goNamed(v, key = '') {
  if (Array.isArray(v)) return v.map((x) => goNamed(x));
  if (v !== null && typeof v === 'object') {
    if (key === 'labels' || key === 'annotations' || key === 'nodeSelector') return sm(v);
    const out = {};
    for (const [k, x] of Object.entries(v))
      out[GO_NAMES[k] ?? k[0].toUpperCase() + k.slice(1)] = goNamed(x, k);
    return out;
  }
  return v;
}

export const POD_FILES = [
  'hello.yaml',
  'frontend.yaml',
  'daemonset.yaml',
  'enable-core-dump.yaml',
  'explicit-security-context.yaml',
  'hello-probes-proxyHoldApplication-ProxyConfig.yaml',
  'native-sidecar-opt-out.yaml',
  'gateway.yaml',
];

function podOf(text) {
  for (const doc of parseAllDocuments(text)) {
    const o = doc.toJS();
    if (!o) continue;
    if (o.kind === 'Pod')
      return { name: o.metadata?.name ?? 'pod', meta: o.metadata ?? {}, spec: o.spec ?? {} };
    const tpl = o.spec?.template ?? o.spec?.jobTemplate?.spec?.template;
    if (tpl) return { name: o.metadata?.name ?? 'workload', meta: tpl.metadata ?? {}, spec: tpl.spec ?? {} };
  }
  return null;
}

export function injectData(pod, values, mesh) {
  const defaultConfig = mesh.defaultConfig ?? {};
  return {
    TypeMeta: { Kind: 'Pod', APIVersion: 'v1' },
    DeploymentMeta: { Name: pod.name, Namespace: 'default' },
    ObjectMeta: {
      Name: pod.meta.name ?? '',
      Namespace: 'default',
      Labels: sm(pod.meta.labels),
      Annotations: sm(pod.meta.annotations),
    },
    Spec: { ...goNamed(pod.spec), Addresses: [] },
    ProxyConfig: {
      DiscoveryAddress: defaultConfig.discoveryAddress ?? 'istiod.istio-system.svc:15012',
      InterceptionMode: { $enum: 'REDIRECT' },
      ProxyMetadata: sm({}),
      StatusPort: I(15020),
    },
    MeshConfig: {
      TrustDomain: mesh.trustDomain ?? 'cluster.local',
      ProxyListenPort: I(15001),
      ProxyInboundListenPort: I(15006),
      ExtensionProviders: [],
    },
    Values: values,
    Revision: '',
    NativeSidecars: true,
    ProxyImage: 'registry.istio.io/testing/proxyv2:latest',
    ProxyUID: I(1337),
    ProxyGID: I(1337),
    CompliancePolicy: '',
    InboundTrafficPolicyMode: '',
    InfrastructureAnnotations: sm({}),
    InfrastructureLabels: sm({}),
    ServiceType: 'ClusterIP',
    KubeVersion: I(134),
    ClusterID: 'Kubernetes',
    ControllerLabel: 'istio.io-gateway-controller',
    AgentgatewayImage: '',
    // Gateway deployment-controller fields (waypoint, kube-gateway, agentgateway templates).
    Name: pod.name,
    Namespace: 'default',
    UID: `uid-${pod.name}`,
    DeploymentName: `${pod.name}-istio`,
    ServiceAccount: `${pod.name}-istio`,
    GatewayClass: 'istio',
    GatewayNameLabel: 'gateway.networking.k8s.io/gateway-name',
    Ports: [
      { Name: 'status-port', Port: I(15021), AppProtocol: 'tcp' },
      { Name: 'http', Port: I(80), AppProtocol: 'http' },
    ],
  };
}

/** All (template × pod) vectors; `sharedRoot` is the conformance checkout. */
export function injectVectors(conformanceInject) {
  const config = parse(readFileSync(join(conformanceInject, 'defaults/inject-config.yaml'), 'utf8'));
  const values = JSON.parse(readFileSync(join(conformanceInject, 'defaults/values.json'), 'utf8'));
  const mesh = parse(readFileSync(join(conformanceInject, 'defaults/mesh.yaml'), 'utf8')) ?? {};
  const out = [];
  for (const file of POD_FILES) {
    const pod = podOf(readFileSync(join(conformanceInject, 'cases', file), 'utf8'));
    if (!pod) continue;
    const data = injectData(pod, values, mesh);
    for (const [name, tpl] of Object.entries(config.templates ?? {})) {
      out.push({ name: `inject-${name}-${file}`, mode: 'istio', tplName: name, tpl, data });
    }
  }
  return out;
}
