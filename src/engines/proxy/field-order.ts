// protojson writes a message's fields in their .proto declaration order; Envoy's dump lists them
// by field number. Where the two differ for the messages people print most, this restores the
// declaration order (facts read from Envoy's API definitions). Other messages keep Envoy's order.

const CLUSTER = [
  'transportSocketMatches',
  'name',
  'altStatName',
  'type',
  'clusterType',
  'edsClusterConfig',
  'connectTimeout',
  'perConnectionBufferLimitBytes',
  'lbPolicy',
  'loadAssignment',
  'healthChecks',
  'maxRequestsPerConnection',
  'circuitBreakers',
  'upstreamHttpProtocolOptions',
  'commonHttpProtocolOptions',
  'httpProtocolOptions',
  'http2ProtocolOptions',
  'typedExtensionProtocolOptions',
  'dnsRefreshRate',
  'dnsJitter',
  'dnsFailureRefreshRate',
  'respectDnsTtl',
  'dnsLookupFamily',
  'dnsResolvers',
  'useTcpForDnsLookups',
  'dnsResolutionConfig',
  'typedDnsResolverConfig',
  'waitForWarmOnInit',
  'outlierDetection',
  'cleanupInterval',
  'upstreamBindConfig',
  'lbSubsetConfig',
  'ringHashLbConfig',
  'maglevLbConfig',
  'originalDstLbConfig',
  'leastRequestLbConfig',
  'roundRobinLbConfig',
  'commonLbConfig',
  'transportSocket',
  'metadata',
  'protocolSelection',
  'upstreamConnectionOptions',
  'closeConnectionsOnHostHealthFailure',
  'ignoreHealthOnHostRemoval',
  'filters',
  'loadBalancingPolicy',
  'lrsServer',
  'lrsReportEndpointMetrics',
  'trackTimeoutBudgets',
  'upstreamConfig',
  'trackClusterStats',
  'preconnectPolicy',
  'connectionPoolPerDownstreamConnection',
];

const ROUTE = [
  'name',
  'match',
  'route',
  'redirect',
  'directResponse',
  'filterAction',
  'nonForwardingAction',
  'metadata',
  'decorator',
  'typedPerFilterConfig',
  'requestHeadersToAdd',
  'requestHeadersToRemove',
  'responseHeadersToAdd',
  'responseHeadersToRemove',
  'tracing',
  'perRequestBufferLimitBytes',
  'statPrefix',
];

const FILTER_CHAIN_MATCH = [
  'destinationPort',
  'prefixRanges',
  'addressSuffix',
  'suffixLen',
  'directSourcePrefixRanges',
  'sourceType',
  'sourcePrefixRanges',
  'sourcePorts',
  'serverNames',
  'transportProtocol',
  'applicationProtocols',
];

const COMMON_TLS_CONTEXT = [
  'tlsParams',
  'tlsCertificates',
  'tlsCertificateSdsSecretConfigs',
  'tlsCertificateProviderInstance',
  'customTlsCertificateSelector',
  'tlsCertificateCertificateProvider',
  'tlsCertificateCertificateProviderInstance',
  'validationContext',
  'validationContextSdsSecretConfig',
  'combinedValidationContext',
  'validationContextCertificateProvider',
  'validationContextCertificateProviderInstance',
  'alpnProtocols',
  'customHandshaker',
  'keyLog',
];

