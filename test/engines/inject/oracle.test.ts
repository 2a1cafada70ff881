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
import { rng } from '../../support/rng.js';
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
  const labels: Record<string, unknown> = { app: `w${i}` };
  if (r() < 0.3) labels.version = `v${i % 3}`;
  // Numbers and booleans in string fields: sigs.k8s.io/yaml reads them as text.
  if (r() < 0.15) labels.n = pick([5, 0.25, 12345678, true]);
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
  // Kinds are matched alone: other apiVersions, or none, are injected too.
  const version = r() < 0.15 ? pick(['', 'extensions/v1beta1', 'apps/v1beta2', 'v1']) : apiVersion;
  const head = version === '' ? { kind } : { apiVersion: version, kind };
  let spec: Record<string, unknown>;
  if (kind === 'Pod')
    return JSON.stringify({ ...head, metadata: { ...meta, labels, annotations }, spec: podSpec });
  // A workload without a pod template renders an empty one (where it is a pointer, an error).
  if (kind !== 'ReplicationController' && kind !== 'DeploymentConfig' && r() < 0.05)
    return JSON.stringify({ ...head, metadata: meta, spec: {} });
  if (kind === 'CronJob') spec = { schedule: '* * * * *', jobTemplate: { spec: { template } } };
  else if (kind === 'Job' || kind === 'ReplicationController' || kind === 'DeploymentConfig')
    spec = { template };
  else spec = { selector: { matchLabels: { app: `w${i}` } }, template };
  return JSON.stringify({ ...head, metadata: meta, spec });
}

const SERVICE = JSON.stringify({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'svc' },
  spec: { ports: [{ port: 80 }] },
});

const POD =
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: x\n';

/** Documents at the edges of decoding, and the inputs upstream rejects. */
const EDGES: Record<string, string> = {
  'comments and other kinds': `# head\napiVersion: v1\nkind: Service\nmetadata:\n  name: s   # kept\n---\n# between\n${POD}---\n# only a comment\n---\napiVersion: v1\nkind: ConfigMap\ndata:\n  a: "yes"\n  b: 0755\n`,
  'kind only':
    'kind: Deployment\nmetadata: {name: d}\nspec: {template: {spec: {containers: [{name: c, image: x}]}}}\n',
  'old apiVersion': `apiVersion: extensions/v1beta1\nkind: DaemonSet\nmetadata: {name: d}\nspec: {template: {spec: {containers: [{name: c, image: x}]}}}\n`,
  'numeric kind': `apiVersion: v1\nkind: 5\n---\n${POD}`,
  'no spec': 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s}\n',
  'null pod spec': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n',
  'cronjob without jobTemplate':
    'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec: {schedule: "* * * * *"}\n',
  'numbers in string fields': `apiVersion: v1\nkind: Pod\nmetadata:\n  name: 1.5\n  labels: {a: 5, b: yes, c: 3.14159265358979, d: 1e-7, e: 0x1F}\n  annotations: {prometheus.io/port: 9090, x: false}\nspec:\n  containers:\n  - name: c\n    image: x\n    env: [{name: A, value: 8080}]\n    resources: {requests: {cpu: 1, memory: 1000}}\n`,
  'list with other kinds': `apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Service, metadata: {name: s}}\n- {apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, spec: {template: {spec: {containers: [{name: c, image: x}]}}}}\n`,
  'host network':
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {hostNetwork: true, containers: [{name: c, image: x}]}\n',
  'scalar document': `${POD}---\nhello\n`,
  'sequence document': `${POD}---\n- a\n`,
  'scalar list item': 'apiVersion: v1\nkind: List\nitems:\n- 5\n',
  'RC without template':
    'apiVersion: v1\nkind: ReplicationController\nmetadata: {name: r}\nspec: {replicas: 1}\n',
  'DeploymentConfig without template': `${POD}---\napiVersion: apps.openshift.io/v1\nkind: DeploymentConfig\nmetadata: {name: d}\nspec: {}\n`,
  'wrong type in a struct': `${POD}---\napiVersion: v1\nkind: Pod\nmetadata: [1]\n`,
  'wrong type in a list': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [5]}\n',
  'wrong scalar type':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {template: {spec: {hostNetwork: "true", containers: [{name: c, ports: [{containerPort: http}]}]}}}\n',
  'bad quantity':
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, resources: {limits: {cpu: lots}}}]}\n',
  // encoding/json matches keys to fields ignoring case; of several, the last sorted key wins.
  'keys in other cases':
    'ApiVersion: apps/v1\nKind: Deployment\nMetadata: {Name: d}\nspec: {template: {Spec: {Containers: [{NAME: c, Name: x, image: x}]}}}\n',
  'kind twice': `apiVersion: v1\nKIND: Pod\nkind: Service\nmetadata: {name: d}\nspec: {containers: [{name: c}]}\n---\n${POD}`,
  // Go reads keys in sorted order, keeps the first type mismatch, and stops at a decoder's own error.
  'several wrong types':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {replicas: x, template: {spec: {containers: [{name: 5, image: [1]}], activeDeadlineSeconds: y}}}\n',
  'wrong types and a bad quantity':
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: [x]}\nspec: {hostNetwork: "x", containers: [{name: c, ports: [{containerPort: a}], resources: {limits: {cpu: zz}}}]}\n',
  'bad separator': `${POD}--- x\n${POD}`,
};

