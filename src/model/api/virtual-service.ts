// networking.istio.io VirtualService: routing rules for HTTP, TLS and TCP traffic.
import { destination, headers, percent, stringMatch } from './common.js';
import { bool, duration, enumOf, int32, list, map, obj, str, stringMap, strings, uint32 } from './schema.js';

const routeDestination = (withHeaders: boolean) =>
  obj(
    { destination: destination(), ...(withHeaders ? { headers: headers() } : {}), weight: int32() },
    { required: ['destination'] },
  );

const httpMatch = obj({
  authority: stringMatch(),
  gateways: strings(),
  headers: map(stringMatch()),
  ignoreUriCase: bool(),
  method: stringMatch(),
  name: str(),
  port: uint32(),
  queryParams: map(stringMatch()),
  scheme: stringMatch(),
  sourceLabels: stringMap(),
  sourceNamespace: str(),
  statPrefix: str(),
  uri: stringMatch(),
  withoutHeaders: map(stringMatch()),
});

const httpRoute = obj({
  corsPolicy: obj({
    allowCredentials: bool({ nullable: true }),
    allowHeaders: strings(),
    allowMethods: strings(),
    allowOrigin: strings(),
    allowOrigins: list(stringMatch()),
    exposeHeaders: strings(),
    maxAge: duration(),
    unmatchedPreflights: enumOf(['UNSPECIFIED', 'FORWARD', 'IGNORE']),
  }),
  delegate: obj({ name: str(), namespace: str() }),
  directResponse: obj(
    {
      body: obj({ bytes: str({ format: 'byte' }), string: str() }, { oneOf: [['string', 'bytes']] }),
      status: uint32(),
    },
    { required: ['status'] },
  ),
  fault: obj({
    abort: obj(
      { grpcStatus: str(), http2Error: str(), httpStatus: int32(), percentage: percent() },
      { oneOf: [['httpStatus', 'grpcStatus', 'http2Error']] },
    ),
    delay: obj(
      { exponentialDelay: duration(), fixedDelay: duration(), percent: int32(), percentage: percent() },
      { oneOf: [['fixedDelay', 'exponentialDelay']] },
    ),
  }),
  headers: headers(),
  match: list(httpMatch),
  mirror: destination(),
  mirror_percent: uint32({ nullable: true }),
  mirrorPercent: uint32({ nullable: true }),
  mirrorPercentage: percent(),
  mirrors: list(obj({ destination: destination(), percentage: percent() }, { required: ['destination'] })),
  name: str(),
  redirect: obj(
    {
      authority: str(),
      derivePort: enumOf(['FROM_PROTOCOL_DEFAULT', 'FROM_REQUEST_PORT']),
      port: uint32(),
      redirectCode: uint32(),
      scheme: str(),
      uri: str(),
    },
    { oneOf: [['port', 'derivePort']] },
  ),
  retries: obj({
    attempts: int32(),
    backoff: duration(),
    perTryTimeout: duration(),
    retryIgnorePreviousHosts: bool({ nullable: true }),
    retryOn: str(),
    retryRemoteLocalities: bool({ nullable: true }),
  }),
  rewrite: obj({ authority: str(), uri: str(), uriRegexRewrite: obj({ match: str(), rewrite: str() }) }),
  route: list(routeDestination(true)),
  timeout: duration(),
});

const l4Match = (sni: boolean) =>
  obj(
    {
      destinationSubnets: strings(),
      gateways: strings(),
      port: uint32(),
      ...(sni ? { sniHosts: strings() } : {}),
      sourceLabels: stringMap(),
      sourceNamespace: str(),
      ...(sni ? {} : { sourceSubnet: str() }),
    },
    sni ? { required: ['sniHosts'] } : {},
  );

export const virtualServiceSpec = obj(
  {
    exportTo: strings(),
    gateways: strings(),
    hosts: strings(),
    http: list(httpRoute),
    tcp: list(obj({ match: list(l4Match(false)), route: list(routeDestination(false)) })),
    tls: list(
      obj({ match: list(l4Match(true)), route: list(routeDestination(false)) }, { required: ['match'] }),
    ),
  },
  { desc: 'Routing rules for traffic sent to the listed hosts.' },
);
