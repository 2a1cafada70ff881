// The Istio resource annotations Istio 1.30 defines: where each applies and whether it is
// deprecated ('*' = any kind), plus value checks for the ones the injector parses.

export interface KnownAnnotation {
  kinds: readonly string[];
  deprecated?: boolean;
  /** Feature maturity; most Istio annotations are Alpha. */
  status?: 'Alpha' | 'Beta' | 'Stable';
}

const POD = ['Pod'];
const ANY = ['*'];
const a = (
  kinds: readonly string[],
  deprecated = false,
  status: KnownAnnotation['status'] = 'Alpha',
): KnownAnnotation => ({
  kinds,
  deprecated,
  status,
});

export const KNOWN_ANNOTATIONS: ReadonlyMap<string, KnownAnnotation> = new Map([
  ['alpha.istio.io/canonical-serviceaccounts', a(['Service'], true)],
  ['alpha.istio.io/kubernetes-serviceaccounts', a(['Service'], true)],
  ['ambient.istio.io/bypass-inbound-capture', a(POD)],
  ['ambient.istio.io/redirection', a(POD, false, 'Beta')],
  ['ambient.istio.io/waypoint-inbound-binding', a(['GatewayClass', 'Gateway'])],
  ['galley.istio.io/analyze-suppress', a(ANY)],
  ['gateway.istio.io/controller-version', a(ANY, false, 'Beta')],
  ['gateway.istio.io/name-override', a(['Gateway'])],
  ['gateway.istio.io/service-account', a(['Gateway'])],
  ['inject.istio.io/templates', a(POD)],
  ['install.operator.istio.io/chart-owner', a(ANY)],
  ['install.operator.istio.io/owner-generation', a(ANY)],
  ['install.operator.istio.io/version', a(ANY)],
  ['istio.io/autoRegistrationGroup', a(['WorkloadEntry'])],
  ['istio.io/connectedAt', a(['WorkloadEntry'])],
  ['istio.io/disconnectedAt', a(['WorkloadEntry'])],
  ['istio.io/dry-run', a(['AuthorizationPolicy'])],
  ['istio.io/rev', a(POD)],
  ['istio.io/workloadController', a(['WorkloadEntry'])],
  ['kubernetes.io/ingress.class', a(['Ingress'], false, 'Stable')],
  ['networking.istio.io/exportTo', a(['Service'])],
  ['networking.istio.io/service-type', a(['Gateway'])],
  ['networking.istio.io/traffic-distribution', a(['Service', 'ServiceEntry'])],
  ['prometheus.istio.io/merge-metrics', a(POD)],
  ['proxy.istio.io/config', a(POD, false, 'Beta')],
  ['proxy.istio.io/overrides', a(POD)],
  ['readiness.status.sidecar.istio.io/applicationPorts', a(POD)],
  ['readiness.status.sidecar.istio.io/failureThreshold', a(POD)],
  ['readiness.status.sidecar.istio.io/initialDelaySeconds', a(POD)],
  ['readiness.status.sidecar.istio.io/periodSeconds', a(POD)],
  ['sidecar.istio.io/agentLogLevel', a(POD)],
  ['sidecar.istio.io/bootstrapOverride', a(POD)],
  ['sidecar.istio.io/componentLogLevel', a(POD)],
  ['sidecar.istio.io/discoveryAddress', a(POD, true)],
  ['sidecar.istio.io/enableCoreDump', a(POD)],
  ['sidecar.istio.io/extraStatTags', a(POD, true)],
  ['sidecar.istio.io/inject', a(POD, true, 'Beta')],
  ['sidecar.istio.io/interceptionMode', a(POD)],
  ['sidecar.istio.io/logLevel', a(POD)],
  ['sidecar.istio.io/nativeSidecar', a(POD)],
  ['sidecar.istio.io/proxyCPU', a(POD)],
  ['sidecar.istio.io/proxyCPULimit', a(POD)],
  ['sidecar.istio.io/proxyImage', a(POD)],
  ['sidecar.istio.io/proxyImageType', a(POD)],
  ['sidecar.istio.io/proxyMemory', a(POD)],
  ['sidecar.istio.io/proxyMemoryLimit', a(POD)],
  ['sidecar.istio.io/rewriteAppHTTPProbers', a(POD)],
  ['sidecar.istio.io/statsHistogramBuckets', a(POD)],
  ['sidecar.istio.io/statsInclusionPrefixes', a(POD, true)],
  ['sidecar.istio.io/statsInclusionRegexps', a(POD, true)],
  ['sidecar.istio.io/statsInclusionSuffixes', a(POD, true)],
  ['sidecar.istio.io/status', a(POD)],
  ['sidecar.istio.io/userVolume', a(POD)],
  ['sidecar.istio.io/userVolumeMount', a(POD)],
  ['status.sidecar.istio.io/port', a(POD)],
  ['topology.istio.io/controlPlaneClusters', a(['Namespace'])],
  ['traffic.istio.io/nodeSelector', a(['Service'], false, 'Stable')],
  ['traffic.sidecar.istio.io/excludeInboundPorts', a(POD)],
  ['traffic.sidecar.istio.io/excludeInterfaces', a(POD)],
  ['traffic.sidecar.istio.io/excludeOutboundIPRanges', a(POD)],
  ['traffic.sidecar.istio.io/excludeOutboundPorts', a(POD)],
  ['traffic.sidecar.istio.io/includeInboundPorts', a(POD)],
  ['traffic.sidecar.istio.io/includeOutboundIPRanges', a(POD)],
  ['traffic.sidecar.istio.io/includeOutboundPorts', a(POD)],
  ['traffic.sidecar.istio.io/kubevirtInterfaces', a(POD)],
]);

