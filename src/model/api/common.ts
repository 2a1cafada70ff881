// Pieces shared by several kinds: status, workload selectors, policy target references, ports,
// string matches, header operations, connection pools and TLS settings.
import {
  any,
  bool,
  double,
  duration,
  enumOf,
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

const intOrStringAnyOf = { t: 'int-or-string' } as const;

/** The IstioStatus block every kind carries; open so controllers may add fields. */
export const istioStatus: ObjectSchema = obj(
  {
    conditions: list(
      obj({
        lastProbeTime: str({ format: 'date-time' }),
        lastTransitionTime: str({ format: 'date-time' }),
        message: str(),
        observedGeneration: intOrStringAnyOf,
        reason: str(),
        status: str(),
        type: str(),
      }),
    ),
    observedGeneration: intOrStringAnyOf,
    validationMessages: list(
      obj({
        documentationUrl: str(),
        level: enumOf(['UNKNOWN', 'ERROR', 'WARNING', 'INFO']),
        type: obj({ code: str(), name: str() }),
      }),
    ),
  },
  { preserve: true },
);

/** type.WorkloadSelector: `matchLabels` without wildcards. */
export const workloadSelector = (): ObjectSchema =>
  obj(
    { matchLabels: stringMap({ maxProperties: 4096 }, { maxLength: 63 }) },
    { desc: 'Pods this applies to.' },
  );

/** networking WorkloadSelector (Sidecar, EnvoyFilter, ServiceEntry): `labels`. */
export const labelSelector = (): ObjectSchema =>
  obj({ labels: stringMap({ maxProperties: 256 }, { maxLength: 63 }) }, { desc: 'Pods this applies to.' });

/** type.PolicyTargetReference. */
export const targetRef = (): ObjectSchema =>
  obj(
    {
      group: str({
        maxLength: 253,
        pattern: '^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$',
      }),
      kind: str({ minLength: 1, maxLength: 63, pattern: '^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$' }),
      name: str({ minLength: 1, maxLength: 253 }),
      namespace: str(),
    },
    { required: ['kind', 'name'] },
  );
export const targetRefs = () => list(targetRef(), { maxItems: 16 });

/** Port number selector `{number}`. */
export const portSelector = () => obj({ number: uint32() });

/** StringMatch: exactly one of exact, prefix or regex. */
export const stringMatch = (): ObjectSchema =>
  obj({ exact: str(), prefix: str(), regex: str() }, { oneOf: [['exact', 'prefix', 'regex']] });

/** Request or response header edits. */
const headerOps = () => obj({ add: stringMap(), remove: strings(), set: stringMap() });
export const headers = () => obj({ request: headerOps(), response: headerOps() });

export const destination = () =>
  obj({ host: str(), port: portSelector(), subset: str() }, { required: ['host'] });

export const connectionPool = () =>
  obj({
    http: obj({
      h2UpgradePolicy: enumOf(['DEFAULT', 'DO_NOT_UPGRADE', 'UPGRADE']),
      http1MaxPendingRequests: int32(),
      http2MaxRequests: int32(),
      idleTimeout: duration(),
      maxConcurrentStreams: int32(),
      maxRequestsPerConnection: int32(),
      maxRetries: int32(),
      useClientProtocol: bool(),
    }),
    tcp: obj({
      connectTimeout: duration(),
      idleTimeout: duration(),
      maxConnectionDuration: duration(),
      maxConnections: int32(),
      tcpKeepalive: obj({ interval: duration(), probes: uint32(), time: duration() }),
    }),
  });

/** Server-side TLS (Gateway servers, Sidecar ingress). */
export const serverTls = () =>
  obj({
    caCertCredentialName: str(),
    caCertificates: str(),
    caCrl: str(),
    cipherSuites: strings(),
    credentialName: str(),
    credentialNames: strings({ minItems: 1, maxItems: 2 }),
    httpsRedirect: bool(),
    maxProtocolVersion: enumOf(TLS_VERSIONS()),
    minProtocolVersion: enumOf(TLS_VERSIONS()),
    mode: enumOf(['PASSTHROUGH', 'SIMPLE', 'MUTUAL', 'AUTO_PASSTHROUGH', 'ISTIO_MUTUAL', 'OPTIONAL_MUTUAL']),
    privateKey: str(),
    serverCertificate: str(),
    subjectAltNames: strings(),
    tlsCertificates: list(obj({ caCertificates: str(), privateKey: str(), serverCertificate: str() }), {
      minItems: 1,
      maxItems: 2,
    }),
    verifyCertificateHash: strings(),
    verifyCertificateSpki: strings(),
  });

function TLS_VERSIONS(): string[] {
  return ['TLS_AUTO', 'TLSV1_0', 'TLSV1_1', 'TLSV1_2', 'TLSV1_3'];
}

/** A server port (Gateway, Sidecar). */
export const serverPort = (required?: string[]) =>
  obj({ name: str(), number: uint32(), protocol: str(), targetPort: uint32() }, required ? { required } : {});

/** Percent as `{value}` (type.Percent). */
export const percent = () => obj({ value: double() });

export const workloadLabels = () => stringMap({ maxProperties: 256 });

/** WorkloadEntry's body, reused by ServiceEntry endpoints and WorkloadGroup templates. */
export const workloadEntrySpec = (o: { required?: string[] } = {}) =>
  obj(
    {
      address: str({ maxLength: 256 }),
      labels: workloadLabels(),
      locality: str({ maxLength: 2048 }),
      network: str({ maxLength: 2048 }),
      ports: map(uint32(), { maxProperties: 128 }),
      serviceAccount: str({ maxLength: 253 }),
      weight: uint32(),
    },
    o,
  );

export { any };
