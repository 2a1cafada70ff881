// `--from-version 1.X`: what changed between that release and ours. istioctl itself reports one
// change (IST0169 when the zipkin Service the old tracing default pointed at exists); we add every
// default that a compatibility profile restores (IST0168), unless the cluster shows it is pinned.
import type { Cluster, KubeObject } from '../../cluster/cluster.js';
import { CLUSTER_ORIGIN, msg, originOf, type PrecheckMessage } from './messages.js';

/** Parses `1.X` as istioctl does; the errors name what is wrong. */
export function parseFromVersion(v: string): number {
  const dot = v.indexOf('.');
  if (dot < 0) throw new Error(`invalid version ${v}: expected a version such as '1.0'`);
  const major = v.slice(0, dot);
  const minor = v.slice(dot + 1);
  if (major !== '1') throw new Error(`expected major version 1, got ${v}`);
  if (!/^[+-]?\d+$/.test(minor)) throw new Error(`minor version is not a number: ${minor}`);
  return Number.parseInt(minor, 10);
}

/** The oldest compatibilityVersion value this release accepts. */
export const OLDEST_COMPATIBILITY_MINOR = 25;

type Where = 'pilot-env' | 'proxy-metadata' | 'cni';

interface DefaultChange {
  /** The release whose default differs from the one before. */
  minor: number;
  where: Where;
  key: string;
  info: string;
}

/** From the compatibility-version profiles (each one restores the defaults changed after it). */
export const DEFAULT_CHANGES: readonly DefaultChange[] = [
  {
    minor: 22,
    where: 'pilot-env',
    key: 'ENABLE_ENHANCED_RESOURCE_SCOPING',
    info: 'istiod reads config only from namespaces meshConfig.discoverySelectors selects',
  },
  {
    minor: 22,
    where: 'pilot-env',
    key: 'ENABLE_RESOLUTION_NONE_TARGET_PORT',
    info: 'ServiceEntries with resolution NONE now honour targetPort',
  },
  { minor: 22, where: 'proxy-metadata', key: 'ISTIO_DELTA_XDS', info: 'proxies use incremental (delta) xDS' },
  {
    minor: 22,
    where: 'proxy-metadata',
    key: 'ENABLE_DEFERRED_CLUSTER_CREATION',
    info: 'Envoy creates upstream clusters on first use',
  },
  {
    minor: 23,
    where: 'proxy-metadata',
    key: 'ENABLE_DELIMITED_STATS_TAG_REGEX',
    info: 'stats tag extraction matches on delimited names',
  },
  {
    minor: 24,
    where: 'pilot-env',
    key: 'ENABLE_INBOUND_RETRY_POLICY',
    info: 'sidecars retry inbound requests whose connection was reset',
  },
  {
    minor: 24,
    where: 'pilot-env',
    key: 'EXCLUDE_UNSAFE_503_FROM_DEFAULT_RETRY',
    info: 'the default retry policy no longer retries 503s that are unsafe to retry',
  },
  {
    minor: 24,
    where: 'pilot-env',
    key: 'PILOT_ENABLE_IP_AUTOALLOCATE',
    info: 'istiod allocates addresses for ServiceEntries that have none',
  },
  { minor: 24, where: 'cni', key: 'dnsCapture', info: 'ambient pods have their DNS captured by ztunnel' },
  {
    minor: 26,
    where: 'pilot-env',
    key: 'PILOT_ENABLE_AWS_ZONE_ID',
    info: 'locality on AWS nodes uses availability-zone IDs',
  },
  {
    minor: 26,
    where: 'cni',
    key: 'shareHostNetworkNamespace',
    info: 'the istio-cni agent no longer shares the host network namespace',
  },
  {
    minor: 27,
    where: 'pilot-env',
    key: 'ENABLE_NATIVE_SIDECARS',
    info: 'injection adds the proxy as a Kubernetes native sidecar (an init container that keeps running)',
  },
  {
    minor: 28,
    where: 'pilot-env',
    key: 'DISABLE_SHADOW_HOST_SUFFIX',
    info: 'mirrored requests keep their Host header without the -shadow suffix',
  },
  {
    minor: 28,
    where: 'pilot-env',
    key: 'PILOT_SPAWN_UPSTREAM_SPAN_FOR_GATEWAY',
    info: 'gateways start a separate tracing span for the upstream request',
  },
  {
    minor: 29,
    where: 'pilot-env',
    key: 'DISABLE_TRACK_REMAINING_CB_METRICS',
    info: 'Envoy no longer tracks the remaining-capacity circuit-breaker gauges',
  },
  {
    minor: 29,
    where: 'cni',
    key: 'reconcileIptablesOnStartup',
    info: 'the istio-cni agent rewrites the iptables rules of running ambient pods when it starts',
  },
  {
    minor: 30,
    where: 'pilot-env',
    key: 'PILOT_SIDECAR_PICK_BEST_SERVICE_NAMESPACE',
    info: 'a host defined by Services in several namespaces resolves to the best-matching namespace',
  },
];

