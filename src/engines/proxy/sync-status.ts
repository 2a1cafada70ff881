// proxy-status tables and documents from istiod's `istio.io/debug/syncz` answers: one
// DiscoveryResponse per istiod (keyed by its pod name), each resource a ClientConfig.

import { table } from '../../writers/tabwriter.js';
import { goYamlMarshal } from '../inject/go-yaml.js';
import { arr, f, type Json, obj, str } from './config-dump.js';
import { goSortSlice } from './go-sort.js';
import { jsonpbIndent } from './proto-json.js';

export const TYPE = {
  cluster: 'type.googleapis.com/envoy.config.cluster.v3.Cluster',
  listener: 'type.googleapis.com/envoy.config.listener.v3.Listener',
  endpoint: 'type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment',
  route: 'type.googleapis.com/envoy.config.route.v3.RouteConfiguration',
  extension: 'type.googleapis.com/envoy.config.core.v3.TypedExtensionConfig',
} as const;

const SHORT: Record<string, string> = {
  [TYPE.cluster]: 'CDS',
  [TYPE.listener]: 'LDS',
  [TYPE.endpoint]: 'EDS',
  [TYPE.route]: 'RDS',
  [TYPE.extension]: 'ECDS',
  'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret': 'SDS',
  'type.googleapis.com/istio.networking.nds.v1.NameTable': 'NDS',
  'type.googleapis.com/istio.mesh.v1alpha1.ProxyConfig': 'PCDS',
  'type.googleapis.com/istio.workload.Address': 'WDS',
  'type.googleapis.com/istio.security.Authorization': 'WADS',
};

export function shortType(url: string): string {
  return SHORT[url] ?? url;
}

const IGNORED = 'IGNORED';
const CORE_ORDER = [TYPE.cluster, TYPE.listener, TYPE.endpoint, TYPE.route];

/** Kubernetes' HumanDuration (k8s.io/apimachinery/pkg/util/duration). */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    const y = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** The ID in the control plane identifier JSON, or MISSING / INVALID. */
export function istiodID(resp: Json): string {
  const id = str(obj(resp, 'controlPlane'), 'identifier');
  if (!id) return 'MISSING';
  try {
    const parsed = JSON.parse(id) as { ID?: unknown };
    return typeof parsed.ID === 'string' ? parsed.ID : 'INVALID';
  } catch {
    return 'INVALID';
  }
}

interface ProxyStatus {
  proxyID: string;
  clusterID: string;
  istiodID: string;
  version: string;
  typeStatus: Map<string, string>;
}

const LEGACY_TYPES: Record<string, string> = {
  listenerConfig: TYPE.listener,
  clusterConfig: TYPE.cluster,
  routeConfig: TYPE.route,
  endpointConfig: TYPE.endpoint,
};

/** Generic xDS configs, or the legacy per-type form mapped onto them. */
function xdsConfigs(cc: Json): Json[] {
  const generic = f(cc, 'genericXdsConfigs');
  if (Array.isArray(generic)) return generic as Json[];
  const out: Json[] = [];
  for (const c of arr(cc, 'xdsConfig')) {
    const kind = Object.keys(LEGACY_TYPES).find(
      (k) => k in c || k.replace(/[A-Z]/g, (x) => `_${x.toLowerCase()}`) in c,
    );
    if (kind) out.push({ typeUrl: LEGACY_TYPES[kind], configStatus: f(c, 'status') });
  }
  return out;
}

function formatStatus(c: Json, now: Date): string {
  const s = f(c, 'configStatus');
  if (s === undefined || s === 'UNKNOWN' || s === 0) return IGNORED;
  if (s === 'NOT_SENT') return 'NOT SENT';
  let status = String(s);
  const updated = str(c, 'lastUpdated');
  if (updated) status += ` (${humanDuration(now.getTime() - Date.parse(updated))})`;
  return status;
}

function nodeNamespace(cc: Json): string {
  const md = obj(obj(cc, 'node'), 'metadata');
  const ns = md?.NAMESPACE;
  return typeof ns === 'string' ? ns : '';
}

function collect(
  responses: Map<string, Json>,
  namespace: string,
  now: Date,
): { all: ProxyStatus[]; types: Set<string> } {
  const all: ProxyStatus[] = [];
  const types = new Set<string>();
  for (const resp of responses.values()) {
    for (const cc of arr(resp, 'resources')) {
      if (namespace && nodeNamespace(cc) !== namespace) continue;
      const md = obj(obj(cc, 'node'), 'metadata') ?? {};
      const typeStatus = new Map<string, string>();
      for (const c of xdsConfigs(cc)) {
        const url = str(c, 'typeUrl');
        types.add(url);
        typeStatus.set(url, formatStatus(c, now));
      }
      all.push({
        proxyID: str(obj(cc, 'node'), 'id'),
        clusterID: typeof md.CLUSTER_ID === 'string' ? md.CLUSTER_ID : '',
        istiodID: istiodID(resp),
        version: typeof md.ISTIO_VERSION === 'string' ? md.ISTIO_VERSION : '',
        typeStatus,
      });
    }
  }
  goSortSlice(all, (a, b) => a.proxyID < b.proxyID);
  return { all, types };
}

function orderedTypes(types: Set<string>): string[] {
  const core = CORE_ORDER.filter((t) => types.has(t));
  const extras = [...types].filter((t) => !CORE_ORDER.includes(t as (typeof CORE_ORDER)[number])).sort();
  return [...core, ...extras];
}

export interface StatusOptions {
  namespace: string;
  verbosity: number;
  now: Date;
}

export function statusTable(responses: Map<string, Json>, opts: StatusOptions): string {
  const { all, types } = collect(responses, opts.namespace, opts.now);
  if (opts.verbosity > 0) {
    const cols = [...new Set([...types, ...Object.values(TYPE)])].sort();
    const rows = [['NAME', 'CLUSTER', ...cols.map(shortType), 'ISTIOD', 'VERSION']];
    for (const p of all) {
      rows.push([
        p.proxyID,
        p.clusterID,
        ...cols.map((t) => p.typeStatus.get(t) ?? IGNORED),
        p.istiodID,
        p.version,
      ]);
    }
    return table(rows, 5);
  }
  const order = orderedTypes(types);
  const rows = [['NAME', 'CLUSTER', 'ISTIOD', 'VERSION', 'SUBSCRIBED TYPES']];
  for (const p of all) {
    const subscribed = order
      .filter((t) => p.typeStatus.has(t) && p.typeStatus.get(t) !== IGNORED)
      .map(shortType);
    const cell = subscribed.length ? `${subscribed.length} (${subscribed.join(',')})` : '0';
    rows.push([p.proxyID, p.clusterID, p.istiodID, p.version, cell]);
  }
  return table(rows, 5);
}

/** `-o json|yaml`: each istiod's response (filtered to the namespace) as its own document. */
export function statusDocuments(
  responses: Map<string, Json>,
  namespace: string,
  format: 'json' | 'yaml',
): string {
  let out = '';
  for (const resp of responses.values()) {
    let doc = resp;
    if (namespace) {
      const kept = arr(resp, 'resources').filter((cc) => nodeNamespace(cc) === namespace);
      doc = {};
      for (const [k, v] of Object.entries(resp)) {
        if (k !== 'resources') doc[k] = v;
        else if (kept.length) doc[k] = kept;
      }
    }
    const text = jsonpbIndent(doc);
    // Upstream prints the namespace-filtered YAML without Println's extra newline.
    if (format === 'yaml') out += `${goYamlMarshal(JSON.parse(text))}${namespace ? '' : '\n'}`;
    else out += `${text}\n`;
  }
  return out;
}
