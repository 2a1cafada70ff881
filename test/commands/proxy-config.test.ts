import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { KubeObject, RawResponse } from '../../src/cluster/cluster.js';
import { FakeCluster } from '../../src/cluster/fake.js';
import { conformanceRoot, runCli } from '../support/run-cli.js';

const root = join(conformanceRoot, 'proxy-config');

interface Case {
  name: string;
  kind: string;
  cli?: string[];
  input?: string;
  want?: string;
  compare?: string;
  namespace?: string;
  fakeExecResults?: Record<string, { file?: string; literal?: string }>;
  expectContains?: string;
  expectError?: boolean;
}

const cases = JSON.parse(readFileSync(join(root, 'cases.json'), 'utf8')) as Case[];

/** Go's json.MarshalIndent(raw, "", "    ") of parsed JSON, key order kept, plus a newline. */
function reindent4(text: string): string {
  return `${JSON.stringify(JSON.parse(text), null, 4)}\n`;
}

function sidecarPod(name: string, namespace: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace },
    spec: { containers: [{ name: 'app' }, { name: 'istio-proxy' }] },
    status: { phase: 'Running' },
  };
}

/** Every admin path of the pod answers with the same content, as in upstream's fake exec. */
function answerEverything(content: string): Record<string, RawResponse | string> {
  return new Proxy({}, { get: () => content });
}

describe('proxy-config golden cases (-f offline, byte-identical)', () => {
  for (const c of cases.filter((x) => x.kind === 'golden')) {
    it(c.name, async () => {
      const args = c.cli!.map((a, i) => (c.cli![i - 1] === '-f' ? join(root, a) : a));
      const res = await runCli(args);
      assert.equal(res.stderr, '');
      assert.equal(res.code, 0);
      const want = readFileSync(join(root, c.want!), 'utf8');
      if (c.compare === 'json-reindent-4') assert.equal(reindent4(res.stdout), want);
      else assert.equal(res.stdout, want);
    });
  }
});

describe('proxy-config against a fake cluster (port-forward seam)', () => {
  for (const c of cases.filter((x) => x.kind === 'cli-fake-cluster')) {
    it(c.name, async () => {
      const ns = c.namespace ?? 'default';
      const objects: KubeObject[] = [];
      const forwards: Record<string, Record<string, RawResponse | string>> = {};
      for (const [pod, r] of Object.entries(c.fakeExecResults ?? {})) {
        objects.push(sidecarPod(pod, ns));
        const content = r.file !== undefined ? readFileSync(join(root, r.file), 'utf8') : (r.literal ?? '');
        forwards[`${ns}/${pod}:15000`] = answerEverything(content);
      }
      const cluster = new FakeCluster({ objects, forwards });
      const res = await runCli([...c.cli!, '-n', ns], { cluster });
      const all = res.stdout + res.stderr;
      assert.ok(all.includes(c.expectContains!), `output lacks ${JSON.stringify(c.expectContains)}:\n${all}`);
      assert.equal(res.code !== 0, c.expectError === true, all);
    });
  }
});

