// proxy-config clusters / all with -f on a generated ~50 MB Envoy config dump (a large mesh seen by
// one sidecar), against the real istioctl in the same run (goal ≤ 1.0×, peak RSS ≤ istioctl's).
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const T = 'type.googleapis.com/';

function cluster(i) {
  const svc = `svc-${i}.ns-${i % 50}.svc.cluster.local`;
  const port = 8000 + (i % 200);
  const name = `outbound|${port}|${i % 3 === 0 ? `v${i % 4}` : ''}|${svc}`;
  return {
    version_info: '2026-01-01T00:00:00Z/42',
    cluster: {
      '@type': `${T}envoy.config.cluster.v3.Cluster`,
      name,
      type: 'EDS',
      eds_cluster_config: {
        eds_config: { ads: {}, initial_fetch_timeout: '0s', resource_api_version: 'V3' },
        service_name: name,
      },
      connect_timeout: '10s',
      lb_policy: 'LEAST_REQUEST',
      circuit_breakers: {
        thresholds: [
          {
            max_connections: 4294967295,
            max_pending_requests: 4294967295,
            max_requests: 4294967295,
            max_retries: 4294967295,
            track_remaining: true,
          },
        ],
      },
      common_lb_config: { locality_weighted_lb_config: {} },
      metadata: {
        filter_metadata: {
          istio: {
            config: `/apis/networking.istio.io/v1/namespaces/ns-${i % 50}/destination-rule/dr-${i}`,
            services: [{ host: svc, name: `svc-${i}`, namespace: `ns-${i % 50}` }],
          },
        },
      },
      filters: [
        {
          name: 'istio.metadata_exchange',
          typed_config: {
            '@type': `${T}envoy.tcp.metadataexchange.config.MetadataExchange`,
            protocol: 'istio-peer-exchange',
            enable_discovery: true,
          },
        },
      ],
      transport_socket_matches: [
        {
          name: 'tlsMode-istio',
          match: { tlsMode: 'istio' },
          transport_socket: {
            name: 'envoy.transport_sockets.tls',
            typed_config: {
              '@type': `${T}envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext`,
              common_tls_context: {
                tls_params: {
                  tls_minimum_protocol_version: 'TLSv1_2',
                  tls_maximum_protocol_version: 'TLSv1_3',
                },
                alpn_protocols: ['istio-peer-exchange', 'istio'],
                tls_certificate_sds_secret_configs: [
                  {
                    name: 'default',
                    sds_config: {
                      api_config_source: {
                        api_type: 'GRPC',
                        transport_api_version: 'V3',
                        grpc_services: [{ envoy_grpc: { cluster_name: 'sds-grpc' } }],
                        set_node_on_first_message_only: true,
                      },
                      initial_fetch_timeout: '0s',
                      resource_api_version: 'V3',
                    },
                  },
                ],
              },
              sni: `outbound_.${port}_._.${svc}`,
            },
          },
        },
        {
          name: 'tlsMode-disabled',
          match: {},
          transport_socket: {
            name: 'envoy.transport_sockets.raw_buffer',
            typed_config: { '@type': `${T}envoy.extensions.transport_sockets.raw_buffer.v3.RawBuffer` },
          },
        },
      ],
    },
    last_updated: '2026-01-01T00:00:00.000Z',
  };
}

function assignment(i) {
  const svc = `svc-${i}.ns-${i % 50}.svc.cluster.local`;
  const name = `outbound|${8000 + (i % 200)}||${svc}`;
  const lb = [];
  for (let j = 0; j < 3; j++) {
    lb.push({
      endpoint: {
        address: {
          socket_address: { address: `10.${(i >> 8) & 255}.${i & 255}.${j + 1}`, port_value: 8080 },
        },
        health_check_config: {},
      },
      health_status: 'HEALTHY',
      metadata: {
        filter_metadata: { istio: { workload: `svc-${i}-v${j};ns-${i % 50};svc-${i};v${j};Kubernetes` } },
      },
      load_balancing_weight: 1,
    });
  }
  return {
    endpoint_config: {
      '@type': `${T}envoy.config.endpoint.v3.ClusterLoadAssignment`,
      cluster_name: name,
      endpoints: [
        {
          locality: { region: 'us-east1', zone: `us-east1-${'abc'[i % 3]}` },
          lb_endpoints: lb,
          load_balancing_weight: 3,
        },
      ],
      policy: { overprovisioning_factor: 140 },
    },
  };
}

