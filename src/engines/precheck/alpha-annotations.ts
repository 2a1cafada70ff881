// Upstream check 4: istioctl's annotations.AlphaAnalyzer over live Namespaces, Services, Pods and
// Deployments. Each Istio annotation of an alpha-stage feature is IST0136 (Info, so hidden by the
// default output threshold and never failing the run).
import type { KubeObject } from '../../cluster/cluster.js';
import { type Check, inScope, type PrecheckContext } from './context.js';
import { msg, originOf, type PrecheckMessage } from './messages.js';

/** Annotations whose feature status is Alpha in istio.io/api annotation/annotations.yaml (1.30). */
export const ALPHA_ANNOTATIONS: ReadonlySet<string> = new Set([
  'alpha.istio.io/canonical-serviceaccounts',
  'alpha.istio.io/kubernetes-serviceaccounts',
  'ambient.istio.io/bypass-inbound-capture',
  'ambient.istio.io/dns-capture',
  'ambient.istio.io/waypoint-inbound-binding',
  'galley.istio.io/analyze-suppress',
  'gateway.istio.io/controller-version',
  'gateway.istio.io/name-override',
  'gateway.istio.io/service-account',
  'inject.istio.io/templates',
  'istio.io/autoRegistrationGroup',
  'istio.io/connectedAt',
  'istio.io/disconnectedAt',
  'istio.io/dry-run',
  'istio.io/reroute-virtual-interfaces',
  'istio.io/rev',
  'istio.io/workloadController',
  'networking.istio.io/exportTo',
  'networking.istio.io/service-type',
  'networking.istio.io/traffic-distribution',
  'prometheus.istio.io/merge-metrics',
  'proxy.istio.io/overrides',
  'readiness.status.sidecar.istio.io/applicationPorts',
  'readiness.status.sidecar.istio.io/failureThreshold',
  'readiness.status.sidecar.istio.io/initialDelaySeconds',
  'readiness.status.sidecar.istio.io/periodSeconds',
  'sidecar.istio.io/agentLogLevel',
  'sidecar.istio.io/bootstrapOverride',
  'sidecar.istio.io/componentLogLevel',
  'sidecar.istio.io/discoveryAddress',
  'sidecar.istio.io/extraStatTags',
  'sidecar.istio.io/interceptionMode',
  'sidecar.istio.io/logLevel',
  'sidecar.istio.io/nativeSidecar',
  'sidecar.istio.io/proxyCPU',
  'sidecar.istio.io/proxyCPULimit',
  'sidecar.istio.io/proxyImage',
  'sidecar.istio.io/proxyImageType',
  'sidecar.istio.io/proxyMemory',
  'sidecar.istio.io/rewriteAppHTTPProbers',
  'sidecar.istio.io/statsCompression',
  'sidecar.istio.io/statsEvictionInterval',
  'sidecar.istio.io/statsFlushInterval',
  'sidecar.istio.io/statsHistogramBins',
  'sidecar.istio.io/statsHistogramBuckets',
  'sidecar.istio.io/statsInclusionPrefixes',
  'sidecar.istio.io/statsInclusionRegexps',
  'sidecar.istio.io/statsInclusionSuffixes',
  'sidecar.istio.io/status',
  'sidecar.istio.io/userVolume',
  'status.sidecar.istio.io/port',
  'topology.istio.io/controlPlaneClusters',
  'traffic.sidecar.istio.io/excludeInboundPorts',
  'traffic.sidecar.istio.io/excludeInterfaces',
  'traffic.sidecar.istio.io/excludeOutboundIPRanges',
  'traffic.sidecar.istio.io/excludeOutboundPorts',
  // Alpha in the istio.io/api that istio 1.30.3 builds with (its analyzer test expects it).
  'traffic.sidecar.istio.io/includeInboundPorts',
  'traffic.sidecar.istio.io/includeOutboundIPRanges',
  'traffic.sidecar.istio.io/includeOutboundPorts',
  'traffic.sidecar.istio.io/kubevirtInterfaces',
]);

/** Set by istiod, the gateway controller or the injector rather than by users: never reported. */
const ALWAYS_IGNORED = new Set([
  'sidecar.istio.io/status',
  'gateway.istio.io/controller-version',
  'istio.io/rev',
]);

/** Written on every pod by injection when the CNI plugin does the redirection: ignored on such pods. */
const IGNORED_WITH_CNI = new Set([
  'sidecar.istio.io/interceptionMode',
  'traffic.sidecar.istio.io/includeInboundPorts',
  'traffic.sidecar.istio.io/excludeInboundPorts',
  'traffic.sidecar.istio.io/includeOutboundIPRanges',
]);

function isIstioAnnotation(key: string): boolean {
  return key === 'kubernetes.io/ingress.class' || key.split('/')[0]!.endsWith('istio.io');
}

/** A pod without the istio-init container has its traffic redirected by the CNI plugin. */
function cniRedirected(pod: KubeObject): boolean {
  const inits = ((pod.spec as { initContainers?: Array<{ name?: string }> } | undefined)?.initContainers ??
    []) as Array<{ name?: string }>;
  return !inits.some((c) => c.name === 'istio-init');
}

/** The analyzer over given objects (exported for the conformance case, which runs it on files). */
export function alphaAnnotationMessages(objects: KubeObject[]): PrecheckMessage[] {
  const out: PrecheckMessage[] = [];
  for (const o of objects) {
    const annotations = o.metadata.annotations ?? {};
    const skipCniDefaults = o.kind === 'Pod' && cniRedirected(o);
    for (const key of Object.keys(annotations).sort()) {
      if (!isIstioAnnotation(key) || !ALPHA_ANNOTATIONS.has(key) || ALWAYS_IGNORED.has(key)) continue;
      if (skipCniDefaults && IGNORED_WITH_CNI.has(key)) continue;
      out.push(msg.alphaAnnotation(originOf(o.kind, o.metadata.name, o.metadata.namespace), key));
    }
  }
  return out;
}

const KINDS = [
  { apiVersion: 'v1', kind: 'Namespace' },
  { apiVersion: 'v1', kind: 'Service' },
  { apiVersion: 'v1', kind: 'Pod' },
  { apiVersion: 'apps/v1', kind: 'Deployment' },
];

export const alphaAnnotations: Check = {
  name: 'alpha-annotations',
  upstream: true,
  async run(ctx: PrecheckContext) {
    const lists = await Promise.all(
      KINDS.map((t) =>
        ctx.cluster.list(t, t.kind === 'Namespace' || !ctx.namespace ? {} : { namespace: ctx.namespace }),
      ),
    );
    const objects = lists.flat().filter((o) => {
      const ns = o.kind === 'Namespace' ? o.metadata.name : o.metadata.namespace;
      return o.kind === 'Namespace' ? inScope({ ...ctx, namespace: undefined }, ns) : inScope(ctx, ns);
    });
    return alphaAnnotationMessages(objects);
  },
};
