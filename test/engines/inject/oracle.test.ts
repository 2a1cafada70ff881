// Differential test against the real istioctl kube-inject (built by `npm run oracles:build` into
// .cache/oracles/bin): the conformance inputs and generated workloads of every kind with random
// injection annotations, with the same three settings files, must give identical output.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { spawnFakeApiServer } from '../../bench/fake-apiserver.mjs';
import { conformanceRoot, repoRoot, runCli } from '../../support/run-cli.js';

const oracle = join(repoRoot, '.cache', 'oracles', 'bin', 'istioctl');
const root = join(conformanceRoot, 'inject');
const defaults = join(root, 'defaults');
const settings = [
  '--injectConfigFile',
  join(defaults, 'inject-config.yaml'),
  '--valuesFile',
  join(defaults, 'values.json'),
  '--meshConfigFile',
  join(defaults, 'mesh.yaml'),
];

/** A small deterministic PRNG (mulberry32), so a failure names a reproducible seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS: [string, string][] = [
  ['v1', 'Pod'],
  ['apps/v1', 'Deployment'],
  ['apps/v1', 'ReplicaSet'],
  ['apps/v1', 'StatefulSet'],
  ['apps/v1', 'DaemonSet'],
  ['batch/v1', 'Job'],
  ['batch/v1', 'CronJob'],
  ['v1', 'ReplicationController'],
  ['apps.openshift.io/v1', 'DeploymentConfig'],
];

const ANNOTATIONS: [string, string[]][] = [
  ['sidecar.istio.io/inject', ['true', 'false', 'yes']],
  ['sidecar.istio.io/proxyCPU', ['100m', '1', '1500m']],
  ['sidecar.istio.io/proxyMemory', ['128Mi', '1Gi', '1024Mi']],
  ['sidecar.istio.io/proxyCPULimit', ['2', '2000m']],
  ['sidecar.istio.io/proxyMemoryLimit', ['2Gi']],
  ['sidecar.istio.io/interceptionMode', ['REDIRECT', 'TPROXY', 'NONE']],
  ['sidecar.istio.io/nativeSidecar', ['true', 'false']],
  ['sidecar.istio.io/logLevel', ['debug']],
  ['sidecar.istio.io/agentLogLevel', ['default:debug']],
  ['sidecar.istio.io/rewriteAppHTTPProbers', ['false', 'true']],
  ['status.sidecar.istio.io/port', ['15020', '16000', '0']],
  ['traffic.sidecar.istio.io/includeOutboundIPRanges', ['10.0.0.0/8', '*', '10.0.0.0/8,192.168.0.0/16']],
  ['traffic.sidecar.istio.io/excludeOutboundIPRanges', ['172.16.0.0/12']],
  ['traffic.sidecar.istio.io/includeInboundPorts', ['80,8080', '*', '']],
  ['traffic.sidecar.istio.io/excludeInboundPorts', ['9000', '15020,9000']],
  ['traffic.sidecar.istio.io/excludeOutboundPorts', ['3306']],
  ['traffic.sidecar.istio.io/includeOutboundPorts', ['443']],
  [
    'proxy.istio.io/config',
    ['holdApplicationUntilProxyStarts: true', '{"concurrency": 2}', 'proxyMetadata: {FOO: bar}'],
  ],
  ['prometheus.io/scrape', ['true', 'false']],
  ['prometheus.io/port', ['9090']],
  ['prometheus.io/path', ['/metrics']],
  ['kubectl.kubernetes.io/default-container', ['app']],
  ['readiness.status.sidecar.istio.io/periodSeconds', ['5']],
];

function workload(r: () => number, i: number): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const [apiVersion, kind] = KINDS[i % KINDS.length]!;
  const annotations: Record<string, string> = {};
  for (const [k, vs] of ANNOTATIONS) if (r() < 0.25) annotations[k] = pick(vs);
  const labels: Record<string, string> = { app: `w${i}` };
  if (r() < 0.3) labels.version = `v${i % 3}`;
  if (r() < 0.1) labels['sidecar.istio.io/inject'] = pick(['true', 'false']);
  const probe = pick([
    undefined,
    { httpGet: { path: '/ready', port: 'http' } },
    { httpGet: { path: '/ready', port: 8080, scheme: 'HTTPS' }, timeoutSeconds: 3 },
    { tcpSocket: { port: 8080 } },
    { grpc: { port: 9000 } },
  ]);
  const container: Record<string, unknown> = {
    name: 'app',
    image: `registry.example/app:${i}`,
    ports: [{ name: 'http', containerPort: 8080 }],
    ...(probe ? { readinessProbe: probe } : {}),
    ...(r() < 0.3 ? { resources: { requests: { cpu: '500m', memory: '1024Mi' } } } : {}),
  };
  const podSpec: Record<string, unknown> = {
    containers: r() < 0.3 ? [container, { name: 'second', image: 'registry.example/b:1' }] : [container],
    ...(r() < 0.05 ? { hostNetwork: true } : {}),
    ...(r() < 0.2 ? { serviceAccountName: 'sa' } : {}),
  };
  const template = { metadata: { labels, annotations }, spec: podSpec };
  const meta = { name: `w${i}`, ...(r() < 0.5 ? { namespace: 'ns1' } : {}) };
  let spec: Record<string, unknown>;
  if (kind === 'Pod')
    return JSON.stringify({ apiVersion, kind, metadata: { ...meta, labels, annotations }, spec: podSpec });
  if (kind === 'CronJob') spec = { schedule: '* * * * *', jobTemplate: { spec: { template } } };
  else if (kind === 'Job' || kind === 'ReplicationController' || kind === 'DeploymentConfig')
    spec = { template };
  else spec = { selector: { matchLabels: { app: `w${i}` } }, template };
  return JSON.stringify({ apiVersion, kind, metadata: meta, spec });
}

describe('kube-inject against the real istioctl', {
  skip: existsSync(oracle) ? false : 'oracle unavailable',
}, () => {
  let api: { kubeconfig: string; close(): Promise<void> };
  before(async () => {
    api = await spawnFakeApiServer();
  });
  after(async () => api?.close());

  const compare = async (file: string, env: Record<string, string>) => {
    const up = spawnSync(oracle, ['kube-inject', '-f', file, ...settings], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), KUBECONFIG: api.kubeconfig, ...env },
      timeout: 60_000,
    });
    const ours = await runCli(['kube-inject', '-f', file, ...settings], { env });
    return { same: ours.stdout === up.stdout && (ours.code === 0) === (up.status === 0), up, ours };
  };

  it('matches on every conformance input', async () => {
    const cases = JSON.parse(readFileSync(join(root, 'cases.json'), 'utf8')) as {
      in: string;
      env: Record<string, string>;
      defaultOnly: boolean;
    }[];
    const differ: string[] = [];
    for (const c of cases.filter((x) => x.defaultOnly)) {
      const r = await compare(join(root, 'cases', c.in), c.env);
      if (!r.same)
        differ.push(
          `${c.in} (${JSON.stringify(c.env)}): ours ${r.ours.code} ${r.ours.stderr.slice(0, 120)} / upstream ${r.up.status} ${r.up.stderr.slice(0, 120)}`,
        );
    }
    assert.deepEqual(differ, []);
  });

  it('matches on generated workloads of every kind with random injection annotations', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inject-oracle-'));
    const differ: string[] = [];
    for (let seed = 1; seed <= 60; seed++) {
      const r = rng(seed);
      const docs = Array.from({ length: 9 }, (_, i) => workload(r, i + seed));
      const file = join(dir, `gen-${seed}.yaml`);
      writeFileSync(file, `${docs.join('\n---\n')}\n`);
      for (const native of ['true', 'false']) {
        const res = await compare(file, { ENABLE_NATIVE_SIDECARS: native });
        if (!res.same)
          differ.push(
            `seed ${seed} native=${native}: ours ${res.ours.code} ${res.ours.stderr.slice(0, 150)} / upstream ${res.up.status} ${res.up.stderr.slice(0, 150)}`,
          );
      }
    }
    assert.deepEqual(differ, []);
  });
});
