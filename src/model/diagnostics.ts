// The IST message table: every code istioctl analyze knows, its name and level, and a Go-fmt
// template written for this project. Placeholders follow upstream's parameter order, so an
// analyzer passes the same values upstream passes; only the wording is ours.

export type Level = 'Error' | 'Warning' | 'Info';

export interface MessageType {
  code: string;
  name: string;
  level: Level;
  template: string;
}

const T = (code: string, name: string, level: Level, template: string): MessageType => ({
  code,
  name,
  level,
  template,
});

/** In code order, as the message catalogue lists them. */
export const MESSAGE_TYPES: readonly MessageType[] = [
  T('IST0001', 'InternalError', 'Error', 'Internal error in the analysis tool: %v'),
  T('IST0002', 'Deprecated', 'Warning', 'Deprecated: %s'),
  T('IST0101', 'ReferencedResourceNotFound', 'Error', 'Referenced %s not found: %q'),
  T(
    'IST0102',
    'NamespaceNotInjected',
    'Info',
    "The namespace is not enabled for Istio injection. Run 'kubectl label namespace %s istio-injection=enabled' to enable it, or 'kubectl label namespace %s istio-injection=disabled' to explicitly mark it as not needing injection.",
  ),
  T(
    'IST0103',
    'PodMissingProxy',
    'Warning',
    'The pod %s has no Istio sidecar proxy; restart the pod so it gets injected.',
  ),
  T('IST0106', 'SchemaValidationError', 'Error', 'Schema validation error: %v'),
  T(
    'IST0107',
    'MisplacedAnnotation',
    'Warning',
    'Annotation %q belongs on resources of kind %s, not this one.',
  ),
  T('IST0108', 'UnknownAnnotation', 'Warning', 'Istio does not define the annotation %q.'),
  T(
    'IST0109',
    'ConflictingMeshGatewayVirtualServiceHosts',
    'Error',
    'The VirtualServices %s bound to the mesh gateway all define host %s; this is not supported.',
  ),
  T(
    'IST0110',
    'ConflictingSidecarWorkloadSelectors',
    'Error',
    'The Sidecars %v in namespace %q select the same workload pod %q; the result is undefined.',
  ),
  T(
    'IST0111',
    'MultipleSidecarsWithoutWorkloadSelectors',
    'Error',
    'The Sidecars %v in namespace %q have no workload selector; only one such Sidecar is allowed per namespace.',
  ),
  T(
    'IST0112',
    'VirtualServiceDestinationPortSelectorRequired',
    'Error',
    'The destination %q has several ports %v, so this route must select one of them.',
  ),
  T(
    'IST0116',
    'DeploymentAssociatedToMultipleServices',
    'Warning',
    'The pods of deployment %s are selected by services using port %d with different protocols: %v',
  ),
  T(
    'IST0118',
    'PortNameIsNotUnderNamingConvention',
    'Info',
    'Port name %s (port: %d, targetPort: %s) does not start with a protocol prefix Istio recognises.',
  ),
  T(
    'IST0123',
    'NamespaceMultipleInjectionLabels',
    'Warning',
    'The namespace sets more than one way of enabling the data plane (%v); keep only one of these labels.',
  ),
  T('IST0125', 'InvalidAnnotation', 'Warning', 'Annotation %q has a value that is not valid: %s'),
  T(
    'IST0126',
    'UnknownMeshNetworksServiceRegistry',
    'Error',
    'The service registry %q named in network %q is not a known cluster.',
  ),
  T('IST0127', 'NoMatchingWorkloadsFound', 'Warning', 'No workload matches the selector %s.'),
  T(
    'IST0128',
    'NoServerCertificateVerificationDestinationLevel',
    'Warning',
    'DestinationRule %s in namespace %s sets TLS mode %s with no caCertificates, so the server certificate of host %s is not verified.',
  ),
  T(
    'IST0129',
    'NoServerCertificateVerificationPortLevel',
    'Warning',
    'DestinationRule %s in namespace %s sets TLS mode %s with no caCertificates, so the server certificate of host %s on port %s is not verified.',
  ),
  T('IST0130', 'VirtualServiceUnreachableRule', 'Warning', 'VirtualService rule %v is never used: %s'),
  T(
    'IST0131',
    'VirtualServiceIneffectiveMatch',
    'Info',
    'VirtualService rule %v match %v is not used: it repeats match %v.',
  ),
  T(
    'IST0132',
    'VirtualServiceHostNotFoundInGateway',
    'Warning',
    'The hosts %v of VirtualService %s are not served by gateway %s.',
  ),
  T('IST0133', 'SchemaWarning', 'Warning', 'Schema validation warning: %v'),
  T(
    'IST0134',
    'ServiceEntryAddressesRequired',
    'Warning',
    'This ServiceEntry has TCP or unset-protocol ports but no addresses; traffic for all of them will share one listener.',
  ),
  T(
    'IST0135',
    'DeprecatedAnnotation',
    'Info',
    'Annotation %q is deprecated%s and may stop working in a later Istio release.',
  ),
  T(
    'IST0136',
    'AlphaAnnotation',
    'Info',
    'Annotation %q belongs to an alpha-stage feature and may change or go away.',
  ),
  T(
    'IST0137',
    'DeploymentConflictingPorts',
    'Warning',
    'Deployment %s is selected by services %v that route targetPort %q through different ports: %v',
  ),
  T(
    'IST0138',
    'GatewayDuplicateCertificate',
    'Warning',
    'The gateways %v use the same certificate; HTTP/2 connection reuse across them can lead to 404 responses.',
  ),
  T('IST0139', 'InvalidWebhook', 'Error', 'Webhook problem: %v'),
  T(
    'IST0140',
    'IngressRouteRulesNotAffected',
    'Warning',
    'The subset routing of %s does not apply to ingress traffic through the gateway of VirtualService %s.',
  ),
  T('IST0141', 'InsufficientPermissions', 'Error', 'No permission to create %s: %v'),
  T(
    'IST0142',
    'UnsupportedKubernetesVersion',
    'Error',
    'Kubernetes %s is older than the minimum supported version %v.',
  ),
  T(
    'IST0143',
    'LocalhostListener',
    'Error',
    'Port %v is only bound to localhost inside the pod, so it cannot be reached.',
  ),
  T(
    'IST0144',
    'InvalidApplicationUID',
    'Warning',
    'The application runs as UID 1337, which is reserved for the Istio proxy.',
  ),
  T(
    'IST0145',
    'ConflictingGateways',
    'Error',
    'Gateway %s conflicts with other gateways on selector %s, port %s and hosts %s.',
  ),
  T(
    'IST0146',
    'ImageAutoWithoutInjectionWarning',
    'Warning',
    '%s %s uses image: auto, but no injection webhook will replace it.',
  ),
  T(
    'IST0147',
    'ImageAutoWithoutInjectionError',
    'Error',
    '%s %s uses image: auto, but no injection webhook will replace it; the pod cannot start.',
  ),
  T(
    'IST0148',
    'NamespaceInjectionEnabledByDefault',
    'Info',
    'Injection is on by default for namespaces without an injection label, so this namespace is injected.',
  ),
  T(
    'IST0149',
    'JwtClaimBasedRoutingWithoutRequestAuthN',
    'Error',
    'Routing on JWT claim %s needs a RequestAuthentication for gateway %s on pod %s.',
  ),
  T(
    'IST0150',
    'ExternalNameServiceTypeInvalidPortName',
    'Warning',
    'This ExternalName service has port names that break TCP forwarding; use a tcp- prefix or no name.',
  ),
  T(
    'IST0151',
    'EnvoyFilterUsesRelativeOperation',
    'Warning',
    'This EnvoyFilter has no priority and uses a position-relative operation, so it may not apply as intended.',
  ),
  T(
    'IST0152',
    'EnvoyFilterUsesReplaceOperationIncorrectly',
    'Error',
    'REPLACE only works on HTTP and network filters; it is ignored here.',
  ),
  T(
    'IST0153',
    'EnvoyFilterUsesAddOperationIncorrectly',
    'Error',
    'ADD is ignored on ROUTE_CONFIGURATION and HTTP_ROUTE patches.',
  ),
  T(
    'IST0154',
    'EnvoyFilterUsesRemoveOperationIncorrectly',
    'Error',
    'REMOVE is ignored on ROUTE_CONFIGURATION and HTTP_ROUTE patches.',
  ),
  T(
    'IST0155',
    'EnvoyFilterUsesRelativeOperationWithProxyVersion',
    'Warning',
    'This EnvoyFilter has no priority, a position-relative operation and a proxyVersion match; it may stop applying after an upgrade.',
  ),
  T(
    'IST0156',
    'UnsupportedGatewayAPIVersion',
    'Error',
    'Gateway API CRD version %v is older than the minimum %v.',
  ),
  T(
    'IST0157',
    'InvalidTelemetryProvider',
    'Warning',
    'Telemetry %s in namespace %q enables access logging with no provider, so it is ignored.',
  ),
  T(
    'IST0158',
    'PodsIstioProxyImageMismatchInNamespace',
    'Warning',
    'These pods run a proxy image that differs from what injection uses now: %v. Restart them to pick up the current image.',
  ),
  T(
    'IST0159',
    'ConflictingTelemetryWorkloadSelectors',
    'Error',
    'The Telemetries %v in namespace %q select the same workload pod %q; the result is undefined.',
  ),
  T(
    'IST0160',
    'MultipleTelemetriesWithoutWorkloadSelectors',
    'Error',
    'The Telemetries %v in namespace %q have no workload selector; only one such Telemetry is allowed per namespace.',
  ),
  T(
    'IST0161',
    'InvalidGatewayCredential',
    'Error',
    'The credential used by gateway %s in namespace %s is not valid.',
  ),
  T(
    'IST0162',
    'GatewayPortNotDefinedOnService',
    'Warning',
    'Port %d is not exposed by any Service in front of the gateway workloads selected by %s.',
  ),
  T(
    'IST0163',
    'InvalidExternalControlPlaneConfig',
    'Warning',
    'The address %q of webhook %q for the external control plane is not valid: %s',
  ),
  T(
    'IST0164',
    'ExternalControlPlaneAddressIsNotAHostname',
    'Info',
    'Webhook %[2]q reaches the external control plane at %[1]q, an IP address; a hostname is recommended.',
  ),
  T(
    'IST0165',
    'ReferencedInternalGateway',
    'Warning',
    'VirtualService %s refers to gateway %s, which the implementation generated; bind to the Kubernetes Gateway instead.',
  ),
  T(
    'IST0166',
    'IneffectiveSelector',
    'Warning',
    'The workload selector picks pods of Kubernetes Gateway %s and has no effect there; use targetRefs instead.',
  ),
  T('IST0167', 'IneffectivePolicy', 'Warning', 'This policy has no effect: %s'),
  T(
    'IST0168',
    'UnknownUpgradeCompatibility',
    'Warning',
    'The default of %s changed in release %s (%s); compatibility could not be decided. Consider compatibility version %s.',
  ),
  T(
    'IST0169',
    'UpdateIncompatibility',
    'Warning',
    'The default of %s changed in release %s (%s); consider compatibility version %s.',
  ),
  T(
    'IST0170',
    'MultiClusterInconsistentService',
    'Warning',
    'Service %q in namespace %q differs between clusters %v: %v',
  ),
  T('IST0171', 'NegativeConditionStatus', 'Warning', 'Condition %s is failing (reason %s): %s'),
  T(
    'IST0172',
    'FutureUnsupportedGatewayAPIVersion',
    'Warning',
    'Gateway API CRD version %v will no longer be supported in a later release; the minimum will be %v.',
  ),
  T('IST0173', 'DestinationRuleSubsetNotSelectPods', 'Error', 'Subset %s selects no pods.'),
  T(
    'IST0174',
    'UnknownDestinationRuleHost',
    'Warning',
    'Host %s of this DestinationRule matches no service in the mesh.',
  ),
  T(
    'IST0175',
    'JwksUriFetchUnrestricted',
    'Warning',
    '%d RequestAuthentication(s) (%s) exist, but istiod does not restrict the networks JWKS URIs may be fetched from (BLOCKED_CIDRS_IN_JWKS_URIS).',
  ),
  T(
    'IST0176',
    'GatewayAPICRDVersionBelowMinimum',
    'Warning',
    'CRD %s has bundle version %s, older than the minimum %s this Istio needs; its resources are ignored.',
  ),
];