describe('proxy-config inputs and failures', () => {
  const dump = join(root, 'proxyconfig', 'config_dump.json');

  it('reads the dump from stdin with -f -', async () => {
    const res = await runCli(['pc', 'clusters', '-f', '-'], { stdin: readFileSync(dump, 'utf8') });
    assert.equal(res.code, 0);
    const file = await runCli(['pc', 'clusters', '-f', dump]);
    assert.equal(res.stdout, file.stdout);
  });

  it('a truncated dump is bad input (65) with the file and position', async () => {
    const text = readFileSync(dump, 'utf8').slice(0, 5000);
    const res = await runCli(['pc', 'listeners', '-f', '-'], { stdin: text });
    assert.equal(res.code, 65);
    assert.match(res.stderr, /error unmarshalling config dump/);
  });

  it('unreadable input is one line of bad input (65) for every subcommand', async () => {
    const inputs = [
      '',
      'hello',
      '{"configs": [}',
      '[]',
      '{"configs": 5}',
      readFileSync(dump, 'utf8').slice(0, 300),
    ];
    for (const stdin of inputs) {
      for (const sub of [
        'clusters',
        'listeners',
        'routes',
        'secrets',
        'bootstrap',
        'ecds',
        'all',
        'endpoint',
      ]) {
        const res = await runCli(['pc', sub, '-f', '-'], { stdin });
        const what = `${sub} <- ${JSON.stringify(stdin.slice(0, 20))}`;
        assert.equal(res.code, 65, what);
        assert.match(res.stderr, /^Error: <stdin>[:\d]*: [^\n]+\n$/, what);
        assert.equal(res.stdout, '', what);
      }
    }
  });

  it('a dump of the wrong type is bad input (65)', async () => {
    const res = await runCli(['pc', 'clusters', '-f', join(root, 'configdump', 'configdump.json')]);
    assert.equal(res.code, 65);
    assert.match(
      res.stderr,
      /has no configuration type type.googleapis.com\/envoy.admin.v3.ClustersConfigDump/,
    );
  });

  it('sections of unknown types are skipped', async () => {
    const parsed = JSON.parse(readFileSync(dump, 'utf8'));
    parsed.configs.unshift({ '@type': 'type.googleapis.com/envoy.admin.v3.SomethingNewConfigDump', x: 1 });
    const res = await runCli(['pc', 'routes', '-f', '-'], { stdin: JSON.stringify(parsed) });
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /inbound-vip\|8000\|http/);
  });

  it('needs exactly one of a pod or --file', async () => {
    const res = await runCli(['pc', 'routes', 'some-pod', '-f', dump]);
    assert.equal(res.code, 1);
    assert.match(res.stderr, /route requires pod name or --file parameter/);
  });

  it('a missing pod or workload gets a clear one-line error and exit 1', async () => {
    for (const [args, want] of [
      [['pc', 'clusters', 'ghost'], 'Error: unable to retrieve Pod: pods "ghost" not found\n'],
      [['pc', 'log', 'ghost.shop'], 'Error: unable to retrieve Pod: pods "ghost" not found\n'],
      [
        ['pc', 'all', 'deployment/ghost.shop'],
        'Error: "deployment/ghost" does not refer to a pod: Deployment "ghost" not found in namespace "shop"\n',
      ],
    ] as const) {
      const res = await runCli([...args], { cluster: new FakeCluster({}) });
      assert.equal(res.code, 1, args.join(' '));
      assert.equal(res.stderr, want);
      assert.equal(res.stdout, '');
    }
  });

  it('a pod without a sidecar gets a clear error', async () => {
    const pod = sidecarPod('plain', 'default');
    (pod.spec as { containers: unknown[] }).containers = [{ name: 'app' }];
    const res = await runCli(['pc', 'clusters', 'plain'], { cluster: new FakeCluster({ objects: [pod] }) });
    assert.equal(res.code, 1);
    assert.match(res.stderr, /has no istio-proxy container/);
  });

  it('resolves deployment/<name>.<ns> to its first pod and fetches the filtered mask', async () => {
    const deploy: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { selector: { matchLabels: { app: 'web' } } },
    };
    const pod = sidecarPod('web-1', 'shop');
    pod.metadata.labels = { app: 'web' };
    const cluster = new FakeCluster({
      objects: [deploy, pod],
      forwards: { 'shop/web-1:15000': answerEverything(readFileSync(dump, 'utf8')) },
    });
    const res = await runCli(['pc', 'cluster', 'deployment/web.shop', '--fqdn', 'httpbin'], { cluster });
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /httpbin.default.svc.cluster.local\s+8000/);
    assert.doesNotMatch(res.stdout, /prometheus_stats/);
    const pf = cluster.calls.find((c) => c.method === 'portForward');
    assert.deepEqual(pf?.args, ['shop', 'web-1', 15000]);
  });

  it('a port-forward that hangs fails within the kubeclient timeout', async () => {
    const cluster = new FakeCluster({ objects: [sidecarPod('slow', 'default')] });
    cluster.portForward = () => new Promise(() => {});
    const start = Date.now();
    const res = await runCli(['pc', 'clusters', 'slow', '--kubeclient-timeout', '200ms'], { cluster });
    assert.equal(res.code, 1);
    assert.match(res.stderr, /timed out after 0.2s/);
    assert.ok(Date.now() - start < 5000);
  });

  it('an admin error status is reported', async () => {
    const cluster = new FakeCluster({
      objects: [sidecarPod('p', 'default')],
      forwards: { 'default/p:15000': { 'GET /config_dump': { status: 503, body: 'no' } } },
    });
    const res = await runCli(['pc', 'bootstrap', 'p'], { cluster });
    assert.equal(res.code, 1);
    assert.match(res.stderr, /failed to execute command on p.default sidecar: unexpected status code: 503/);
  });
});

describe('proxy-config JSON output follows protojson', () => {
  const dump = join(root, 'proxyconfig', 'config_dump.json');

  it('clusters: declaration field order, no @type, camelCase names', async () => {
    const res = await runCli(['pc', 'clusters', '-f', dump, '--fqdn', 'httpbin', '-o', 'json']);
    assert.equal(res.code, 0, res.stderr);
    const [c] = JSON.parse(res.stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(Object.keys(c!), [
      'name',
      'type',
      'edsClusterConfig',
      'commonLbConfig',
      'transportSocket',
      'metadata',
    ]);
  });

  it('routes: a route name comes first and path specifiers before case sensitivity', async () => {
    const file = join(root, 'configdump', 'routes', 'k8s-gateway-http-route-path-prefix', 'configdump.json');
    const res = await runCli(['pc', 'routes', '-f', file, '--name', 'http.80', '-o', 'json']);
    const route = JSON.parse(res.stdout)[0].virtualHosts[0].routes[0];
    assert.deepEqual(Object.keys(route), ['name', 'match', 'route', 'metadata', 'decorator']);
    assert.deepEqual(Object.keys(route.match), ['pathSeparatedPrefix', 'caseSensitive']);
    assert.equal(Object.keys(route.route)[1], 'clusterNotFoundResponseCode');
  });

  it('yaml: keys sorted, Go-style scalars', async () => {
    const res = await runCli(['pc', 'routes', '-f', dump, '-o', 'yaml']);
    assert.equal(res.code, 0);
    assert.match(
      res.stdout,
      /^- name: inbound-vip\|8000\|http\|httpbin.default.svc.cluster.local\n {2}validateClusters: false\n {2}virtualHosts:\n {2}- domains:\n {4}- '\*'\n/,
    );
  });
});
