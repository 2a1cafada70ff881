// MeshConfig and ProxyConfig as istiod holds them: built-in defaults, a mesh YAML applied over
// them (top-level fields replace, defaultConfig merges field by field), the pod's
// proxy.istio.io/config annotation applied over defaultConfig, and the PROXY_CONFIG text
// (only what differs from the built-in proxy defaults, in proto field order).
import { isMap, type JsonMap } from './typed.js';

export function defaultProxyConfig(): JsonMap {
  return {
    configPath: './etc/istio/proxy',
    binaryPath: '/usr/local/bin/envoy',
    serviceCluster: 'istio-proxy',
    drainDuration: '45s',
    discoveryAddress: 'istiod.istio-system.svc:15012',
    proxyAdminPort: 15000,
    controlPlaneAuthPolicy: 'MUTUAL_TLS',
    statNameLength: 189,
    tracing: { zipkin: { address: 'zipkin.istio-system:9411' } },
    statusPort: 15020,
    terminationDrainDuration: '5s',
  };
}

export function defaultMeshConfig(): JsonMap {
  return {
    proxyListenPort: 15001,
    proxyInboundListenPort: 15006,
    connectTimeout: '10s',
    protocolDetectionTimeout: '0s',
    ingressClass: 'istio',
    ingressService: 'istio-ingressgateway',
    ingressControllerMode: 'STRICT',
    enableTracing: true,
    accessLogFile: '',
    defaultConfig: defaultProxyConfig(),
    outboundTrafficPolicy: { mode: 'ALLOW_ANY' },
    inboundTrafficPolicy: {},
    enablePrometheusMerge: true,
    trustDomain: 'cluster.local',
    trustDomainAliases: [],
    defaultServiceExportTo: ['*'],
    defaultVirtualServiceExportTo: ['*'],
    defaultDestinationRuleExportTo: ['*'],
    rootNamespace: 'istio-system',
    localityLbSetting: { enabled: true },
    dnsRefreshRate: '60s',
    certificates: [],
    thriftConfig: {},
    serviceSettings: [],
    enableAutoMtls: true,
    extensionProviders: [],
    defaultProviders: {},
    pathNormalization: { normalization: 'MERGE_SLASHES_AND_DECODE_PERCENT_ENCODED_SLASHES' },
  };
}

/** mesh.ApplyMeshConfigDefaults: the mesh YAML (already parsed) over the defaults. */
export function applyMeshConfig(parsed: unknown): JsonMap {
  const mesh = defaultMeshConfig();
  if (!isMap(parsed)) return mesh;
  for (const [k, v] of Object.entries(parsed)) {
    if (k === 'defaultConfig') continue;
    if (v === null) delete mesh[k];
    else mesh[k] = v;
  }
  if (isMap(parsed.defaultConfig))
    mesh.defaultConfig = applyProxyConfig(mesh.defaultConfig as JsonMap, parsed.defaultConfig);
  return mesh;
}

/** Field-by-field application of a ProxyConfig document over `base` (messages replace whole). */
export function applyProxyConfig(base: JsonMap, overlay: JsonMap): JsonMap {
  const out: JsonMap = structuredClone(base);
  for (const [k, v] of Object.entries(overlay)) {
    if (v === null) delete out[k];
    else out[k] = v;
    if (k === 'tracingServiceName') delete out.serviceCluster;
    if (k === 'serviceCluster') delete out.tracingServiceName;
  }
  return out;
}

// ProxyConfig field order (proto declaration order), for PROXY_CONFIG.
const PROXY_FIELDS = [
  'configPath',
  'binaryPath',
  'serviceCluster',
  'drainDuration',
  'parentShutdownDuration',
  'discoveryAddress',
  'discoveryRefreshDelay',
  'zipkinAddress',
  'statsdUdpAddress',
  'envoyMetricsServiceAddress',
  'proxyAdminPort',
  'availabilityZone',
  'controlPlaneAuthPolicy',
  'customConfigFile',
  'statNameLength',
  'concurrency',
  'proxyBootstrapTemplatePath',
  'interceptionMode',
  'tracing',
  'sds',
  'envoyAccessLogService',
  'envoyMetricsService',
  'proxyMetadata',
  'runtimeValues',
  'statusPort',
  'extraStatTags',
  'gatewayTopology',
  'terminationDrainDuration',
  'meshId',
  'readinessProbe',
  'proxyStatsMatcher',
  'holdApplicationUntilProxyStarts',
  'caCertificatesPem',
  'image',
  'privateKeyProvider',
  'proxyHeaders',
  'fileFlushInterval',
  'fileFlushMinSizeKb',
  'tracingServiceName',
];

/** protoToJSON of a ProxyConfig: the fields that differ from the built-in defaults. */
export function proxyConfigJSON(pc: JsonMap): string {
  const defaults = defaultProxyConfig();
  const out: JsonMap = {};
  const keys = [
    ...PROXY_FIELDS.filter((k) => k in pc),
    ...Object.keys(pc)
      .filter((k) => !PROXY_FIELDS.includes(k))
      .sort(),
  ];
  for (const k of keys) {
    const v = pc[k];
    if (v === undefined || v === null) continue;
    if (k in defaults && JSON.stringify(defaults[k]) === JSON.stringify(v)) continue;
    if (isZeroProto(v) && k !== 'concurrency' && k !== 'holdApplicationUntilProxyStarts' && k !== 'tracing')
      continue;
    if (k === 'interceptionMode' && v === 'REDIRECT') continue;
    if (k === 'proxyMetadata' && isMap(v) && Object.keys(v).length === 0) continue;
    out[k] = v;
  }
  return JSON.stringify(out);
}

function isZeroProto(v: unknown): boolean {
  return v === '' || v === 0 || v === false || (Array.isArray(v) && v.length === 0);
}
