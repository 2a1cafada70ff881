// proxy-status <pod>: istiod's typed config dump, served over a real ADS stream on 127.0.0.1,
// against the proxy's /config_dump from the fake cluster's port-forward (or --file). Where the
// real istioctl is built (.cache/oracles/bin), every variant is also run through it and the
// outputs must be byte-identical; without it that comparison is skipped, never passed.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { KubeObject, PortForward } from '../../src/cluster/cluster.js';
import { FakeCluster } from '../../src/cluster/fake.js';
import { ProtoSchema, type RawSchema } from '../../src/engines/proxy/proto-schema.js';
import { startFakeApiServer } from '../bench/fake-apiserver.mjs';
import { type AdsServer, startAdsServer } from '../engines/proxy/ads-server.js';
import { dumpResources } from '../engines/proxy/proto-encode.js';
import { conformanceRoot, repoRoot, runCli } from '../support/run-cli.js';

type Json = Record<string, any>;
const T = 'type.googleapis.com/envoy.admin.v3.';
const istioctl = join(repoRoot, '.cache', 'oracles', 'bin', 'istioctl');
const oracleSkip = existsSync(istioctl) ? false : 'oracle unavailable: no .cache/oracles/bin/istioctl';
if (oracleSkip) console.log(`proxy-status diff vs istioctl: ${oracleSkip}; byte comparison not run`);
const schema = new ProtoSchema(
  JSON.parse(readFileSync(join(repoRoot, 'schemas', 'envoy-proto.json'), 'utf8')) as RawSchema,
);
const pcRoot = join(conformanceRoot, 'proxy-config');
const load = (rel: string): Json => JSON.parse(readFileSync(join(pcRoot, rel), 'utf8'));
const clone = <X>(x: X): X => structuredClone(x);
const section = (d: Json, name: string): Json => d.configs.find((c: Json) => c['@type'] === T + name);
const NOT_CONNECTED = 'Proxy not connected to this Pilot instance. It may be connected to another instance.';

/** The conformance dump with its dynamic cluster and listener repeated (long diffs, sorting). */
function bigDump(): Json {
  const d = load('proxyconfig/config_dump.json');
  const cds = section(d, 'ClustersConfigDump');
  const [c0] = cds.dynamic_active_clusters;
  cds.dynamic_active_clusters = Array.from({ length: 30 }, (_, i) => {
    const c = clone(c0);
    c.cluster.name = `${c0.cluster.name}-${(i * 7) % 30}`;
    c.cluster.connect_timeout = `${1 + (i % 4)}s`;
    return c;
  });
  const lds = section(d, 'ListenersConfigDump');
  const [l0] = lds.dynamic_listeners;
  lds.dynamic_listeners = Array.from({ length: 12 }, (_, i) => {
    const l = clone(l0);
    l.name = `${l0.name}-${i}`;
    l.active_state.listener.name = `${l0.active_state.listener.name}-${(i * 5) % 12}`;
    return l;
  });
  return d;
}

interface Variant {
  name: string;
  envoy: Json;
  istiod: Json;
}

function variants(): Variant[] {
  const base = load('proxyconfig/config_dump.json');
  const gw = load('configdump/routes/istio-gateway-http-route-prefix/configdump.json');
  const big = bigDump();
  const empty = {
    configs: ['Clusters', 'Listeners', 'Routes'].map((s) => ({ '@type': `${T}${s}ConfigDump` })),
  };
  const out: Variant[] = [
    { name: 'identical dumps', envoy: base, istiod: base },
    { name: 'gateway routes, identical', envoy: gw, istiod: gw },
    { name: 'istiod has nothing: every Envoy line is new', envoy: big, istiod: empty },
    { name: 'Envoy has nothing: every istiod line is gone', envoy: empty, istiod: big },
    { name: 'gateway dump against nothing', envoy: gw, istiod: empty },
    { name: 'gateway dump from istiod only (packed repeated numbers on the wire)', envoy: empty, istiod: gw },
  ];
  const istiod = clone(big);
  section(istiod, 'ClustersConfigDump').dynamic_active_clusters.splice(4, 1);
  section(istiod, 'ClustersConfigDump').dynamic_active_clusters[9].cluster.connect_timeout = '2.500s';
  const listener = section(istiod, 'ListenersConfigDump').dynamic_listeners[3].active_state.listener;
  listener.filter_chains[0].filters[0].typed_config.stat_prefix = 'changed_prefix';
  const envoy = clone(big);
  section(envoy, 'ClustersConfigDump').dynamic_active_clusters.reverse();
  section(envoy, 'ListenersConfigDump').dynamic_listeners.reverse();
  out.push({ name: 'a missing cluster, a changed timeout and stat prefix, other orders', envoy, istiod });
  const gwIstiod = clone(gw);
  const vh = section(gwIstiod, 'RoutesConfigDump').dynamic_route_configs[0].route_config.virtual_hosts[0];
  vh.domains.push('extra.example.com');
  out.push({ name: 'a route domain only istiod has (RDS load time shown)', envoy: gw, istiod: gwIstiod });
  const noRoutes = clone(base);
  noRoutes.configs = noRoutes.configs.filter((c: Json) => !c['@type'].endsWith('RoutesConfigDump'));
  out.push({ name: 'Envoy dump without routes: error after two sections', envoy: noRoutes, istiod: base });
  return out;
}

