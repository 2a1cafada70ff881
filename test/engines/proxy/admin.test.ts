// The live path end to end over real HTTP: a Cluster whose port-forward seam relays to a local
// HTTP server standing in for Envoy's admin port (this machine cannot forward to a real pod).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { KubeObject, PortForward, RawResponse } from '../../../src/cluster/cluster.js';
import { ClusterError } from '../../../src/cluster/cluster.js';
import { FakeCluster } from '../../../src/cluster/fake.js';
import { conformanceRoot, runCli } from '../../support/run-cli.js';

const root = join(conformanceRoot, 'proxy-config');

interface Seen {
  method: string;
  url: string;
}

/** A fake Envoy admin API: config_dump, clusters?format=json and logging. */
function envoyAdmin(seen: Seen[]): http.Server {
  const dump = readFileSync(join(root, 'proxyconfig', 'config_dump.json'));
  const logging = readFileSync(join(root, 'logging', 'logging.txt'));
  const clusters = JSON.stringify({
    cluster_statuses: [
      {
        name: 'outbound|80||web.shop.svc.cluster.local',
        host_statuses: [
          {
            address: { socket_address: { address: '10.0.0.2', port_value: 8080 } },
            health_status: { eds_health_status: 'HEALTHY' },
          },
          {
            address: { socket_address: { address: '10.0.0.1', port_value: 8080 } },
            health_status: { eds_health_status: 'UNHEALTHY', failed_outlier_check: true },
          },
        ],
      },
    ],
  });
  return http.createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '' });
    const path = (req.url ?? '').split('?')[0];
    if (path === '/hang') return;
    if (req.method === 'GET' && path === '/config_dump') res.end(dump);
    else if (req.method === 'GET' && path === '/clusters') res.end(clusters);
    else if (req.method === 'POST' && path === '/logging') res.end(logging);
    else {
      res.statusCode = 404;
      res.end('not found');
    }
  });
}

/** Port-forwards relay over HTTP to a local server, the way kube.ts relays through its listener. */
class HttpForwardCluster extends FakeCluster {
  constructor(
    objects: KubeObject[],
    private readonly port: number,
  ) {
    super({ objects });
  }

  override async portForward(namespace: string, pod: string, port: number): Promise<PortForward> {
    this.calls.push({ method: 'portForward', args: [namespace, pod, port] });
    const local = this.port;
    return {
      localAddress: `127.0.0.1:${local}`,
      request: (method, path, timeoutMs = 15_000) =>
        new Promise<RawResponse>((resolve, reject) => {
          const r = http.request(
            { host: '127.0.0.1', port: local, method, path, timeout: timeoutMs, agent: false },
            (res) => {
              const chunks: Buffer[] = [];
              res.on('data', (c: Buffer) => chunks.push(c));
              res.on('end', () =>
                resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
              );
            },
          );
          r.on('timeout', () => r.destroy(new ClusterError(`port-forward timed out after ${timeoutMs}ms`)));
          r.on('error', (e) =>
            reject(new ClusterError(`failure running port forward process: ${e.message}`)),
          );
          r.end();
        }),
      close: async () => {},
    };
  }
}

const pod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-1', namespace: 'shop', labels: { app: 'web' } },
  spec: { containers: [{ name: 'web' }, { name: 'istio-proxy' }] },
  status: { phase: 'Running' },
};

