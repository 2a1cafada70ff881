// The data istiod hands its injection templates, in the Go template engine's value model:
// Kubernetes structs with Go field names (every field present, zero when unset), proto structs
// with their getters, enums that print their name, wrapper types with GetValue, and the values
// map as plain JSON. structToJSON/protoToJSON read back the JSON each struct was built from.
import { GO_TYPE, Typed } from '../template/values.js';
import type { TemplateData } from './inject.js';
import { fieldsOf } from './k8s-schema.js';
import { isMap, type Json, type JsonMap } from './typed.js';

/** The JSON a struct value was built from (for structToJSON / protoToJSON). */
export const SOURCE: unique symbol = Symbol.for('istioctl-ts.inject.source');

const GO_NAMES: Record<string, string> = {
  httpGet: 'HTTPGet',
  tcpSocket: 'TCPSocket',
  grpc: 'GRPC',
  hostIP: 'HostIP',
  hostPID: 'HostPID',
  hostIPC: 'HostIPC',
  tty: 'TTY',
  seLinuxOptions: 'SELinuxOptions',
  fsGroup: 'FSGroup',
  fsGroupChangePolicy: 'FSGroupChangePolicy',
  dnsPolicy: 'DNSPolicy',
  dnsConfig: 'DNSConfig',
  os: 'OS',
  setHostnameAsFQDN: 'SetHostnameAsFQDN',
  uid: 'UID',
  apiVersion: 'APIVersion',
  awsElasticBlockStore: 'AWSElasticBlockStore',
  iscsi: 'ISCSI',
  rbd: 'RBD',
  nfs: 'NFS',
  fc: 'FC',
  csi: 'CSI',
  scaleIO: 'ScaleIO',
  storageos: 'StorageOS',
  cephfs: 'CephFS',
  gcePersistentDisk: 'GCEPersistentDisk',
  podIP: 'PodIP',
  podIPs: 'PodIPs',
  hostIPs: 'HostIPs',
  seLinuxChangePolicy: 'SELinuxChangePolicy',
};

export function goFieldName(json: string): string {
  return GO_NAMES[json] ?? json.charAt(0).toUpperCase() + json.slice(1);
}

const STRUCT_LESS = new Set(['s', 'i', 'b', 'q', 'io', 'time', 'any', 'f']);

function k8sValue(
  v: Json | undefined,
  spec: { base: string; list: boolean; map: boolean; ptr: boolean },
): unknown {
  if (spec.list) {
    // A missing list of structs is Go's typed nil slice: it still ranges and passes as []v1.T
    // (a pod spec without containers renders); an untyped null would not.
    if (!Array.isArray(v)) return STRUCT_LESS.has(spec.base) ? null : [];
    return v.map((x) => k8sValue(x, { ...spec, list: false }));
  }
  if (spec.map) return new Typed('map[string]string', isMap(v) ? { ...v } : {});
  switch (spec.base) {
    case 's':
      return typeof v === 'string' ? v : spec.ptr ? null : '';
    case 'i':
      return typeof v === 'number' ? BigInt(v) : spec.ptr ? null : 0n;
    case 'b':
      return typeof v === 'boolean' ? v : spec.ptr ? null : false;
    case 'q':
    case 'io':
    case 'time':
      return v ?? null;
    case 'any':
      return v ?? null;
    default:
      if (spec.ptr && (v === undefined || v === null)) return null;
      return k8sStruct(isMap(v) ? v : {}, spec.base);
  }
}

/** A Kubernetes struct value (v1.T) from its typed JSON. */
export function k8sStruct(json: JsonMap, type: string): Record<string | symbol, unknown> {
  const out: Record<string | symbol, unknown> = { [GO_TYPE]: `v1.${type}`, [SOURCE]: json };
  for (const [name, spec] of fieldsOf(type) ?? []) {
    if (name === '*') continue;
    out[goFieldName(name)] = k8sValue(json[name], spec);
  }
  return out;
}

// ---- protos ----

const ENUM_DEFAULTS: Record<string, string> = {
  interceptionMode: 'REDIRECT',
  controlPlaneAuthPolicy: 'NONE',
};
const WRAPPERS = new Set(['holdApplicationUntilProxyStarts', 'concurrency', 'enablePrometheusMerge']);

function enumValue(name: string): Record<string | symbol, unknown> {
  return { [GO_TYPE]: 'v1alpha1.Enum', String: () => name };
}

function wrapper(v: Json | undefined, type: string): unknown {
  if (v === undefined || v === null)
    return {
      [GO_TYPE]: `*wrapperspb.${type}`,
      GetValue: () => (type === 'BoolValue' ? false : 0n),
      [SOURCE]: null,
    };
  const value = typeof v === 'number' ? BigInt(v) : v;
  return { [GO_TYPE]: `wrapperspb.${type}`, Value: value, GetValue: () => value, [SOURCE]: v };
}