function fieldOf(c: DefaultChange): string {
  if (c.where === 'pilot-env') return `values.pilot.env.${c.key}`;
  if (c.where === 'proxy-metadata') return `meshConfig.defaultConfig.proxyMetadata.${c.key}`;
  return `values.cni.ambient.${c.key}`;
}

interface Container {
  name?: string;
  env?: Array<{ name?: string }>;
}

function envNames(deployments: KubeObject[]): Set<string> {
  const out = new Set<string>();
  for (const d of deployments) {
    const spec = d.spec as { template?: { spec?: { containers?: Container[] } } } | undefined;
    for (const c of spec?.template?.spec?.containers ?? [])
      for (const e of c.env ?? []) if (e.name) out.add(e.name);
  }
  return out;
}

export interface FromVersionInput {
  cluster: Cluster;
  istioNamespace: string;
  fromMinor: number;
  ourMinor: number;
}

export async function fromVersionMessages(input: FromVersionInput): Promise<PrecheckMessage[]> {
  const { cluster, istioNamespace, fromMinor, ourMinor } = input;
  // The compatibility profile of a release restores the defaults changed after it; 1.30 ships them from 1.25 on.
  const compatFor = (c: DefaultChange) => {
    const base = Math.max(fromMinor, OLDEST_COMPATIBILITY_MINOR);
    return base < c.minor ? `1.${base}` : `none (no profile restores it; set ${fieldOf(c)} explicitly)`;
  };
  const out: PrecheckMessage[] = [];
  if (fromMinor <= 21) {
    // istioctl looks in istio-system whatever the istio namespace is.
    const zipkin = await cluster.get({
      apiVersion: 'v1',
      kind: 'Service',
      namespace: 'istio-system',
      name: 'zipkin',
    });
    if (zipkin) {
      out.push(
        msg.updateIncompatibility(
          originOf('Service', 'zipkin', 'istio-system'),
          'meshConfig.defaultConfig.tracer',
          '1.21',
          'tracing no longer sends to zipkin.istio-system.svc by default; configure it with the Telemetry API (https://istio.io/latest/docs/tasks/observability/distributed-tracing/telemetry-api/)',
          '1.21',
        ),
      );
    }
  }
  const changes = DEFAULT_CHANGES.filter((c) => c.minor > fromMinor && c.minor <= ourMinor);
  if (changes.length === 0) return out;
  const [istiods, cniNodes, meshConfigs] = await Promise.all([
    cluster.list(
      { apiVersion: 'apps/v1', kind: 'Deployment' },
      { namespace: istioNamespace, labelSelector: 'app=istiod' },
    ),
    cluster.list({ apiVersion: 'apps/v1', kind: 'DaemonSet' }, { labelSelector: 'k8s-app=istio-cni-node' }),
    cluster.list({ apiVersion: 'v1', kind: 'ConfigMap' }, { namespace: istioNamespace }),
  ]);
  const pinnedEnv = envNames(istiods);
  const meshText = meshConfigs
    .filter((c) => c.metadata.name === 'istio' || c.metadata.name.startsWith('istio-'))
    .map((c) => String((c.data as Record<string, string> | undefined)?.mesh ?? ''))
    .join('\n');
  const sorted = [...istiods].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  const origin = sorted[0] ? originOf('Deployment', sorted[0].metadata.name, istioNamespace) : CLUSTER_ORIGIN;
  for (const c of changes) {
    if (c.where === 'pilot-env' && pinnedEnv.has(c.key)) continue;
    if (c.where === 'proxy-metadata' && new RegExp(`\\b${c.key}\\b`).test(meshText)) continue;
    // The ambient CNI settings matter only where the istio-cni agent runs.
    if (c.where === 'cni' && cniNodes.length === 0) continue;
    out.push(msg.unknownUpgradeCompatibility(origin, fieldOf(c), `1.${c.minor}`, c.info, compatFor(c)));
  }
  return out;
}