const HTTP_CONNECTION_MANAGER = [
  'codecType',
  'statPrefix',
  'rds',
  'routeConfig',
  'scopedRoutes',
  'httpFilters',
  'addUserAgent',
  'tracing',
  'commonHttpProtocolOptions',
  'http1SafeMaxConnectionDuration',
  'httpProtocolOptions',
  'http2ProtocolOptions',
  'http3ProtocolOptions',
  'serverName',
  'serverHeaderTransformation',
  'schemeHeaderTransformation',
  'maxRequestHeadersKb',
  'streamIdleTimeout',
  'requestTimeout',
  'requestHeadersTimeout',
  'drainTimeout',
  'delayedCloseTimeout',
  'accessLog',
  'accessLogFlushInterval',
  'flushAccessLogOnNewRequest',
  'accessLogOptions',
  'useRemoteAddress',
  'xffNumTrustedHops',
  'originalIpDetectionExtensions',
  'earlyHeaderMutationExtensions',
  'internalAddressConfig',
  'skipXffAppend',
  'via',
  'generateRequestId',
  'preserveExternalRequestId',
  'alwaysSetRequestIdInResponse',
  'forwardClientCertDetails',
  'setCurrentClientCertDetails',
  'proxy100Continue',
  'representIpv4RemoteAddressAsIpv4MappedIpv6',
  'upgradeConfigs',
  'normalizePath',
  'mergeSlashes',
  'pathWithEscapedSlashesAction',
  'requestIdExtension',
  'localReplyConfig',
  'stripMatchingHostPort',
  'stripAnyHostPort',
  'streamErrorOnInvalidHttpMessage',
  'pathNormalizationOptions',
  'stripTrailingHostDot',
  'proxyStatusConfig',
  'typedHeaderValidationConfig',
  'appendXForwardedPort',
  'appendLocalOverload',
  'addProxyProtocolConnectionState',
];

const LISTENER = [
  'name',
  'address',
  'additionalAddresses',
  'statPrefix',
  'filterChains',
  'filterChainMatcher',
  'useOriginalDst',
  'defaultFilterChain',
  'perConnectionBufferLimitBytes',
  'metadata',
  'deprecatedV1',
  'drainType',
  'listenerFilters',
  'listenerFiltersTimeout',
  'continueOnListenerFiltersTimeout',
  'transparent',
  'freebind',
  'socketOptions',
  'tcpFastOpenQueueLength',
  'trafficDirection',
  'udpListenerConfig',
  'apiListener',
  'connectionBalanceConfig',
  'reusePort',
  'enableReusePort',
  'accessLog',
  'tcpBacklogSize',
  'maxConnectionsToAcceptPerSocketEvent',
  'bindToPort',
  'internalListener',
  'enableMptcp',
  'ignoreGlobalConnLimit',
  'bypassOverloadManager',
];

const ROUTE_MATCH = [
  'prefix',
  'path',
  'safeRegex',
  'connectMatcher',
  'pathSeparatedPrefix',
  'pathMatchPolicy',
  'caseSensitive',
  'runtimeFraction',
  'headers',
  'queryParameters',
  'grpc',
  'tlsContext',
  'dynamicMetadata',
  'filterState',
];

const ROUTE_ACTION = [
  'cluster',
  'clusterHeader',
  'weightedClusters',
  'clusterSpecifierPlugin',
  'inlineClusterSpecifierPlugin',
  'clusterNotFoundResponseCode',
  'metadataMatch',
  'prefixRewrite',
  'regexRewrite',
  'pathRewritePolicy',
  'hostRewriteLiteral',
  'autoHostRewrite',
  'hostRewriteHeader',
  'hostRewritePathRegex',
  'appendXForwardedHost',
  'timeout',
  'idleTimeout',
  'earlyDataPolicy',
  'retryPolicy',
  'retryPolicyTypedConfig',
  'requestMirrorPolicies',
  'priority',
  'rateLimits',
  'includeVhRateLimits',
  'hashPolicy',
  'cors',
  'maxGrpcTimeout',
  'grpcTimeoutOffset',
  'upgradeConfigs',
  'internalRedirectPolicy',
  'internalRedirectAction',
  'maxInternalRedirects',
  'hedgePolicy',
  'maxStreamDuration',
];

const SIMPLE_METRIC = ['type', 'value', 'name'];

