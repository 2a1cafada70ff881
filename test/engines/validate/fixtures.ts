// Per kind: a valid spec and mutations that each break one rule at one field path. Shared by the
// invalid-documents test and the one-source test.

export type Obj = Record<string, any>;

/**
 * A valid spec per kind, and mutations that each break one rule at one path. `warn:` marks a
 * constraint only the API server enforces (upstream's validate accepts it): reported as a Warning.
 */
export const CASES: Record<
  string,
  { apiVersion: string; valid: Obj; invalid: [string, (s: Obj) => void][] }
> = {
  VirtualService: {
    apiVersion: 'networking.istio.io/v1',
    valid: {
      hosts: ['reviews'],
      http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' }, weight: 100 }] }],
    },
    invalid: [
      ['spec.http[0].route[0].weight', (s) => (s.http[0].route[0].weight = -5)],
      [
        'spec.http[0].route',
        (s) => {
          s.http[0].route.push({ destination: { host: 'a' } });
          s.http[0].route[0].weight = 0;
        },
      ],
      ['spec.http[0].match[0].uri.regex', (s) => (s.http[0].match = [{ uri: { regex: '(?=x)a' } }])],
      ['spec.hosts[0]', (s) => (s.hosts = ['bad_host!'])],
      ['spec.hosts[0]', (s) => (s.hosts = ['*'])],
      ['spec.http[0].timeout', (s) => (s.http[0].timeout = '10 seconds')],
      ['spec.http[0].timeout', (s) => (s.http[0].timeout = '0.5ms')],
      ['spec', (s) => delete s.http],
      ['spec.http[0]', (s) => (s.http[0].redirect = { uri: '/x' })],
      ['spec.http[0].retries.attempts', (s) => (s.http[0].retries = { attempts: -1 })],
      ['spec.http[0].fault.abort.httpStatus', (s) => (s.http[0].fault = { abort: { httpStatus: 700 } })],
      ['warn:spec.http[0].match[0].uri', (s) => (s.http[0].match = [{ uri: { exact: '/a', prefix: '/b' } }])],
      [
        'spec.http[0].corsPolicy.allowMethods[0]',
        (s) => (s.http[0].corsPolicy = { allowMethods: ['FETCH'] }),
      ],
      ['spec.gateways[0]', (s) => (s.gateways = ['ns/Bad_Name'])],
      [
        'spec.tls[0].match[0].sniHosts',
        (s) => (s.tls = [{ match: [{ sniHosts: [] }], route: [{ destination: { host: 'a' } }] }]),
      ],
      ['spec.http[0].bogus', (s) => (s.http[0].bogus = 1)],
    ],
  },
  DestinationRule: {
    apiVersion: 'networking.istio.io/v1',
    valid: {
      host: 'reviews',
      subsets: [{ name: 'v1', labels: { version: 'v1' } }],
      trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } },
    },
    invalid: [
      ['spec.host', (s) => (s.host = '')],
      ['spec.subsets[1].name', (s) => s.subsets.push({ name: 'v1' })],
      ['spec.subsets[0].name', (s) => (s.subsets[0].name = 'V 1')],
      ['spec.trafficPolicy', (s) => (s.trafficPolicy = {})],
      [
        'spec.trafficPolicy.outlierDetection.maxEjectionPercent',
        (s) => (s.trafficPolicy.outlierDetection = { maxEjectionPercent: 150 }),
      ],
      [
        'spec.trafficPolicy.loadBalancer.consistentHash.maglev.tableSize',
        (s) => (s.trafficPolicy.loadBalancer = { consistentHash: { maglev: { tableSize: 100 } } }),
      ],
      [
        'warn:spec.trafficPolicy.loadBalancer',
        (s) => (s.trafficPolicy.loadBalancer = { simple: 'RANDOM', consistentHash: { useSourceIp: true } }),
      ],
      [
        'spec.trafficPolicy.loadBalancer.simple',
        (s) => (s.trafficPolicy.loadBalancer = { simple: 'FASTEST' }),
      ],
      ['spec.trafficPolicy.tls', (s) => (s.trafficPolicy.tls = { mode: 'MUTUAL' })],
      [
        'spec.trafficPolicy.connectionPool.tcp.maxConnections',
        (s) => (s.trafficPolicy.connectionPool = { tcp: { maxConnections: -1 } }),
      ],
      [
        'spec.trafficPolicy.connectionPool.tcp.connectTimeout',
        (s) => (s.trafficPolicy.connectionPool = { tcp: { connectTimeout: 'soon' } }),
      ],
    ],
  },
  Gateway: {
    apiVersion: 'networking.istio.io/v1',
    valid: {
      selector: { istio: 'ingressgateway' },
      servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*.example.com'] }],
    },
    invalid: [
      ['spec.servers', (s) => (s.servers = [])],
      ['spec.servers[0].hosts', (s) => (s.servers[0].hosts = [])],
      ['spec.servers[0].port.number', (s) => (s.servers[0].port.number = 70000)],
      ['spec.servers[0].port.protocol', (s) => (s.servers[0].port.protocol = 'CARRIER-PIGEON')],
      ['spec.servers[0]', (s) => (s.servers[0].port = { number: 443, name: 'https', protocol: 'HTTPS' })],
      [
        'spec.servers[0].tls',
        (s) =>
          (s.servers[0] = {
            ...s.servers[0],
            port: { number: 443, name: 'https', protocol: 'HTTPS' },
            tls: { mode: 'SIMPLE' },
          }),
      ],
      [
        'spec.servers[1].port.name',
        (s) => s.servers.push({ ...s.servers[0], port: { number: 81, name: 'http', protocol: 'HTTP' } }),
      ],
      ['spec.servers[0].hosts[0]', (s) => (s.servers[0].hosts = ['ns/bad_host'])],
    ],
  },
  ServiceEntry: {
    apiVersion: 'networking.istio.io/v1',
    valid: {
      hosts: ['api.example.com'],
      ports: [{ number: 443, name: 'https', protocol: 'TLS' }],
      resolution: 'DNS',
      location: 'MESH_EXTERNAL',
    },
    invalid: [
      ['spec.hosts', (s) => (s.hosts = [])],
      ['spec.hosts[0]', (s) => (s.hosts = ['*'])],
      ['spec.ports[0].name', (s) => (s.ports[0].name = 'Bad Name')],
      ['spec.ports[1].number', (s) => s.ports.push({ number: 443, name: 'other', protocol: 'TLS' })],
      ['spec.addresses', (s) => (s.addresses = ['10.0.0.0/8'])],
      ['spec.addresses[0]', (s) => (s.addresses = ['300.1.1.1'])],
      [
        'spec.endpoints',
        (s) => Object.assign(s, { resolution: 'NONE', endpoints: [{ address: '1.1.1.1' }] }),
      ],
      ['spec.resolution', (s) => (s.resolution = 'MAGIC')],
      ['spec.ports[0].protocol', (s) => (s.ports[0].protocol = 'SMTP')],
    ],
  },
  Sidecar: {
    apiVersion: 'networking.istio.io/v1',
    valid: { egress: [{ hosts: ['./*', 'istio-system/*'] }] },
    invalid: [
      ['spec', (s) => delete s.egress],
      ['spec.egress[0].hosts[0]', (s) => (s.egress[0].hosts = ['no-namespace.example.com'])],
      ['spec.egress[0].hosts', (s) => (s.egress[0].hosts = [])],
      [
        'spec.ingress[0].port.number',
        (s) =>
          (s.ingress = [
            { port: { number: 0, protocol: 'HTTP', name: 'http' }, defaultEndpoint: '127.0.0.1:8080' },
          ]),
      ],
      [
        'spec.ingress[0].defaultEndpoint',
        (s) =>
          (s.ingress = [
            { port: { number: 80, protocol: 'HTTP', name: 'http' }, defaultEndpoint: '10.1.1.1:8080' },
          ]),
      ],
      [
        'spec.outboundTrafficPolicy.egressProxy',
        (s) =>
          (s.outboundTrafficPolicy = {
            mode: 'REGISTRY_ONLY',
            egressProxy: { host: 'proxy', port: { number: 80 } },
          }),
      ],
      ['spec.workloadSelector.labels.app', (s) => (s.workloadSelector = { labels: { app: 'web*' } })],
      ['spec.egress[0].captureMode', (s) => (s.egress[0].captureMode = 'SOMETIMES')],
    ],
  },
  WorkloadEntry: {
    apiVersion: 'networking.istio.io/v1',
    valid: { address: '10.0.0.5', ports: { http: 8080 }, labels: { app: 'vm' }, serviceAccount: 'vm-sa' },
    invalid: [
      ['spec.address', (s) => delete s.address],
      ['spec.address', (s) => (s.address = 'not a host')],
      ['spec.ports.http', (s) => (s.ports.http = 70000)],
      ['spec.ports.Bad_Name', (s) => (s.ports = { Bad_Name: 80 })],
      ['spec.labels', (s) => (s.labels = { 'bad key!': 'x' })],
      ['spec.ports', (s) => (s.address = 'unix:///var/run/sock')],
      ['spec.weight', (s) => (s.weight = -1)],
    ],
  },
  WorkloadGroup: {
    apiVersion: 'networking.istio.io/v1',
    valid: {
      metadata: { labels: { app: 'vm' } },
      template: { serviceAccount: 'vm-sa', ports: { http: 8080 } },
      probe: { httpGet: { port: 8080, path: '/ready' } },
    },
    invalid: [
      ['spec.template', (s) => delete s.template],
      ['spec.probe.httpGet.port', (s) => (s.probe.httpGet.port = 0)],
      ['spec.probe.periodSeconds', (s) => (s.probe.periodSeconds = -3)],
      ['spec.probe.httpGet.scheme', (s) => (s.probe.httpGet.scheme = 'FTP')],
      ['warn:spec.probe', (s) => (s.probe.tcpSocket = { port: 80 })],
      ['spec.metadata.labels', (s) => (s.metadata.labels = { 'a b': 'c' })],
      ['spec.probe.exec.command', (s) => (s.probe = { exec: { command: [] } })],
    ],
  },
  EnvoyFilter: {
    apiVersion: 'networking.istio.io/v1alpha3',
    valid: {
      workloadSelector: { labels: { app: 'web' } },
      configPatches: [
        {
          applyTo: 'HTTP_FILTER',
          match: {
            context: 'SIDECAR_INBOUND',
            listener: { filterChain: { filter: { name: 'envoy.filters.network.http_connection_manager' } } },
          },
          patch: { operation: 'INSERT_BEFORE', value: { name: 'x' } },
        },
      ],
    },
    invalid: [
      ['spec.configPatches[0].applyTo', (s) => delete s.configPatches[0].applyTo],
      ['spec.configPatches[0].patch.operation', (s) => delete s.configPatches[0].patch.operation],
      ['spec.configPatches[0].patch.value', (s) => delete s.configPatches[0].patch.value],
      ['spec.configPatches[0].match', (s) => (s.configPatches[0].match = { cluster: { service: 'x' } })],
      [
        'spec.configPatches[0].match.proxy.proxyVersion',
        (s) => (s.configPatches[0].match.proxy = { proxyVersion: '1.(2' }),
      ],
      [
        'spec.configPatches[0].match.listener.filterChain.filter.name',
        (s) => (s.configPatches[0].match.listener.filterChain.filter = { subFilter: { name: 'y' } }),
      ],
      ['spec.configPatches[0].applyTo', (s) => (s.configPatches[0].applyTo = 'EVERYTHING')],
    ],
  },
  ProxyConfig: {
    apiVersion: 'networking.istio.io/v1beta1',
    valid: {
      selector: { matchLabels: { app: 'web' } },
      concurrency: 2,
      environmentVariables: { A: 'b' },
      image: { imageType: 'distroless' },
    },
    invalid: [
      ['spec.concurrency', (s) => (s.concurrency = -1)],
      ['spec.selector.matchLabels.app', (s) => (s.selector.matchLabels.app = '*')],
      ['spec.concurrency', (s) => (s.concurrency = 'two')],
      ['spec.environmentVariables', (s) => (s.environmentVariables = ['A=b'])],
      ['spec.image.tag', (s) => (s.image.tag = 'x')],
    ],
  },
  AuthorizationPolicy: {
    apiVersion: 'security.istio.io/v1',
    valid: {
      selector: { matchLabels: { app: 'web' } },
      action: 'ALLOW',
      rules: [
        {
          from: [{ source: { principals: ['cluster.local/ns/default/sa/client'], namespaces: ['default'] } }],
          to: [{ operation: { methods: ['GET'], ports: ['8080'] } }],
          when: [{ key: 'request.headers[x-id]', values: ['1'] }],
        },
      ],
    },
    invalid: [
      ['spec.rules[0].from[0].source.principals[0]', (s) => (s.rules[0].from[0].source.principals = [''])],
      ['spec.rules[0].from[0].source.namespaces[0]', (s) => (s.rules[0].from[0].source.namespaces = [''])],
      [
        'spec.rules[0].from[0].source.ipBlocks[0]',
        (s) => (s.rules[0].from[0].source.ipBlocks = ['10.0.0.0/99']),
      ],
      ['spec.rules[0].to[0].operation.ports[0]', (s) => (s.rules[0].to[0].operation.ports = ['http'])],
      [
        'spec.rules[0].when[0].values',
        (s) => (s.rules[0].when[0] = { key: 'request.nonsense', values: ['x'] }),
      ],
      ['spec.rules[0].when[0]', (s) => (s.rules[0].when[0] = { key: 'source.ip' })],
      ['spec.provider', (s) => (s.provider = { name: 'ext' })],
      [
        'spec',
        (s) => {
          s.action = 'DENY';
          delete s.rules;
        },
      ],
      ['spec.action', (s) => (s.action = 'PERMIT')],
      ['spec', (s) => (s.targetRefs = [{ kind: 'Service', name: 'web' }])],
      ['spec.rules[0].to[0].operation.paths[0]', (s) => (s.rules[0].to[0].operation.paths = ['/a/{x}'])],
    ],
  },
  PeerAuthentication: {
    apiVersion: 'security.istio.io/v1',
    valid: {
      selector: { matchLabels: { app: 'web' } },
      mtls: { mode: 'STRICT' },
      portLevelMtls: { '8080': { mode: 'PERMISSIVE' } },
    },
    invalid: [
      ['spec.portLevelMtls', (s) => delete s.selector],
      ['spec.portLevelMtls.0', (s) => (s.portLevelMtls = { '0': { mode: 'DISABLE' } })],
      ['spec.portLevelMtls', (s) => (s.portLevelMtls = {})],
      ['spec.mtls.mode', (s) => (s.mtls.mode = 'SOMETIMES')],
      ['spec.selector.matchLabels.app', (s) => (s.selector.matchLabels.app = 'w*')],
      ['spec.mtls.strict', (s) => (s.mtls.strict = true)],
    ],
  },
  RequestAuthentication: {
    apiVersion: 'security.istio.io/v1',
    valid: {
      selector: { matchLabels: { app: 'web' } },
      jwtRules: [
        {
          issuer: 'https://issuer.example.com',
          jwksUri: 'https://issuer.example.com/jwks',
          fromHeaders: [{ name: 'x-jwt' }],
        },
      ],
    },
    invalid: [
      [
        'spec.jwtRules[0].issuer',
        (s) => {
          delete s.jwtRules[0].issuer;
          delete s.jwtRules[0].jwksUri;
        },
      ],
      ['spec.jwtRules[0].jwksUri', (s) => (s.jwtRules[0].jwksUri = 'ftp://issuer.example.com/jwks')],
      ['spec.jwtRules[0].jwks', (s) => (s.jwtRules[0] = { issuer: 'i', jwks: '{not json' })],
      ['spec.jwtRules[0].fromHeaders[0].name', (s) => (s.jwtRules[0].fromHeaders = [{ name: '' }])],
      [
        'spec.jwtRules[0].outputClaimToHeaders[0].header',
        (s) => (s.jwtRules[0].outputClaimToHeaders = [{ header: 'bad header', claim: 'sub' }]),
      ],
      ['spec.jwtRules[0].timeout', (s) => (s.jwtRules[0].timeout = 'forever')],
      ['spec', (s) => (s.targetRef = { kind: 'Service', name: 'web' })],
      ['spec.jwtRules[0].audiences[0]', (s) => (s.jwtRules[0].audiences = [''])],
    ],
  },
  Telemetry: {
    apiVersion: 'telemetry.istio.io/v1',
    valid: {
      selector: { matchLabels: { app: 'web' } },
      tracing: [{ providers: [{ name: 'zipkin' }], randomSamplingPercentage: 10 }],
      accessLogging: [{ providers: [{ name: 'envoy' }] }],
    },
    invalid: [
      ['spec.tracing[0].randomSamplingPercentage', (s) => (s.tracing[0].randomSamplingPercentage = 101)],
      ['spec.tracing[0].providers[0]', (s) => (s.tracing[0].providers = [{ name: '' }])],
      [
        'spec.metrics[0].overrides[0].tagOverrides.x',
        (s) => (s.metrics = [{ overrides: [{ tagOverrides: { x: { operation: 'UPSERT' } } }] }]),
      ],
      [
        'spec.metrics[0].overrides[0].tagOverrides.x',
        (s) => (s.metrics = [{ overrides: [{ tagOverrides: { x: { operation: 'REMOVE', value: 'v' } } }] }]),
      ],
      ['spec', (s) => (s.targetRefs = [{ kind: 'Service', name: 'web' }])],
      ['spec.tracing[0].customTags.t', (s) => (s.tracing[0].customTags = { t: { literal: { value: '' } } })],
      [
        'spec.targetRef',
        (s) => {
          delete s.selector;
          s.targetRef = { kind: 'Pod', name: 'x' };
        },
      ],
      ['spec.metrics[0].reportingInterval', (s) => (s.metrics = [{ reportingInterval: 'often' }])],
    ],
  },
  WasmPlugin: {
    apiVersion: 'extensions.istio.io/v1alpha1',
    valid: {
      selector: { matchLabels: { app: 'web' } },
      url: 'oci://registry.example.com/plugin:1',
      phase: 'AUTHN',
      pluginConfig: { a: 1 },
    },
    invalid: [
      ['spec.url', (s) => (s.url = 'gopher://x/y')],
      ['spec.sha256', (s) => (s.sha256 = 'abc')],
      ['spec.sha256', (s) => (s.sha256 = 'Z'.repeat(64))],
      ['spec.vmConfig.env[1].name', (s) => (s.vmConfig = { env: [{ name: 'A' }, { name: 'A' }] })],
      [
        'spec.vmConfig.env[0].value',
        (s) => (s.vmConfig = { env: [{ name: 'A', valueFrom: 'HOST', value: 'x' }] }),
      ],
      ['spec.match[0].ports[0].number', (s) => (s.match = [{ ports: [{ number: 0 }] }])],
      ['spec', (s) => (s.targetRef = { kind: 'Service', name: 'web' })],
      ['spec.phase', (s) => (s.phase = 'EARLY')],
      ['warn:spec.imagePullSecret', (s) => (s.imagePullSecret = '')],
      ['warn:spec.match[0].ports[1]', (s) => (s.match = [{ ports: [{ number: 80 }, { number: 80 }] }])],
    ],
  },
  TrafficExtension: {
    apiVersion: 'extensions.istio.io/v1alpha1',
    valid: {
      selector: { matchLabels: { app: 'web' } },
      wasm: { url: 'oci://registry.example.com/plugin:1' },
      phase: 'AUTHZ',
    },
    invalid: [
      ['warn:spec', (s) => (s.lua = { inlineCode: 'x' })],
      ['spec', (s) => delete s.wasm],
      ['spec.wasm.url', (s) => (s.wasm.url = 'gopher://x')],
      ['spec.wasm.sha256', (s) => (s.wasm.sha256 = '123')],
      ['spec.match[0].ports[0].number', (s) => (s.match = [{ ports: [{ number: 99999 }] }])],
      ['spec.targetRef', (s) => (s.targetRef = { kind: 'Service', name: 'web' })],
      ['spec.phase', (s) => (s.phase = 'UNSPECIFIED_PHASE')],
    ],
  },
};

export function sampleDoc(kind: string, spec: Obj): Obj {
  return {
    apiVersion: CASES[kind]!.apiVersion,
    kind,
    metadata: { name: 'sample', namespace: 'default' },
    spec,
  };
}
