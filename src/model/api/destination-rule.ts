// networking.istio.io DestinationRule: policies applied after routing (load balancing, pools,
// outlier detection, client TLS), per subset and per port.
import { connectionPool, portSelector, workloadSelector } from './common.js';
import {
  bool,
  double,
  duration,
  enumOf,
  int,
  int32,
  list,
  map,
  type ObjectSchema,
  obj,
  str,
  stringMap,
  strings,
  uint32,
} from './schema.js';

const loadBalancer = () =>
  obj(
    {
      consistentHash: obj({
        httpCookie: obj(
          {
            attributes: list(obj({ name: str(), value: str() }, { required: ['name'] })),
            name: str(),
            path: str(),
            ttl: str(),
          },
          { required: ['name'] },
        ),
        httpHeaderName: str(),
        httpQueryParameterName: str(),
        maglev: obj({ tableSize: int({ minimum: 0 }) }),
        minimumRingSize: int({ minimum: 0 }),
        ringHash: obj({ minimumRingSize: int({ minimum: 0 }) }),
        useSourceIp: bool(),
      }),
      localityLbSetting: obj({
        distribute: list(obj({ from: str(), to: map(uint32()) })),
        enabled: bool({ nullable: true }),
        failover: list(obj({ from: str(), to: str() })),
        failoverPriority: strings(),
      }),
      simple: enumOf(['UNSPECIFIED', 'LEAST_CONN', 'RANDOM', 'PASSTHROUGH', 'ROUND_ROBIN', 'LEAST_REQUEST']),
      warmup: obj(
        {
          aggression: double({ minimum: 0, nullable: true }),
          duration: duration(),
          minimumPercent: double({ minimum: 0, maximum: 100, nullable: true }),
        },
        { required: ['duration'] },
      ),
      warmupDurationSecs: duration(),
    },
    { oneOf: [['simple', 'consistentHash']] },
  );

const outlierDetection = () =>
  obj({
    baseEjectionTime: duration(),
    consecutive5xxErrors: uint32({ nullable: true }),
    consecutiveErrors: int32(),
    consecutiveGatewayErrors: uint32({ nullable: true }),
    consecutiveLocalOriginFailures: uint32({ nullable: true }),
    interval: duration(),
    maxEjectionPercent: int32(),
    minHealthPercent: int32(),
    splitExternalLocalOriginErrors: bool(),
  });

const clientTls = () =>
  obj({
    caCertificates: str(),
    caCrl: str(),
    clientCertificate: str(),
    credentialName: str(),
    insecureSkipVerify: bool({ nullable: true }),
    mode: enumOf(['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL']),
    privateKey: str(),
    sni: str(),
    subjectAltNames: strings(),
  });

const trafficPolicy = (): ObjectSchema =>
  obj({
    connectionPool: connectionPool(),
    loadBalancer: loadBalancer(),
    outlierDetection: outlierDetection(),
    portLevelSettings: list(
      obj({
        connectionPool: connectionPool(),
        loadBalancer: loadBalancer(),
        outlierDetection: outlierDetection(),
        port: portSelector(),
        tls: clientTls(),
      }),
      { maxItems: 4096 },
    ),
    proxyProtocol: obj({ version: enumOf(['V1', 'V2']) }),
    retryBudget: obj({
      minRetryConcurrency: uint32(),
      percent: double({ minimum: 0, maximum: 100, nullable: true }),
    }),
    tls: clientTls(),
    tunnel: obj(
      { protocol: str(), targetHost: str(), targetPort: uint32() },
      { required: ['targetHost', 'targetPort'] },
    ),
  });

export const destinationRuleSpec = obj(
  {
    exportTo: strings(),
    host: str({ desc: 'The service these policies apply to.' }),
    subsets: list(
      obj({ labels: stringMap(), name: str(), trafficPolicy: trafficPolicy() }, { required: ['name'] }),
    ),
    trafficPolicy: trafficPolicy(),
    workloadSelector: workloadSelector(),
  },
  { required: ['host'], desc: 'Client-side policies for traffic to a service.' },
);