type Check = (v: string) => string | undefined;

const uint32: Check = (v) =>
  /^\d+$/.test(v) && Number(v) <= 0xffffffff ? undefined : `"${v}" is not a non-negative 32-bit integer`;
const bool: Check = (v) =>
  /^(1|t|T|TRUE|true|True|0|f|F|FALSE|false|False)$/.test(v) ? undefined : `"${v}" is not a boolean`;
const port = (p: string) => /^\d+$/.test(p) && Number(p) > 0 && Number(p) <= 65535;
const portList =
  (wildcard: boolean): Check =>
  (v) => {
    if (v.trim() === '' || (wildcard && v.trim() === '*')) return undefined;
    const bad = v.split(',').find((p) => !port(p.trim()));
    return bad === undefined ? undefined : `"${bad.trim()}" is not a valid port`;
  };
const cidr = (c: string) => {
  const [ip, bits, extra] = c.split('/');
  if (!ip || bits === undefined || extra !== undefined || !/^\d+$/.test(bits)) return false;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(ip))
    return ip.split('.').every((o) => Number(o) <= 255) && Number(bits) <= 32;
  return ip.includes(':') && Number(bits) <= 128;
};
const cidrList =
  (wildcard: boolean): Check =>
  (v) => {
    if (v.trim() === '' || (wildcard && v.trim() === '*')) return undefined;
    const bad = v.split(',').find((c) => !cidr(c.trim()));
    return bad === undefined ? undefined : `"${bad.trim()}" is not a valid CIDR range`;
  };

export const ANNOTATION_CHECKS: ReadonlyMap<string, Check> = new Map([
  ['readiness.status.sidecar.istio.io/applicationPorts', portList(false)],
  ['readiness.status.sidecar.istio.io/failureThreshold', uint32],
  ['readiness.status.sidecar.istio.io/initialDelaySeconds', uint32],
  ['readiness.status.sidecar.istio.io/periodSeconds', uint32],
  ['sidecar.istio.io/enableCoreDump', bool],
  [
    'sidecar.istio.io/interceptionMode',
    (v) =>
      ['REDIRECT', 'TPROXY', 'NONE'].includes(v) ? undefined : `"${v}" is not one of REDIRECT, TPROXY, NONE`,
  ],
  ['sidecar.istio.io/rewriteAppHTTPProbers', bool],
  [
    'status.sidecar.istio.io/port',
    (v) => (/^\d+$/.test(v) && Number(v) <= 65535 ? undefined : `"${v}" is not a valid port`),
  ],
  ['traffic.sidecar.istio.io/excludeInboundPorts', portList(false)],
  ['traffic.sidecar.istio.io/excludeOutboundIPRanges', cidrList(false)],
  ['traffic.sidecar.istio.io/excludeOutboundPorts', portList(false)],
  ['traffic.sidecar.istio.io/includeInboundPorts', portList(true)],
  ['traffic.sidecar.istio.io/includeOutboundIPRanges', cidrList(true)],
  ['traffic.sidecar.istio.io/includeOutboundPorts', portList(false)],
]);