function typedDump(d: Json) {
  return { versionInfo: '1', resources: dumpResources(schema, d), typeUrl: 'istio.io/debug/config_dump' };
}

function sidecarPod(name: string, namespace: string, labels: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels },
    spec: { containers: [{ name: 'app' }, { name: 'istio-proxy' }] },
    status: { phase: 'Running' },
  };
}

function runOracle(
  args: string[],
  kubeconfig: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(istioctl, args, { env: { ...process.env, KUBECONFIG: kubeconfig } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => {
      stdout += d;
    });
    p.stderr.on('data', (d) => {
      stderr += d;
    });
    p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('proxy-status <pod>: sync diff', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ps-diff-'));
  let api: { kubeconfig: string; close(): Promise<void> } | undefined;
  before(async () => {
    if (!oracleSkip) api = await startFakeApiServer();
  });
  after(async () => {
    await api?.close();
  });

  for (const [n, v] of variants().entries()) {
    it(`${v.name} (port-forward to the pod, ADS at --xds-address)`, async () => {
      const server = await startAdsServer(typedDump(v.istiod) as never);
      try {
        const cluster = new FakeCluster({
          objects: [sidecarPod('web-1', 'shop')],
          forwards: { 'shop/web-1:15000': { 'GET /config_dump': JSON.stringify(v.envoy) } },
        });
        const flags = ['--xds-address', server.address, '--plaintext', '--timeout', '10s'];
        const res = await runCli(['proxy-status', 'web-1.shop', ...flags], { cluster });
        assert.deepEqual(server.requests[0]?.resourceNames, ['web-1.shop']);
        assert.equal(server.requests[0]?.typeUrl, 'istio.io/debug/config_dump');
        const routesMissing = v.name.startsWith('Envoy dump without routes');
        assert.equal(res.code, routesMissing ? 1 : 0, res.stderr);
        if (v.envoy === v.istiod) assert.match(res.stdout, /^Clusters Match\nListeners Match\nRoutes Match/);
        if (routesMissing) {
          assert.equal(res.stdout, 'Clusters Match\nListeners Match\n');
          assert.match(res.stderr, /config dump has no configuration type .*RoutesConfigDump/);
        }
        if (v.name.startsWith('a missing cluster')) {
          assert.match(res.stdout, /^Clusters Don't Match\n--- Istiod Clusters\n\+\+\+ Envoy Clusters\n@@ /);
          assert.match(
            res.stdout,
            /^-\s+"statPrefix": "changed_prefix",\n\+\s+"statPrefix": "inbound_0.0.0.0_8000",$/m,
          );
          assert.match(res.stdout, /\nListeners Don't Match\n--- Istiod Listeners\n/);
          assert.match(res.stdout, /^-\s+"connectTimeout": "2.500s",$/m);
        }
        if (!oracleSkip) {
          const file = join(dir, `envoy-${n}.json`);
          writeFileSync(file, JSON.stringify(v.envoy));
          const args = ['proxy-status', 'web-1.shop', '--file', file, ...flags];
          const [want, ours] = [await runOracle(args, api!.kubeconfig), await runCli(args)];
          assert.equal(ours.stdout, want.stdout);
          assert.equal(ours.code, want.code);
          assert.equal(ours.stdout, res.stdout);
        }
      } finally {
        await server.close();
      }
    });
  }

  it('asks istiods one by one and keeps the first that has the proxy', async () => {
    const base = load('proxyconfig/config_dump.json');
    const away = await startAdsServer({ resources: [{ typeUrl: '', value: Buffer.from(NOT_CONNECTED) }] });
    const home = await startAdsServer(typedDump(base) as never);
    const servers = new Map<string, AdsServer>([
      ['istiod-a', away],
      ['istiod-b', home],
    ]);
    class Istiods extends FakeCluster {
      override async portForward(namespace: string, pod: string, port: number): Promise<PortForward> {
        const s = servers.get(pod);
        if (!s) return super.portForward(namespace, pod, port);
        return {
          localAddress: s.address,
          request: async () => ({ status: 404, body: '' }),
          close: async () => {},
        };
      }
    }
    const istiod = (name: string) => ({
      ...sidecarPod(name, 'istio-system', { app: 'istiod', 'istio.io/rev': 'default' }),
    });
    const cluster = new Istiods({
      objects: [sidecarPod('web-1', 'shop'), istiod('istiod-a'), istiod('istiod-b')],
      forwards: { 'shop/web-1:15000': { 'GET /config_dump': JSON.stringify(base) } },
    });
    try {
      const res = await runCli(['ps', 'web-1', '-n', 'shop', '--plaintext'], { cluster });
      assert.equal(res.code, 0, res.stderr);
      assert.equal(res.stdout, 'Clusters Match\nListeners Match\nRoutes Match\n');
      assert.equal(away.requests.length, 1);
      assert.equal(home.requests.length, 1);
    } finally {
      await away.close();
      await home.close();
    }
  });

  it('a ztunnel pod has no sync diff', async () => {
    const cluster = new FakeCluster({ objects: [sidecarPod('zt-1', 'istio-system', { app: 'ztunnel' })] });
    const res = await runCli(['ps', 'zt-1.istio-system'], { cluster });
    assert.equal(res.code, 0);
    assert.equal(res.stdout, 'Sync diff is not available for ztunnel pod zt-1.istio-system\n');
  });
});

describe('proxy-status <pod>: failures', () => {
  let server: AdsServer;
  before(async () => {
    server = await startAdsServer(typedDump(load('proxyconfig/config_dump.json')) as never);
  });
  after(async () => {
    await server.close();
  });
  const flags = () => ['--xds-address', server.address, '--plaintext', '--timeout', '5s'];
  const dump = join(pcRoot, 'proxyconfig', 'config_dump.json');

  it('-o does not apply to the diff (upstream checks it for the table only)', async () => {
    const res = await runCli(['ps', 'p.default', '--file', dump, '-o', 'bogus', ...flags()]);
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.stdout, 'Clusters Match\nListeners Match\nRoutes Match\n');
  });

  it('a truncated --file dump is bad input (65), in one line', async () => {
    const text = readFileSync(dump, 'utf8').slice(0, 4000);
    const res = await runCli(['ps', 'p.default', '--file', '-', ...flags()], { stdin: text });
    assert.equal(res.code, 65);
    assert.equal(
      res.stderr,
      'Error: <stdin>: invalid Envoy config dump: unexpected end of JSON input (truncated?)\n',
    );
    assert.equal(res.stdout, '');
  });

  it('a file that is not a config dump is bad input (65)', async () => {
    for (const text of ['{"cluster_statuses": []}', '[1, 2]', '{"configs": [{"@type": 5}]}']) {
      const res = await runCli(['ps', 'p.default', '--file', '-', ...flags()], { stdin: text });
      assert.equal(res.code, 65, text);
      assert.match(res.stderr, /^Error: <stdin>: invalid Envoy config dump: .+\n$/, text);
    }
  });

  it('a missing pod is a clear error (1)', async () => {
    const res = await runCli(['ps', 'ghost.default', ...flags()], { cluster: new FakeCluster({}) });
    assert.equal(res.code, 1);
    assert.equal(res.stderr, 'Error: unable to retrieve Pod: pods "ghost" not found\n');
  });

  it('an unreachable istiod fails within --timeout', async () => {
    const start = Date.now();
    const res = await runCli([
      'ps',
      'p.default',
      '--file',
      dump,
      '--xds-address',
      '127.0.0.1:1',
      '--plaintext',
      '--timeout',
      '400ms',
    ]);
    assert.equal(res.code, 1);
    assert.match(res.stderr, /127\.0\.0\.1:1/);
    assert.ok(Date.now() - start < 5000);
  });

  it('a pod without a sidecar is refused before any port-forward', async () => {
    const pod = sidecarPod('plain', 'default');
    (pod.spec as { containers: unknown[] }).containers = [{ name: 'app' }];
    const cluster = new FakeCluster({ objects: [pod] });
    const res = await runCli(['ps', 'plain', ...flags()], { cluster });
    assert.equal(res.code, 1);
    assert.equal(res.stderr, 'Error: pod plain.default has no istio-proxy container (not in the mesh?)\n');
    assert.equal(cluster.calls.filter((x) => x.method === 'portForward').length, 0);
  });

  it('a sidecar that does not answer: could not contact sidecar', async () => {
    const cluster = new FakeCluster({
      objects: [sidecarPod('p', 'default')],
      forwards: { 'default/p:15000': { 'GET /config_dump': { status: 503, body: 'no' } } },
    });
    const res = await runCli(['ps', 'p', ...flags()], { cluster });
    assert.equal(res.code, 1);
    assert.equal(res.stderr, 'Error: could not contact sidecar: unexpected status code: 503\n');
  });
});
