// The Istio config kinds Istio 1.30 serves: group, names, versions and CRD extras, with the spec
// schema of each. `isIstioKind` and `kindInfo` are what validate and analyze look kinds up with.
import { istioStatus } from './common.js';
import { destinationRuleSpec } from './destination-rule.js';
import { envoyFilterSpec } from './envoy-filter.js';
import { trafficExtensionSpec, wasmPluginSpec } from './extensions.js';
import { gatewaySpec } from './gateway.js';
import { proxyConfigSpec } from './proxy-config.js';
import type { ObjectSchema } from './schema.js';
import { authorizationPolicySpec, peerAuthenticationSpec, requestAuthenticationSpec } from './security.js';
import { serviceEntrySpec } from './service-entry.js';
import { sidecarSpec } from './sidecar.js';
import { telemetrySpec } from './telemetry.js';
import { virtualServiceSpec } from './virtual-service.js';
import { workloadEntrySpecSchema, workloadGroupSpec } from './workload.js';

export interface KindVersion {
  name: string;
  served: boolean;
  storage: boolean;
}

export interface PrinterColumn {
  name: string;
  type: 'string' | 'date' | 'integer' | 'boolean' | 'number';
  jsonPath: string;
  desc: string;
}

export interface KindInfo {
  group: string;
  kind: string;
  plural: string;
  singular: string;
  shortNames: readonly string[];
  categories: readonly string[];
  versions: readonly KindVersion[];
  printerColumns: readonly PrinterColumn[];
  /** Extra CRD labels beyond the common ones (`istio: security`). */
  labels: Readonly<Record<string, string>>;
  /** The object must carry a spec. */
  specRequired: boolean;
  spec: ObjectSchema;
  status: ObjectSchema;
}

const AGE: PrinterColumn = {
  name: 'Age',
  type: 'date',
  jsonPath: '.metadata.creationTimestamp',
  desc: 'Time since the object was created.',
};
const col = (name: string, jsonPath: string, desc: string): PrinterColumn => ({
  name,
  type: 'string',
  jsonPath,
  desc,
});

/** v1 stores; v1alpha3 and v1beta1 are served views of the same schema. */
const NETWORKING_V1 = [
  { name: 'v1', served: true, storage: true },
  { name: 'v1alpha3', served: true, storage: false },
  { name: 'v1beta1', served: true, storage: false },
];
const SECURITY_V1 = [
  { name: 'v1', served: true, storage: true },
  { name: 'v1beta1', served: true, storage: false },
];
const only = (name: string) => [{ name, served: true, storage: true }];

interface Def {
  kind: string;
  group: string;
  versions: KindVersion[];
  spec: ObjectSchema;
  shortNames?: string[];
  columns?: PrinterColumn[];
  labels?: Record<string, string>;
  specRequired?: boolean;
  plural?: string;
}

function define(d: Def): KindInfo {
  const singular = d.kind.toLowerCase();
  return {
    group: d.group,
    kind: d.kind,
    plural: d.plural ?? `${singular}s`,
    singular,
    shortNames: d.shortNames ?? [],
    categories: ['istio-io', `${d.group.replace(/\./g, '-')}`],
    versions: d.versions,
    printerColumns: d.columns ?? [],
    labels: d.labels ?? {},
    specRequired: d.specRequired ?? false,
    spec: d.spec,
    status: istioStatus,
  };
}

const NET = 'networking.istio.io';
const SEC = 'security.istio.io';
const EXT = 'extensions.istio.io';

