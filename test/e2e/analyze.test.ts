// istioctl analyze on the real local cluster: the demo profile installed, Bookinfo-style workloads
// and configs of our own with deliberate mistakes applied, then `analyze -A` must report the
// expected codes with cluster origins (no file reference), and exit 79 in every output format.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import YAML from 'yaml';
import type { Cluster, KubeObject } from '../../src/cluster/cluster.js';
import { generateConfig } from '../engines/analyze/support/generate.js';
import { repoRoot } from '../support/run-cli.js';
import { adminCluster, requireCluster, runBinOnCluster } from './support/cluster.js';

const oracle = join(repoRoot, '.cache', 'oracles', 'bin', 'istioctl');

/**
 * `Level [CODE] (origin)` of each log line, sorted; texts are ours and may differ. Left out, as in
 * test/commands/analyze-oracle.test.ts: IST0176 (the oracle snapshot lacks that analyzer) and
 * EnvoyFilter warnings from decoding patch values as Envoy protos (not reproduced).
 */
const keys = (stdout: string) =>
  stdout
    .split('\n')
    .filter((l) => !l.includes('[IST0176]'))
    .filter((l) => !(/\[IST0133\] \(EnvoyFilter /.test(l) && /Envoy filter:|typed_config|type_url/.test(l)))
    .map((l) => /^(\w+ \[IST\d{4}\](?: \([^)]*\))?)/.exec(l)?.[1])
    .filter((x): x is string => x !== undefined)
    .sort();

const MESH = 'az-shop';
const PLAIN = 'az-plain';
const FM = { fieldManager: 'analyze-e2e', force: true };
let cluster: Cluster;

const obj = (apiVersion: string, kind: string, name: string, namespace: string | undefined, rest: object) =>
  ({ apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}) }, ...rest }) as KubeObject;

const pod = (ns: string, name: string, app: string, version: string) =>
  obj('v1', 'Pod', name, ns, {
    metadata: { name, namespace: ns, labels: { app, version } },
    spec: { containers: [{ name: app, image: `example/${app}:1` }] },
  });