function listener(i) {
  const port = 9000 + i;
  const chains = [];
  for (let j = 0; j < 4; j++) {
    chains.push({
      filter_chain_match: {
        destination_port: port,
        application_protocols: j % 2 ? ['http/1.1', 'h2c'] : [],
        transport_protocol: j < 2 ? 'raw_buffer' : 'tls',
      },
      filters: [
        {
          name: 'envoy.filters.network.http_connection_manager',
          typed_config: {
            '@type': `${T}envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager`,
            stat_prefix: `outbound_0.0.0.0_${port}`,
            rds: {
              config_source: { ads: {}, initial_fetch_timeout: '0s', resource_api_version: 'V3' },
              route_config_name: String(port),
            },
            http_filters: [
              {
                name: 'envoy.filters.http.router',
                typed_config: { '@type': `${T}envoy.extensions.filters.http.router.v3.Router` },
              },
            ],
            use_remote_address: false,
            normalize_path: true,
          },
        },
      ],
      name: `0.0.0.0_${port}_${j}`,
    });
  }
  return {
    name: `0.0.0.0_${port}`,
    active_state: {
      version_info: '2026-01-01T00:00:00Z/42',
      listener: {
        '@type': `${T}envoy.config.listener.v3.Listener`,
        name: `0.0.0.0_${port}`,
        address: { socket_address: { address: '0.0.0.0', port_value: port } },
        filter_chains: chains,
        traffic_direction: 'OUTBOUND',
        bind_to_port: false,
      },
      last_updated: '2026-01-01T00:00:00.000Z',
    },
  };
}

function route(i) {
  const vhosts = [];
  for (let j = 0; j < 20; j++) {
    const host = `svc-${i * 20 + j}.ns-${j}.svc.cluster.local`;
    vhosts.push({
      name: `${host}:${9000 + i}`,
      domains: [host, `${host}:${9000 + i}`, `svc-${i * 20 + j}.ns-${j}`, `10.96.${i & 255}.${j}`],
      routes: [
        {
          match: { prefix: '/' },
          route: {
            cluster: `outbound|${9000 + i}||${host}`,
            timeout: '0s',
            retry_policy: {
              retry_on: 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes',
              num_retries: 2,
            },
            max_grpc_timeout: '0s',
          },
          metadata: {
            filter_metadata: {
              istio: {
                config: `/apis/networking.istio.io/v1/namespaces/ns-${j}/virtual-service/vs-${i}-${j}`,
              },
            },
          },
          decorator: { operation: `${host}:${9000 + i}/*` },
          name: 'default',
        },
      ],
      include_request_attempt_count: true,
    });
  }
  return {
    version_info: '2026-01-01T00:00:00Z/42',
    route_config: {
      '@type': `${T}envoy.config.route.v3.RouteConfiguration`,
      name: String(9000 + i),
      virtual_hosts: vhosts,
      validate_clusters: false,
    },
    last_updated: '2026-01-01T00:00:00.000Z',
  };
}

/** Bootstrap and secrets come from the conformance dump (real certificates); the rest is generated. */
function generate(file, shared) {
  const base = JSON.parse(
    readFileSync(
      join(shared, 'conformance', 'istio-1.30.3', 'proxy-config', 'proxyconfig', 'config_dump.json'),
      'utf8',
    ),
  );
  const keep = (suffix) => base.configs.find((c) => c['@type'].endsWith(suffix));
  const n = 6500;
  const configs = [
    keep('BootstrapConfigDump'),
    {
      '@type': `${T}envoy.admin.v3.ClustersConfigDump`,
      version_info: '2026-01-01T00:00:00Z/42',
      static_clusters: keep('ClustersConfigDump').static_clusters,
      dynamic_active_clusters: Array.from({ length: n }, (_, i) => cluster(i)),
    },
    {
      '@type': `${T}envoy.admin.v3.ListenersConfigDump`,
      version_info: '2026-01-01T00:00:00Z/42',
      dynamic_listeners: Array.from({ length: 1100 }, (_, i) => listener(i)),
    },
    {
      '@type': `${T}envoy.admin.v3.RoutesConfigDump`,
      dynamic_route_configs: Array.from({ length: 430 }, (_, i) => route(i)),
    },
    keep('SecretsConfigDump'),
    {
      '@type': `${T}envoy.admin.v3.EndpointsConfigDump`,
      dynamic_endpoint_configs: Array.from({ length: n }, (_, i) => assignment(i)),
    },
  ];
  writeFileSync(file, JSON.stringify({ configs }, null, 1));
}

export default ({ node, bin, root, shared }) => {
  const istioctl = join(root, '.cache', 'oracles', 'bin', 'istioctl');
  const have = existsSync(istioctl);
  const dir = join(root, '.cache', 'bench');
  const dump = join(dir, 'config-dump-50mb.json');
  const setup = () => {
    if (existsSync(dump)) return;
    mkdirSync(dir, { recursive: true });
    generate(dump, shared);
    console.log(`  generated ${dump} (${(statSync(dump).size / 1e6).toFixed(1)} MB)`);
  };
  const cases = [];
  for (const sub of ['clusters', 'all']) {
    const args = ['proxy-config', sub, '-f', dump];
    const oracle = `istioctl ${sub} -f 50MB dump (oracle)`;
    if (have) cases.push({ name: oracle, cmd: [istioctl, ...args], setup, runs: 5, warmup: 1 });
    else console.log(`oracle unavailable: ${istioctl} (proxy-config ${sub} runs without a ratio)`);
    cases.push({
      name: `istioctl-ts ${sub} -f 50MB dump`,
      cmd: [node, bin, ...args],
      baseline: have ? oracle : undefined,
      setup,
      runs: 5,
      warmup: 1,
    });
  }
  return cases;
};