const BY_CODE = new Map(MESSAGE_TYPES.map((m) => [m.code, m]));
const BY_NAME = new Map(MESSAGE_TYPES.map((m) => [m.name, m]));

export function messageType(codeOrName: string): MessageType {
  const m = BY_CODE.get(codeOrName) ?? BY_NAME.get(codeOrName);
  if (!m) throw new Error(`unknown message ${codeOrName}`);
  return m;
}

export function isKnownCode(code: string): boolean {
  return BY_CODE.has(code);
}

const LEVEL_RANK: Record<Level, number> = { Error: 3, Warning: 2, Info: 1 };

export function levelRank(l: Level): number {
  return LEVEL_RANK[l];
}

/** Case-insensitive level names, as --failure-threshold and --output-threshold take them. */
export function parseLevel(s: string): Level | undefined {
  const l = s.toLowerCase();
  if (l === 'error') return 'Error';
  if (l === 'warning') return 'Warning';
  if (l === 'info') return 'Info';
  return undefined;
}

/** Go's fmt verbs as the templates use them: %s %v %d %q, with explicit %[n] indexes. */
export function formatTemplate(template: string, params: readonly unknown[]): string {
  let next = 0;
  return template.replace(/%(?:\[(\d+)\])?([svdq%])/g, (_m, idx: string | undefined, verb: string) => {
    if (verb === '%') return '%';
    const i = idx ? Number(idx) - 1 : next;
    next = i + 1;
    const v = params[i];
    if (verb === 'q') return JSON.stringify(String(v ?? ''));
    return goValue(v);
  });
}

function goValue(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (v === undefined || v === null) return '<nil>';
  if (v instanceof Error) return v.message;
  return String(v);
}