/** Sorted by group, then kind: the order of the generated CRD file. */
export const ISTIO_KINDS: readonly KindInfo[] = [
  define({
    kind: 'TrafficExtension',
    group: EXT,
    versions: only('v1alpha1'),
    spec: trafficExtensionSpec,
    columns: [AGE],
    specRequired: true,
  }),
  define({
    kind: 'WasmPlugin',
    group: EXT,
    versions: only('v1alpha1'),
    spec: wasmPluginSpec,
    columns: [AGE],
    specRequired: true,
  }),
  define({
    kind: 'DestinationRule',
    group: NET,
    versions: NETWORKING_V1,
    spec: destinationRuleSpec,
    shortNames: ['dr'],
    columns: [col('Host', '.spec.host', 'The service the rule applies to.'), AGE],
  }),
  define({ kind: 'EnvoyFilter', group: NET, versions: only('v1alpha3'), spec: envoyFilterSpec }),
  define({ kind: 'Gateway', group: NET, versions: NETWORKING_V1, spec: gatewaySpec, shortNames: ['gw'] }),
  define({ kind: 'ProxyConfig', group: NET, versions: only('v1beta1'), spec: proxyConfigSpec }),
  define({
    kind: 'ServiceEntry',
    group: NET,
    versions: NETWORKING_V1,
    spec: serviceEntrySpec,
    shortNames: ['se'],
    plural: 'serviceentries',
    specRequired: true,
    columns: [
      col('Hosts', '.spec.hosts', 'Hostnames of the entry.'),
      col('Location', '.spec.location', 'Inside or outside the mesh.'),
      col('Resolution', '.spec.resolution', 'How endpoints are resolved.'),
      AGE,
    ],
  }),
  define({ kind: 'Sidecar', group: NET, versions: NETWORKING_V1, spec: sidecarSpec }),
  define({
    kind: 'VirtualService',
    group: NET,
    versions: NETWORKING_V1,
    spec: virtualServiceSpec,
    shortNames: ['vs'],
    columns: [
      col('Gateways', '.spec.gateways', 'Gateways and sidecars the routes apply to.'),
      col('Hosts', '.spec.hosts', 'Destination hosts.'),
      AGE,
    ],
  }),
  define({
    kind: 'WorkloadEntry',
    group: NET,
    versions: NETWORKING_V1,
    spec: workloadEntrySpecSchema,
    shortNames: ['we'],
    plural: 'workloadentries',
    specRequired: true,
    columns: [AGE, col('Address', '.spec.address', 'Address of the workload.')],
  }),
  define({
    kind: 'WorkloadGroup',
    group: NET,
    versions: NETWORKING_V1,
    spec: workloadGroupSpec,
    shortNames: ['wg'],
    specRequired: true,
    columns: [AGE],
  }),
  define({
    kind: 'AuthorizationPolicy',
    group: SEC,
    versions: SECURITY_V1,
    spec: authorizationPolicySpec,
    shortNames: ['ap'],
    plural: 'authorizationpolicies',
    labels: { istio: 'security' },
    columns: [col('Action', '.spec.action', 'What a match does.'), AGE],
  }),
  define({
    kind: 'PeerAuthentication',
    group: SEC,
    versions: SECURITY_V1,
    spec: peerAuthenticationSpec,
    shortNames: ['pa'],
    labels: { istio: 'security' },
    columns: [col('Mode', '.spec.mtls.mode', 'Mutual TLS mode.'), AGE],
  }),
  define({
    kind: 'RequestAuthentication',
    group: SEC,
    versions: SECURITY_V1,
    spec: requestAuthenticationSpec,
    shortNames: ['ra'],
    labels: { istio: 'security' },
  }),
  define({
    kind: 'Telemetry',
    group: 'telemetry.istio.io',
    versions: [
      { name: 'v1', served: true, storage: false },
      { name: 'v1alpha1', served: true, storage: true },
    ],
    spec: telemetrySpec,
    shortNames: ['telemetry'],
    plural: 'telemetries',
    labels: { istio: 'telemetry' },
    columns: [AGE],
  }),
];

const byGroupKind = new Map(ISTIO_KINDS.map((k) => [`${k.group}/${k.kind}`, k]));

function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.lastIndexOf('/');
  return i < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

/** The kind's metadata when `apiVersion`/`kind` names a served Istio config kind and version. */
export function kindInfo(apiVersion: unknown, kind: unknown): KindInfo | undefined {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  const { group, version } = splitApiVersion(apiVersion);
  const info = byGroupKind.get(`${group}/${kind}`);
  return info?.versions.some((v) => v.name === version && v.served) ? info : undefined;
}

/** The kind's metadata by group and kind, any version. */
export function kindByGroupKind(group: string, kind: string): KindInfo | undefined {
  return byGroupKind.get(`${group}/${kind}`);
}

export function isIstioKind(apiVersion: unknown, kind: unknown): boolean {
  return kindInfo(apiVersion, kind) !== undefined;
}