/** Injection templates rendering something the overlay cannot take. */
const BAD_RENDERS: Record<string, string> = {
  'unparseable YAML': 'spec: [',
  sequence: '- a\n- b',
  scalar: 'hello',
  'wrong field type': 'spec:\n  containers: 5',
  'wrong nested type': 'spec:\n  containers:\n  - name: istio-proxy\n    ports: {a: 1}',
};

describe('kube-inject against the real istioctl', {
  skip: existsSync(oracle) ? false : 'oracle unavailable',
}, () => {
  let api: { kubeconfig: string; close(): Promise<void> };
  before(async () => {
    api = await spawnFakeApiServer();
  });
  after(async () => api?.close());

  const compare = async (file: string, env: Record<string, string>, flags = settings) => {
    const up = spawnSync(oracle, ['kube-inject', '-f', file, ...flags], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), KUBECONFIG: api.kubeconfig, ...env },
      timeout: 60_000,
    });
    const ours = await runCli(['kube-inject', '-f', file, ...flags], { env });
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

  it('matches on documents at the edges of decoding: same output, or the same error message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inject-edges-'));
    const differ: string[] = [];
    for (const [name, text] of Object.entries(EDGES)) {
      const file = join(dir, `${name.replace(/ /g, '-')}.yaml`);
      writeFileSync(file, text);
      const r = await compare(file, { ENABLE_NATIVE_SIDECARS: 'true' });
      // Upstream prints what it had before failing; we print nothing, and say where the bad document is.
      const upMessage = r.up.stderr.trim().replace(/^Error: /, '');
      const sameError =
        r.up.status !== 0 && r.ours.code !== 0 && r.ours.stdout === '' && r.ours.stderr.includes(upMessage);
      if (!(r.up.status === 0 ? r.same : sameError))
        differ.push(
          `${name}: ours ${r.ours.code} ${r.ours.stderr.slice(0, 200)} / upstream ${r.up.status} ${r.up.stderr.slice(0, 200)}`,
        );
    }
    assert.deepEqual(differ, []);
  });

  it('fails as upstream on templates whose output is not a pod', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inject-configs-'));
    const input = join(root, 'cases', 'hello.yaml');
    const differ: string[] = [];
    for (const [name, body] of Object.entries(BAD_RENDERS)) {
      const cfg = join(dir, `${name}.yaml`);
      writeFileSync(cfg, `templates:\n  sidecar: |\n${body.replace(/^/gm, '    ')}\n`);
      const flags = ['--injectConfigFile', cfg, ...settings.slice(2)];
      const r = await compare(input, { ENABLE_NATIVE_SIDECARS: 'true' }, flags);
      if (r.ours.code === 0 || r.up.status === 0 || r.ours.stderr !== r.up.stderr || r.ours.stdout !== '')
        differ.push(`${name}: ours ${r.ours.code} ${r.ours.stderr} / upstream ${r.up.status} ${r.up.stderr}`);
    }
    assert.deepEqual(differ, []);
  });

  it('matches on generated workloads of every kind with random injection annotations', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inject-oracle-'));
    const differ: string[] = [];
    for (let seed = 1; seed <= 60; seed++) {
      const r = rng(seed);
      const docs = Array.from({ length: 9 }, (_, i) => workload(r, i + seed));
      // Other kinds pass through byte for byte; a List has its items injected.
      if (r() < 0.3) docs.splice(Math.floor(r() * docs.length), 0, SERVICE);
      if (r() < 0.3) {
        const items = docs.splice(0, 2).map((d) => JSON.parse(d));
        docs.unshift(
          JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [...items, JSON.parse(SERVICE)] }),
        );
      }
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