describe('analyze on the local cluster', { concurrency: false }, () => {
  before(async () => {
    cluster = await adminCluster();
    if (
      !(await cluster.get({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: 'istio-system',
        name: 'istiod',
      }))
    ) {
      const r = runBinOnCluster(['install', '--set', 'profile=demo', '-y', '--readiness-timeout', '3m']);
      assert.equal(r.code, 0, r.stderr);
    }
    // Pods first, in namespaces not yet labelled for injection (no injector runs on this cluster),
    // then the label: the pods stay without a sidecar in an injected namespace.
    for (const ns of [MESH, PLAIN]) await cluster.apply(obj('v1', 'Namespace', ns, undefined, {}), FM);
    for (const o of [
      pod(MESH, 'reviews-v1-1', 'reviews', 'v1'),
      pod(MESH, 'ratings-v1-1', 'ratings', 'v1'),
      pod(PLAIN, 'details-v1-1', 'details', 'v1'),
      obj('v1', 'Service', 'reviews', MESH, {
        spec: { selector: { app: 'reviews' }, ports: [{ name: 'http', port: 9080 }] },
      }),
      // a port name without a protocol prefix
      obj('v1', 'Service', 'details', PLAIN, {
        spec: { selector: { app: 'details' }, ports: [{ name: 'web', port: 9080 }] },
      }),
      obj('networking.istio.io/v1', 'VirtualService', 'reviews', MESH, {
        spec: {
          hosts: ['reviews'],
          gateways: ['bookinfo-gateway-missing'],
          http: [{ route: [{ destination: { host: 'reviews-v3', subset: 'v3' } }] }],
        },
      }),
      obj('networking.istio.io/v1', 'Gateway', 'bookinfo-gateway', MESH, {
        spec: {
          selector: { istio: 'no-such-gateway' },
          servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }],
        },
      }),
    ])
      await cluster.apply(o, FM);
    await cluster.apply(
      obj('v1', 'Namespace', MESH, undefined, {
        metadata: { name: MESH, labels: { 'istio-injection': 'enabled' } },
      }),
      FM,
    );
  });

  after(async () => {
    for (const ns of [MESH, PLAIN]) await cluster.delete({ apiVersion: 'v1', kind: 'Namespace', name: ns });
  });

  it('analyze -A reports the mistakes with cluster origins and exits 79', () => {
    const r = runBinOnCluster(['analyze', '-A', '--color=false']);
    assert.equal(r.code, 79, r.stderr);
    const lines = r.stdout.split('\n');
    const has = (re: RegExp) =>
      assert.ok(
        lines.some((l) => re.test(l)),
        `${re} in\n${r.stdout}`,
      );
    has(/^Error \[IST0101\] \(VirtualService az-shop\/reviews\) .*"bookinfo-gateway-missing"/);
    has(/^Error \[IST0101\] \(VirtualService az-shop\/reviews\) .*"reviews-v3"/);
    has(/^Error \[IST0101\] \(Gateway az-shop\/bookinfo-gateway\) .*istio=no-such-gateway/);
    has(/^Warning \[IST0103\] \(Pod az-shop\/reviews-v1-1\) /);
    has(/^Info \[IST0102\] \(Namespace az-plain\) /);
    has(/^Info \[IST0118\] \(Service az-plain\/details\) /);
    // cluster objects have no file reference, and nothing from the skipped namespaces shows up
    for (const l of lines.filter((x) => x.includes('az-'))) assert.doesNotMatch(l, /\.yaml:\d+\)/);
    assert.ok(!lines.some((l) => /kube-system|kube-public|kube-node-lease/.test(l)));
    assert.match(r.stderr, /^Error: Analyzers found issues when analyzing all namespaces\.$/m);
  });

  for (const format of ['json', 'yaml', 'sarif', 'github']) {
    it(`-o ${format} exits 79 too, with only the document on stdout`, () => {
      const r = runBinOnCluster(['analyze', '-A', '-o', format]);
      assert.equal(r.code, 79, r.stderr);
      if (format === 'json') {
        const doc = JSON.parse(r.stdout) as Array<{ code: string; origin: string; reference?: string }>;
        const m = doc.find((x) => x.origin === 'VirtualService az-shop/reviews');
        assert.equal(m?.code, 'IST0101');
        assert.equal(m?.reference, undefined);
      }
      if (format === 'sarif') assert.equal(JSON.parse(r.stdout).version, '2.1.0');
      if (format === 'github')
        assert.match(r.stdout, /^::error title=IST0101 VirtualService az-shop\/reviews::/m);
    });
  }

  it('agrees with the real istioctl on the same cluster (codes, origins, exit code)', (t) => {
    if (!existsSync(oracle)) return t.skip('oracle unavailable: no .cache/oracles/bin/istioctl');
    for (const args of [['-A'], ['-n', MESH], ['-n', PLAIN]]) {
      const up = spawnSync(oracle, ['analyze', '--color=false', ...args], {
        encoding: 'utf8',
        env: { ...process.env, KUBECONFIG: requireCluster() },
        timeout: 120_000,
      });
      const ours = runBinOnCluster(['analyze', '--color=false', ...args]);
      assert.deepEqual(keys(ours.stdout), keys(up.stdout), `${args.join(' ')}\n${up.stderr}`);
      assert.equal(ours.code, up.status, args.join(' '));
    }
  });

  it('agrees with the real istioctl on generated configurations (cluster-only analyzers included)', async (t) => {
    if (!existsSync(oracle)) return t.skip('oracle unavailable: no .cache/oracles/bin/istioctl');
    const ns = (n: string) => `az-gen-${n}`;
    for (const n of ['default', 'shop', 'payments'])
      await cluster.apply(obj('v1', 'Namespace', ns(n), undefined, {}), FM);
    try {
      for (const seed of [3, 7, 11, 19, 23]) {
        for (const doc of YAML.parseAllDocuments(generateConfig(seed, 30))) {
          const o = doc.toJS() as KubeObject | null;
          if (!o) continue;
          o.metadata.namespace = ns(o.metadata.namespace ?? 'default');
          o.metadata.name = `s${seed}-${o.metadata.name}`;
          await cluster.apply(o, FM).catch(() => undefined); // the API server may refuse a broken one
        }
      }
      // Deployments create pods asynchronously: both runs must see the same, settled set.
      let last = -1;
      for (let i = 0; i < 60; i++) {
        const pods = await cluster.list({ apiVersion: 'v1', kind: 'Pod' });
        const n = pods.filter((p) => p.metadata.namespace?.startsWith('az-gen-')).length;
        if (n === last && n > 0) break;
        last = n;
        await new Promise((res) => setTimeout(res, 1500));
      }
      for (const args of [['-A'], ['-n', ns('shop')]]) {
        const up = spawnSync(oracle, ['analyze', '--color=false', ...args], {
          encoding: 'utf8',
          env: { ...process.env, KUBECONFIG: requireCluster() },
          timeout: 120_000,
        });
        const ours = runBinOnCluster(['analyze', '--color=false', ...args]);
        assert.deepEqual(keys(ours.stdout), keys(up.stdout), args.join(' '));
        assert.equal(ours.code, up.status, args.join(' '));
      }
    } finally {
      for (const n of ['default', 'shop', 'payments'])
        await cluster.delete({ apiVersion: 'v1', kind: 'Namespace', name: ns(n) });
    }
  });

  it('-n limits the messages to one namespace; a threshold above every message exits 0', () => {
    const r = runBinOnCluster(['analyze', '-n', PLAIN, '--color=false']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(
      r.stdout
        .split('\n')
        .filter(Boolean)
        .every((l) => l.includes(PLAIN)),
      r.stdout,
    );
    const strict = runBinOnCluster(['analyze', '-n', PLAIN, '--failure-threshold', 'Info', '-o', 'json']);
    assert.equal(strict.code, 79);
  });
});