const HOST_HEALTH_STATUS = [
  'failedActiveHealthCheck',
  'failedOutlierCheck',
  'failedActiveDegradedCheck',
  'pendingDynamicRemoval',
  'pendingActiveHc',
  'excludedViaImmediateHcFail',
  'activeHcTimeout',
  'edsHealthStatus',
];

const HCM_TYPE =
  'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager';

type Json = Record<string, unknown>;

function indexOf(order: string[]): Map<string, number> {
  return new Map(order.map((k, i) => [k, i]));
}

const CLUSTER_INDEX = indexOf(CLUSTER);
const ROUTE_INDEX = indexOf(ROUTE);
const FCM_INDEX = indexOf(FILTER_CHAIN_MATCH);
const CTC_INDEX = indexOf(COMMON_TLS_CONTEXT);
const HCM_INDEX = indexOf(HTTP_CONNECTION_MANAGER);
const LISTENER_INDEX = indexOf(LISTENER);
const MATCH_INDEX = indexOf(ROUTE_MATCH);
const ACTION_INDEX = indexOf(ROUTE_ACTION);

function orderRoute(r: Json): Json {
  const o = reorder(r, ROUTE_INDEX);
  if (isObject(o.match)) o.match = reorder(o.match, MATCH_INDEX);
  if (isObject(o.route)) o.route = reorder(o.route, ACTION_INDEX);
  return o;
}

/** The object with known fields in declaration order; unknown ones keep their place after them. */
function reorder(o: Json, index: Map<string, number>): Json {
  const keys = Object.keys(o);
  const known = keys.filter((k) => index.has(k)).sort((a, b) => index.get(a)! - index.get(b)!);
  const out: Json = {};
  if ('@type' in o) out['@type'] = o['@type'];
  for (const k of known) out[k] = o[k];
  for (const k of keys) if (!(k in out)) out[k] = o[k];
  return out;
}

/** Nested messages recognised by their field name or type, anywhere below `v`. */
export function orderNested(v: unknown, key = ''): unknown {
  if (Array.isArray(v)) {
    return v.map((x) => (key === 'routes' && isObject(x) ? orderNested(orderRoute(x)) : orderNested(x)));
  }
  if (!isObject(v)) return v;
  let o = v;
  if (key === 'filterChainMatch') o = reorder(o, FCM_INDEX);
  else if (key === 'commonTlsContext') o = reorder(o, CTC_INDEX);
  else if (o['@type'] === HCM_TYPE) o = reorder(o, HCM_INDEX);
  const out: Json = {};
  for (const [k, x] of Object.entries(o)) {
    // Struct data (metadata) holds no messages to reorder.
    out[k] = k === 'filterMetadata' ? x : orderNested(x, k);
  }
  return out;
}

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A protojson Cluster in declaration order. */
export function orderCluster(c: Json): Json {
  return orderNested(reorder(c, CLUSTER_INDEX)) as Json;
}

/** A protojson Listener with its nested messages in declaration order. */
export function orderListener(l: Json): Json {
  return orderNested(reorder(l, LISTENER_INDEX)) as Json;
}

/** A protojson RouteConfiguration with its routes in declaration order. */
export function orderRouteConfiguration(rc: Json): Json {
  return orderNested(rc) as Json;
}

const METRIC_INDEX = indexOf(SIMPLE_METRIC);
const HEALTH_INDEX = indexOf(HOST_HEALTH_STATUS);

/** A protojson admin ClusterStatus (`/clusters?format=json`) with host fields in declaration order. */
export function orderClusterStatus(cs: Json): Json {
  const hosts = cs.hostStatuses;
  if (!Array.isArray(hosts)) return cs;
  const fixed = hosts.map((h: Json) => {
    const o: Json = { ...h };
    if (Array.isArray(o.stats)) o.stats = (o.stats as Json[]).map((m) => reorder(m, METRIC_INDEX));
    if (isObject(o.healthStatus)) o.healthStatus = reorder(o.healthStatus, HEALTH_INDEX);
    return o;
  });
  return { ...cs, hostStatuses: fixed };
}
