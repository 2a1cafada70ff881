// More documents of ours, valid and invalid, for the istioctl oracle test: edge cases of durations,
// regexes, hosts, gateways, exportTo, header operations, TLS modes, locality settings, sidecar
// listeners, service entry resolutions, authorization conditions, JWKS and Wasm URLs.
import type { Obj } from './fixtures.js';

const VS = (spec: Obj): Obj => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'x', namespace: 'default' },
  spec,
});
const route = [{ destination: { host: 'r' } }];
export const PROBES: Obj[] = [
  VS({ hosts: ['r'], http: [{ route, timeout: '1.5s' }] }),
  VS({ hosts: ['r'], http: [{ route, timeout: '100ms' }] }),
  VS({ hosts: ['r'], http: [{ route, timeout: '1h' }] }),
  VS({ hosts: ['r'], http: [{ route, timeout: '0s' }] }),
  VS({ hosts: ['r'], http: [{ route, timeout: '1.0001s' }] }),
  VS({ hosts: ['r'], http: [{ route, timeout: '5' }] }),
  VS({ hosts: ['r'], http: [{ route, retries: { attempts: 3, retryOn: '5xx,gateway-error,503' } }] }),
  VS({ hosts: ['r'], http: [{ route, retries: { attempts: 3, retryOn: 'bogus' } }] }),
  VS({ hosts: ['r'], http: [{ route, retries: { attempts: 0, perTryTimeout: '1s' } }] }),
  VS({ hosts: ['r'], http: [{ route, match: [{ uri: { regex: '^/api/(v1|v2)/.*' } }] }] }),
  VS({ hosts: ['r'], http: [{ route, match: [{ uri: { regex: '(?i)/API' } }] }] }),
  VS({ hosts: ['r'], http: [{ route, match: [{ uri: { regex: '\\d+(?!x)' } }] }] }),
  VS({ hosts: ['r'], http: [{ route, match: [{ headers: { 'X-Upper': { exact: 'a' } } }] }] }),
  VS({ hosts: ['r'], http: [{ route, match: [{ headers: { 'x y': { exact: 'a' } } }] }] }),
  VS({ hosts: ['r'], http: [{ route, match: [{ uri: { prefix: '' } }] }] }),
  VS({ hosts: ['r'], gateways: ['mesh', 'istio-system/gw'], http: [{ route }] }),
  VS({ hosts: ['r'], gateways: ['gw.istio-system.svc.cluster.local'], http: [{ route }] }),
  VS({ hosts: ['*.example.com'], gateways: ['gw'], http: [{ route }] }),
  VS({ hosts: ['*'], gateways: ['gw'], http: [{ route }] }),
  VS({ hosts: ['10.0.0.1'], http: [{ route }] }),
  VS({ hosts: ['r', 'r'], http: [{ route }] }),
  VS({ hosts: ['*.a.com', 'b.a.com'], http: [{ route }] }),
  VS({ hosts: ['r'], exportTo: ['.', 'default'], http: [{ route }] }),
  VS({ hosts: ['r'], exportTo: ['*', 'ns1'], http: [{ route }] }),
  VS({ hosts: ['r'], exportTo: ['~'], http: [{ route }] }),
  VS({ hosts: ['r'], http: [{ route: [{ destination: { host: 'r', port: { number: 0 } } }] }] }),
  VS({ hosts: ['r'], http: [{ route: [{ destination: { host: 'r', subset: 'V1' } }] }] }),
  VS({ hosts: ['r'], http: [{ route, mirror: { host: 'm' }, mirrorPercentage: { value: 150 } }] }),
  VS({
    hosts: ['r'],
    http: [
      {
        route,
        corsPolicy: {
          allowOrigins: [{ exact: '*' }],
          allowMethods: ['GET', 'POST'],
          maxAge: '24h',
          allowHeaders: ['*'],
        },
      },
    ],
  }),
  VS({
    hosts: ['r'],
    http: [{ route, headers: { request: { set: { ':authority': 'x' } } }, rewrite: { authority: 'y' } }],
  }),
  VS({ hosts: ['r'], http: [{ route, headers: { response: { set: { host: 'x' } } } }] }),
  VS({ hosts: ['r'], http: [{ route, headers: { request: { add: { 'x-a': '%HOSTNAME%' } } } }] }),
  VS({ hosts: ['r'], http: [{ route, headers: { request: { add: { 'x-a': '100%' } } } }] }),
  VS({ hosts: ['r'], http: [{ redirect: { uri: '/x', redirectCode: 301 } }] }),
  VS({ hosts: ['r'], http: [{ directResponse: { status: 503, body: { string: 'x' } } }] }),
  VS({
    hosts: ['r'],
    http: [{ route, fault: { delay: { fixedDelay: '5s', percentage: { value: 0.00001 } } } }],
  }),
  VS({
    hosts: ['r'],
    http: [{ route, fault: { abort: { grpcStatus: 'UNAVAILABLE', percentage: { value: 10 } } } }],
  }),
  VS({
    hosts: ['r'],
    tcp: [
      {
        match: [{ port: 27017, destinationSubnets: ['10.0.0.0/8'] }],
        route: [{ destination: { host: 'r', port: { number: 5555 } } }],
      },
    ],
  }),
  VS({ hosts: ['r.com'], gateways: ['gw'], tls: [{ match: [{ port: 443, sniHosts: ['r.com'] }], route }] }),
  VS({ hosts: ['r.com'], tls: [{ match: [{ sniHosts: ['other.com'] }], route }] }),
  VS({
    hosts: ['r'],
    http: [
      {
        route: [
          { destination: { host: 'r' }, weight: 0 },
          { destination: { host: 's' }, weight: 0 },
        ],
      },
    ],
  }),
  VS({
    hosts: ['r'],
    http: [
      {
        route: [
          { destination: { host: 'r' }, weight: 30 },
          { destination: { host: 's' }, weight: 30 },
        ],
      },
    ],
  }),
  VS({ hosts: ['r'], http: [{ route, match: [{ sourceLabels: { app: 'a b' } }] }] }),
  VS({ hosts: ['r'], http: [{ route, match: [{ sourceNamespace: 'Bad' }] }] }),
  VS({ hosts: ['r'], http: [{ route, match: [{ port: 70000 }] }] }),
  VS({ hosts: ['r'], http: [{ route: [{ destination: { host: 'r' }, weight: '50' }] }] }),
  VS({ hosts: ['r'], http: [{ route, timeout: 5 }] }),
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'x' },
    spec: {
      host: 'r',
      trafficPolicy: {
        loadBalancer: {
          localityLbSetting: {
            distribute: [{ from: 'us-west/zone1/*', to: { 'us-west/zone1/*': 80, 'us-west/zone2/*': 20 } }],
          },
        },
      },
    },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'x' },
    spec: {
      host: 'r',
      trafficPolicy: {
        loadBalancer: {
          localityLbSetting: { distribute: [{ from: 'us-west/zone1/*', to: { 'us-west/zone1/*': 80 } }] },
        },
      },
    },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'x' },
    spec: {
      host: 'r',
      trafficPolicy: {
        loadBalancer: { localityLbSetting: { failover: [{ from: 'us-east', to: 'us-west' }] } },
        outlierDetection: { consecutive5xxErrors: 5 },
      },
    },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'x' },
    spec: {
      host: 'r',
      trafficPolicy: {
        loadBalancer: { localityLbSetting: { failover: [{ from: 'us-east', to: 'us-east' }] } },
      },
    },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'x' },
    spec: {
      host: 'r',
      trafficPolicy: { tls: { mode: 'SIMPLE', credentialName: 'c', caCertificates: '/x' } },
    },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'x' },
    spec: {
      host: 'r',
      trafficPolicy: { tls: { mode: 'MUTUAL', clientCertificate: '/a', privateKey: '/b' } },
    },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'x' },
    spec: {
      host: 'r',
      trafficPolicy: { tls: { mode: 'SIMPLE', insecureSkipVerify: true, caCertificates: '/x' } },
    },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'x' },
    spec: { host: 'r', workloadSelector: { matchLabels: { app: 'a' } }, exportTo: ['*'] },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'x' },
    spec: {
      host: 'r',
      trafficPolicy: { connectionPool: { http: { h2UpgradePolicy: 'UPGRADE', useClientProtocol: true } } },
    },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'x' },
    spec: { host: 'r', trafficPolicy: { portLevelSettings: [{ port: { number: 80 } }] } },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'x' },
    spec: {
      host: 'r',
      trafficPolicy: { tunnel: { targetHost: 'proxy.example.com', targetPort: 3128, protocol: 'CONNECT' } },
    },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'x' },
    spec: { host: 'r', trafficPolicy: { retryBudget: { percent: 20 } } },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'x' },
    spec: { host: 'r', trafficPolicy: { loadBalancer: { consistentHash: { minimumRingSize: 1024 } } } },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Sidecar',
    metadata: { name: 'x' },
    spec: { egress: [{ hosts: ['*/*', 'istio-system/*'] }] },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Sidecar',
    metadata: { name: 'x' },
    spec: { egress: [{ hosts: ['~/*'] }] },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Sidecar',
    metadata: { name: 'x' },
    spec: {
      egress: [
        {
          port: { number: 0, protocol: 'HTTP', name: 'uds' },
          bind: 'unix:///var/run/s.sock',
          hosts: ['*/*'],
        },
      ],
    },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Sidecar',
    metadata: { name: 'x' },
    spec: {
      outboundTrafficPolicy: {
        mode: 'ALLOW_ANY',
        egressProxy: { host: 'proxy.ns.svc.cluster.local', port: { number: 443 } },
      },
    },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Sidecar',
    metadata: { name: 'x' },
    spec: {
      ingress: [
        {
          port: { number: 9080, protocol: 'HTTP', name: 'http' },
          defaultEndpoint: 'unix:///var/run/app.sock',
        },
      ],
    },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Sidecar',
    metadata: { name: 'x' },
    spec: { ingress: [{ port: { number: 9080, protocol: 'HTTP', name: 'http' }, defaultEndpoint: ':8080' }] },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Gateway',
    metadata: { name: 'g' },
    spec: {
      servers: [
        {
          port: { number: 443, name: 'https', protocol: 'HTTPS' },
          hosts: ['a.com'],
          tls: { mode: 'SIMPLE', credentialName: 'c' },
        },
        {
          port: { number: 80, name: 'http', protocol: 'HTTP' },
          hosts: ['a.com'],
          tls: { httpsRedirect: true },
        },
      ],
    },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Gateway',
    metadata: { name: 'g' },
    spec: {
      servers: [
        {
          port: { number: 15443, name: 'tls', protocol: 'TLS' },
          hosts: ['*.local'],
          tls: { mode: 'AUTO_PASSTHROUGH' },
        },
      ],
    },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Gateway',
    metadata: { name: 'g' },
    spec: {
      servers: [
        {
          port: { number: 443, name: 'https', protocol: 'HTTPS' },
          hosts: ['a.com'],
          tls: { mode: 'MUTUAL', credentialName: 'c' },
        },
      ],
    },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Gateway',
    metadata: { name: 'g' },
    spec: {
      servers: [
        {
          port: { number: 443, name: 'https', protocol: 'HTTPS' },
          hosts: ['a.com'],
          tls: {
            mode: 'SIMPLE',
            serverCertificate: '/a',
            privateKey: '/b',
            minProtocolVersion: 'TLSV1_2',
            cipherSuites: ['ECDHE-RSA-AES256-GCM-SHA384'],
          },
        },
      ],
    },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Gateway',
    metadata: { name: 'g' },
    spec: {
      servers: [{ port: { number: 80, name: 'http', protocol: 'http' }, hosts: ['a.com'], bind: '0.0.0.0' }],
    },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Gateway',
    metadata: { name: 'g' },
    spec: {
      servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP', targetPort: 8080 }, hosts: ['a.com'] }],
    },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'ServiceEntry',
    metadata: { name: 's' },
    spec: {
      hosts: ['a.com', 'b.com'],
      ports: [{ number: 80, name: 'http', protocol: 'HTTP' }],
      resolution: 'DNS',
    },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'ServiceEntry',
    metadata: { name: 's' },
    spec: {
      hosts: ['a.com', 'b.com'],
      ports: [{ number: 80, name: 'tcp', protocol: 'TCP' }],
      resolution: 'DNS',
    },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'ServiceEntry',
    metadata: { name: 's' },
    spec: {
      hosts: ['a.com'],
      ports: [{ number: 80, name: 'tcp', protocol: 'TCP' }],
      resolution: 'STATIC',
      endpoints: [{ address: '1.1.1.1', ports: { tcp: 8080 } }, { address: 'foo.com' }],
    },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'ServiceEntry',
    metadata: { name: 's' },
    spec: {
      hosts: ['a.com'],
      ports: [{ number: 80, name: 'tcp' }],
      resolution: 'STATIC',
      endpoints: [{ address: '1.1.1.1', ports: { other: 8080 } }],
    },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'ServiceEntry',
    metadata: { name: 's' },
    spec: { hosts: ['a.com'], exportTo: ['~', 'ns'] },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'ServiceEntry',
    metadata: { name: 's' },
    spec: {
      hosts: ['a.com'],
      resolution: 'DYNAMIC_DNS',
      ports: [{ number: 443, name: 'https', protocol: 'TLS' }],
    },
  },
  {
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: { name: 'a' },
    spec: {
      action: 'CUSTOM',
      provider: { name: 'ext' },
      rules: [{ to: [{ operation: { paths: ['/admin'] } }] }],
    },
  },
  {
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: { name: 'a' },
    spec: {
      action: 'CUSTOM',
      provider: { name: 'ext' },
      rules: [{ from: [{ source: { principals: ['x'] } }] }],
    },
  },
  {
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: { name: 'a' },
    spec: { action: 'DENY', rules: [{ to: [{ operation: { methods: ['GET'] } }] }] },
  },
  { apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: { name: 'a' }, spec: {} },
  {
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: { name: 'a' },
    spec: { rules: [{}] },
  },
  {
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: { name: 'a' },
    spec: { rules: [{ from: [] }] },
  },
  {
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: { name: 'a' },
    spec: { rules: [{ when: [{ key: 'request.headers[]', values: ['x'] }] }] },
  },
  {
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: { name: 'a' },
    spec: { rules: [{ when: [{ key: 'destination.port', values: ['abc'] }] }] },
  },
  {
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: { name: 'a' },
    spec: { rules: [{ when: [{ key: 'request.regex.headers[x]', values: ['x'] }] }] },
  },
  {
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: { name: 'a' },
    spec: { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'g' }] },
  },
  {
    apiVersion: 'security.istio.io/v1',
    kind: 'PeerAuthentication',
    metadata: { name: 'p' },
    spec: { mtls: { mode: 'STRICT' } },
  },
  {
    apiVersion: 'security.istio.io/v1',
    kind: 'RequestAuthentication',
    metadata: { name: 'r' },
    spec: { jwtRules: [{ issuer: 'i', jwks: '{"keys":[]}' }] },
  },
  {
    apiVersion: 'security.istio.io/v1',
    kind: 'RequestAuthentication',
    metadata: { name: 'r' },
    spec: { jwtRules: [{ issuer: 'i', jwks: '{"keys":[{"kty":"bogus"}]}' }] },
  },
  {
    apiVersion: 'security.istio.io/v1',
    kind: 'RequestAuthentication',
    metadata: { name: 'r' },
    spec: { jwtRules: [{ issuer: 'i', jwksUri: 'example.com/jwks' }] },
  },
  {
    apiVersion: 'telemetry.istio.io/v1',
    kind: 'Telemetry',
    metadata: { name: 't' },
    spec: { tracing: [{ providers: [{ name: 'a' }, { name: 'b' }] }, {}] },
  },
  {
    apiVersion: 'telemetry.istio.io/v1',
    kind: 'Telemetry',
    metadata: { name: 't' },
    spec: { accessLogging: [{ providers: [{ name: 'a' }], filter: { expression: 'response.code >= 400' } }] },
  },
  {
    apiVersion: 'extensions.istio.io/v1alpha1',
    kind: 'WasmPlugin',
    metadata: { name: 'w' },
    spec: { url: 'registry.example.com:5000/x:1' },
  },
  {
    apiVersion: 'extensions.istio.io/v1alpha1',
    kind: 'WasmPlugin',
    metadata: { name: 'w' },
    spec: {
      url: 'oci://registry/x',
      imagePullPolicy: 'Always',
      failStrategy: 'FAIL_OPEN',
      type: 'HTTP',
      priority: 10,
    },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'WorkloadEntry',
    metadata: { name: 'w' },
    spec: { address: '2001:db8::1', ports: { 'http-web': 8080 } },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'WorkloadEntry',
    metadata: { name: 'w' },
    spec: { address: 'unix://relative/path' },
  },
  {
    apiVersion: 'networking.istio.io/v1alpha3',
    kind: 'EnvoyFilter',
    metadata: { name: 'e' },
    spec: {
      workloadSelector: { labels: {} },
      configPatches: [
        {
          applyTo: 'NETWORK_FILTER',
          match: {
            listener: {
              filterChain: { filter: { name: 'envoy.http_connection_manager', subFilter: { name: 'x' } } },
            },
          },
          patch: { operation: 'MERGE', value: { a: 1 } },
        },
      ],
    },
  },
  {
    apiVersion: 'networking.istio.io/v1alpha3',
    kind: 'EnvoyFilter',
    metadata: { name: 'e' },
    spec: {
      configPatches: [
        {
          applyTo: 'LISTENER',
          match: { listener: { filterChain: { filter: { name: 'x' } } } },
          patch: { operation: 'ADD', value: { name: 'l' } },
        },
      ],
    },
  },
];