const NIL_PROTO: Record<string | symbol, unknown> = new Proxy(
  { [GO_TYPE]: '*proto.Nil' },
  {
    get(t, p) {
      if (typeof p === 'symbol') return (t as Record<symbol, unknown>)[p];
      if (p.startsWith('Get')) return () => NIL_PROTO;
      return undefined;
    },
  },
);

/**
 * Built structs by source object: every pod of a stream shares the mesh config (and, without a
 * proxy.istio.io/config annotation, the proxy config), and templates cannot change a struct.
 */
const protoCache = new WeakMap<JsonMap, Map<string, Record<string | symbol, unknown>>>();

/** A proto message as a Go struct: fields by Go name, GetX getters, enums print their name. */
export function protoStruct(json: JsonMap | undefined, type: string): Record<string | symbol, unknown> {
  if (json === undefined) return buildProtoStruct({}, type);
  let byType = protoCache.get(json);
  if (!byType) {
    byType = new Map();
    protoCache.set(json, byType);
  }
  let built = byType.get(type);
  if (!built) {
    built = buildProtoStruct(json, type);
    byType.set(type, built);
  }
  return built;
}

function buildProtoStruct(src: JsonMap, type: string): Record<string | symbol, unknown> {
  const fields: Record<string | symbol, unknown> = { [GO_TYPE]: `*v1alpha1.${type}`, [SOURCE]: src };
  const conv = (k: string, v: Json | undefined): unknown => {
    if (k in ENUM_DEFAULTS) return enumValue(typeof v === 'string' ? v : ENUM_DEFAULTS[k]!);
    if (WRAPPERS.has(k)) return wrapper(v, k === 'concurrency' ? 'Int32Value' : 'BoolValue');
    if (k === 'proxyMetadata') return new Typed('map[string]string', isMap(v) ? { ...v } : {});
    if (isMap(v)) return protoStruct(v, k);
    if (typeof v === 'number') return BigInt(v);
    return v ?? null;
  };
  const known = new Set([
    ...Object.keys(src),
    ...Object.keys(ENUM_DEFAULTS),
    ...WRAPPERS,
    'proxyMetadata',
    'tracing',
  ]);
  for (const k of known) {
    const val = conv(k, src[k]);
    const goName = goFieldName(k);
    fields[goName] = val;
    fields[`Get${goName}`] = () => (val === null || val === undefined ? NIL_PROTO : val);
  }
  return new Proxy(fields, {
    get(t, p) {
      if (typeof p === 'symbol' || p in t) return (t as Record<string | symbol, unknown>)[p];
      // Unset scalar fields read as their zero value; unset messages as nil.
      if (p.startsWith('Get')) return () => NIL_PROTO;
      return ZERO_BY_NAME[p] ?? null;
    },
    has(t, p) {
      return typeof p === 'string' ? /^[A-Z]/.test(p) || p in t : p in t;
    },
  });
}

const ZERO_BY_NAME: Record<string, unknown> = {
  ProxyListenPort: 0n,
  ProxyInboundListenPort: 0n,
  StatusPort: 0n,
  TrustDomain: '',
  DiscoveryAddress: '',
  ServiceCluster: '',
  ConfigPath: '',
  BinaryPath: '',
  MeshId: '',
  RootNamespace: '',
};

export interface GoTemplateData {
  data: Record<string, unknown>;
}

/** The template data in the engine's value model. */
export function goTemplateData(d: TemplateData): Record<string | symbol, unknown> {
  const meta = k8sStruct(d.ObjectMeta, 'ObjectMeta');
  return {
    [GO_TYPE]: 'inject.SidecarTemplateData',
    TypeMeta: { [GO_TYPE]: 'v1.TypeMeta', Kind: d.TypeMeta.Kind, APIVersion: d.TypeMeta.APIVersion },
    DeploymentMeta: {
      [GO_TYPE]: 'types.NamespacedName',
      Name: d.DeploymentMeta.Name,
      Namespace: d.DeploymentMeta.Namespace,
    },
    ObjectMeta: meta,
    Spec: k8sStruct(d.Spec, 'PodSpec'),
    ProxyConfig: protoStruct(d.ProxyConfig, 'ProxyConfig'),
    MeshConfig: protoStruct(d.MeshConfig, 'MeshConfig'),
    Values: d.Values,
    Revision: d.Revision,
    NativeSidecars: d.NativeSidecars,
    ProxyImage: d.ProxyImage,
    ProxyUID: BigInt(d.ProxyUID),
    ProxyGID: BigInt(d.ProxyGID),
    InboundTrafficPolicyMode: d.InboundTrafficPolicyMode,
    CompliancePolicy: d.CompliancePolicy,
  };
}

/** The JSON a struct was built from, or the value itself. */
export function sourceOf(v: unknown): unknown {
  if (v !== null && typeof v === 'object' && SOURCE in (v as object))
    return (v as Record<symbol, unknown>)[SOURCE];
  if (v instanceof Typed) return v.value;
  return v;
}