describe('proxy-config through the port-forward seam to a local HTTP admin API', () => {
  const seen: Seen[] = [];
  const server = envoyAdmin(seen);
  let cluster: HttpForwardCluster;
  before(async () => {
    await new Promise<void>((res) => server.listen(0, '127.0.0.1', () => res()));
    cluster = new HttpForwardCluster([pod], (server.address() as AddressInfo).port);
  });
  after(() => new Promise<void>((res) => server.close(() => res())));

  it('cluster: GETs the cluster mask and prints the table', async () => {
    const res = await runCli(['pc', 'clusters', 'web-1.shop'], { cluster });
    assert.equal(res.code, 0, res.stderr);
    assert.equal(
      res.stdout,
      (await runCli(['pc', 'clusters', '-f', join(root, 'proxyconfig', 'config_dump.json')])).stdout,
    );
    assert.deepEqual(seen.at(-1), {
      method: 'GET',
      url: '/config_dump?mask=dynamic_active_clusters,dynamic_warming_clusters,static_clusters',
    });
  });

  it('all: GETs the dump with EDS included', async () => {
    const res = await runCli(['pc', 'all', 'web-1', '-n', 'shop'], { cluster });
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /^Istio Version:/);
    assert.deepEqual(seen.at(-1), { method: 'GET', url: '/config_dump?include_eds=true' });
  });

  it('endpoint: reads /clusters?format=json, sorted by address', async () => {
    const res = await runCli(['pc', 'endpoint', 'web-1.shop'], { cluster });
    assert.equal(res.code, 0, res.stderr);
    assert.equal(
      res.stdout,
      'ENDPOINT          STATUS        OUTLIER CHECK     CLUSTER\n' +
        '10.0.0.1:8080     UNHEALTHY     FAILED            outbound|80||web.shop.svc.cluster.local\n' +
        '10.0.0.2:8080     HEALTHY       OK                outbound|80||web.shop.svc.cluster.local\n',
    );
    assert.deepEqual(seen.at(-1), { method: 'GET', url: '/clusters?format=json' });
  });

  it('endpoint -o json: matching clusters whole, protojson names and field order', async () => {
    const res = await runCli(['pc', 'endpoint', 'web-1.shop', '--status', 'unhealthy', '-o', 'json'], {
      cluster,
    });
    assert.equal(res.code, 0, res.stderr);
    const [cs] = JSON.parse(res.stdout);
    assert.equal(cs.hostStatuses.length, 2);
    assert.deepEqual(Object.keys(cs.hostStatuses[1].healthStatus), ['failedOutlierCheck', 'edsHealthStatus']);
  });

  it('log: sets levels with POSTs named after Envoy loggers', async () => {
    const before = seen.length;
    const res = await runCli(['pc', 'log', 'deployment/web.shop', '--level', 'http:debug,connection=trace'], {
      cluster: new HttpForwardCluster(
        [
          pod,
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            metadata: { name: 'web', namespace: 'shop' },
            spec: { selector: { matchLabels: { app: 'web' } } },
          },
        ],
        (server.address() as AddressInfo).port,
      ),
    });
    assert.equal(res.code, 0, res.stderr);
    assert.deepEqual(
      seen.slice(before).map((s) => `${s.method} ${s.url}`),
      ['POST /logging', 'POST /logging?http=debug', 'POST /logging?connection=trace'],
    );
    assert.match(res.stdout, /^web-1\.shop:\nactive loggers:/);
  });

  it("log --reset restores the injector's proxy log level", async () => {
    const before = seen.length;
    const injector: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'istio-sidecar-injector', namespace: 'istio-system' },
      data: { values: JSON.stringify({ global: { proxy: { logLevel: 'info' } } }) },
    };
    const res = await runCli(['pc', 'log', 'web-1.shop', '-r'], {
      cluster: new HttpForwardCluster([pod, injector], (server.address() as AddressInfo).port),
    });
    assert.equal(res.code, 0, res.stderr);
    assert.deepEqual(
      seen.slice(before).map((s) => `${s.method} ${s.url}`),
      ['POST /logging', 'POST /logging?level=info'],
    );
  });

  it('a bad admin port is refused before any forward', async () => {
    const res = await runCli(['pc', 'clusters', 'web-1.shop', '--proxy-admin-port', '70000'], { cluster });
    assert.equal(res.code, 1);
    assert.match(res.stderr, /proxy admin port/);
  });

  it('an admin API that never answers fails within the kubeclient timeout', async () => {
    const hanging = new HttpForwardCluster([pod], (server.address() as AddressInfo).port);
    const orig = hanging.portForward.bind(hanging);
    hanging.portForward = async (ns, p, port) => {
      const pf = await orig(ns, p, port);
      return { ...pf, request: (m, _path, t) => pf.request(m, '/hang', t) };
    };
    const start = Date.now();
    const res = await runCli(['pc', 'bootstrap', 'web-1.shop', '--kubeclient-timeout', '300ms'], {
      cluster: hanging,
    });
    assert.equal(res.code, 1);
    assert.match(res.stderr, /failed to execute command on web-1\.shop sidecar: .*timed out/);
    assert.ok(Date.now() - start < 5000);
  });
});
