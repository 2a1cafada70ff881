// istioctl x precheck against the local cluster (the built bin): a fresh cluster passes, a restricted
// ServiceAccount is told what it cannot create, an old Gateway API CRD, overlapping injector webhooks of two
// revisions and a webhook whose istiod was scaled to zero are reported; -o json parses. The webhooks this file
// creates select only namespaces labelled with a name unique to this run, so other tests' pods never meet them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Cluster, KubeObject } from '../../src/cluster/cluster.js';
import { connect } from '../../src/cluster/kube.js';
import { adminCluster, kubeconfigWithToken, runBinOnCluster, uniqueName } from './support/cluster.js';

const FM = 'istioctl-ts-e2e';
const ns = uniqueName('precheck');
const appsNs = `${ns}-apps`;
const injectLabel = `${ns}-injection`;
const created: KubeObject[] = [];
/** Everything here acts as a cluster-admin ServiceAccount of its own, not as the admin user, so that tests
 * which audit the admin user's writes (install's no-op checks) never see this file's writes. */
let cluster: Cluster;
let admin: Cluster;
let operatorKubeconfig = '';

const run = (args: string[], env: Record<string, string> = {}) =>
  runBinOnCluster(args, { env: { KUBECONFIG: operatorKubeconfig, ...env } });

async function token(c: Cluster, namespace: string, sa: string): Promise<string> {
  const tr = await c.request({
    method: 'POST',
    path: `/api/v1/namespaces/${namespace}/serviceaccounts/${sa}/token`,
    body: JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: {} }),
  });
  assert.equal(tr.status, 201, tr.body);
  return (JSON.parse(tr.body) as { status: { token: string } }).status.token;
}

interface JsonMessage {
  check: string;
  code: string;
  level: string;
  message: string;
  origin?: string;
  hint?: string;
}

async function make(o: KubeObject): Promise<KubeObject> {
  const out = await cluster.apply(o, { fieldManager: FM, force: true });
  if (!created.some((c) => c.kind === o.kind && c.metadata.name === o.metadata.name)) created.push(o);
  return out;
}

function precheckJson(args: string[] = [], env: Record<string, string> = {}) {
  const r = run(['x', 'precheck', '-o', 'json', ...args], env);
  let messages: JsonMessage[] = [];
  assert.doesNotThrow(() => {
    messages = JSON.parse(r.stdout) as JsonMessage[];
  }, `stdout is JSON: ${r.stdout}\n${r.stderr}`);
  assert.ok(Array.isArray(messages));
  return { ...r, messages };
}

function injectorConfig(name: string, revision: string, hook: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'MutatingWebhookConfiguration',
    metadata: { name, labels: { app: 'sidecar-injector', 'istio.io/rev': revision } },
    webhooks: [
      {
        admissionReviewVersions: ['v1'],
        sideEffects: 'None',
        rules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'] }],
        ...hook,
      },
    ],
  };
}

const readyEndpoints = async (service: string) => {
  const slices = await cluster.list(
    { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice' },
    { namespace: ns, labelSelector: `kubernetes.io/service-name=${service}` },
  );
  return slices
    .flatMap((s) => (s.endpoints ?? []) as Array<{ conditions?: { ready?: boolean } }>)
    .filter((e) => e.conditions?.ready !== false).length;
};

async function until(what: string, test: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('x precheck on the local cluster', { concurrency: false }, () => {
  before(async () => {
    admin = await adminCluster();
    const fm = { fieldManager: FM };
    await admin.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }, fm);
    await admin.wait(
      { apiVersion: 'v1', kind: 'ServiceAccount', namespace: ns, name: 'default' },
      (o) => o !== undefined,
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    await admin.apply(
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'operator', namespace: ns } },
      fm,
    );
    await admin.apply(
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: `${ns}-operator` },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
        subjects: [{ kind: 'ServiceAccount', name: 'operator', namespace: ns }],
      },
      fm,
    );
    operatorKubeconfig = kubeconfigWithToken(await token(admin, ns, 'operator'), 'precheck-operator');
    cluster = await connect({ kubeconfig: operatorKubeconfig }, {});
  });

  after(async () => {
    for (const o of created.reverse()) {
      await cluster.delete({
        apiVersion: o.apiVersion,
        kind: o.kind,
        name: o.metadata.name,
        ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
      });
    }
    await admin?.delete({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      name: `${ns}-operator`,
    });
    await admin?.delete({ apiVersion: 'v1', kind: 'Namespace', name: ns });
  });

  it('passes a fresh cluster with exit 0', () => {
    const r = run(['x', 'precheck']);
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    assert.equal(r.stdout, '');
    assert.match(
      r.stderr,
      /^✔ No issues found when checking the cluster\. Istio is safe to install or upgrade!\n/,
    );
    const j = precheckJson();
    assert.equal(j.code, 0);
    assert.deepEqual(j.messages, []);
  });

  it('reports IST0141 for what a restricted ServiceAccount cannot create, and fails', async () => {
    await make({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'reader', namespace: ns } });
    // It may read everything (so every check can look), but create nothing.
    await make({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: `${ns}-read-all` },
      rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['get', 'list', 'watch'] }],
    });
    await make({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: `${ns}-read-all` },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `${ns}-read-all` },
      subjects: [{ kind: 'ServiceAccount', name: 'reader', namespace: ns }],
    });
    const env = { KUBECONFIG: kubeconfigWithToken(await token(cluster, ns, 'reader'), 'precheck-reader') };

    const r = run(['x', 'precheck'], { ...env, NO_COLOR: '1' });
    assert.equal(r.code, 1, r.stderr);
    const denied = r.stdout
      .split('\n')
      .filter((l) => l.startsWith('Error [IST0141] (Cluster) '))
      .map((l) => / create (\S+):/.exec(l)?.[1])
      .sort();
    // istioctl's eleven, plus what the rendered default profile also creates (RoleBindings, HPAs, ...).
    for (const resource of [
      'clusterrolebindings',
      'clusterroles',
      'configmaps',
      'customresourcedefinitions',
      'deployments',
      'mutatingwebhookconfigurations',
      'namespaces',
      'roles',
      'serviceaccounts',
      'services',
      'validatingwebhookconfigurations',
      'rolebindings',
      'horizontalpodautoscalers',
    ])
      assert.ok(denied.includes(resource), `${resource} in ${denied.join(' ')}`);
    assert.equal(new Set(denied).size, denied.length, 'each resource once');
    assert.match(r.stderr, /Error: Issues found when checking the cluster\./);
    assert.doesNotMatch(r.stderr, /skipped/);
    // The admin still may.
    assert.ok(!precheckJson().messages.some((m) => m.code === 'IST0141'));
  });

  it('reports a Gateway API CRD without v1beta1 (IST0156)', async (t) => {
    const name = 'referencegrants.gateway.networking.k8s.io';
    if (
      await cluster.get({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name })
    ) {
      t.skip('a ReferenceGrant CRD is already installed');
      return;
    }
    await make({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      // *.k8s.io groups need an API-review approval annotation; the real Gateway API CRDs carry this one.
      metadata: {
        name,
        annotations: {
          'api-approved.kubernetes.io': 'https://github.com/kubernetes-sigs/gateway-api/pull/1538',
        },
      },
      spec: {
        group: 'gateway.networking.k8s.io',
        scope: 'Namespaced',
        names: {
          plural: 'referencegrants',
          singular: 'referencegrant',
          kind: 'ReferenceGrant',
          listKind: 'ReferenceGrantList',
        },
        versions: [
          {
            name: 'v1alpha2',
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
          },
        ],
      },
    });
    const j = precheckJson();
    assert.equal(j.code, 1);
    const m = j.messages.find((x) => x.origin === `CustomResourceDefinition ${name}`);
    assert.equal(m?.code, 'IST0156');
    assert.equal(m?.level, 'Error');
    assert.match(m!.message, /v1alpha2/);
    await cluster.delete({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name });
  });

  it('reports injector webhooks of two revisions that select the same namespace', async () => {
    await make({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: appsNs, labels: { [injectLabel]: 'enabled' } },
    });
    const hook = (revision: string) => ({
      name: 'namespace.sidecar-injector.istio.io',
      // Ignore: these webhooks have no backend and must never block anyone's pods.
      failurePolicy: 'Ignore',
      clientConfig: { service: { name: `istiod-${revision}`, namespace: ns, path: '/inject', port: 443 } },
      namespaceSelector: { matchLabels: { [injectLabel]: 'enabled' } },
    });
    await make(injectorConfig(`${ns}-injector-stable`, `${ns}-stable`, hook('stable')));
    await make(injectorConfig(`${ns}-injector-canary`, `${ns}-canary`, hook('canary')));
    const j = precheckJson();
    assert.equal(j.code, 1);
    const overlap = j.messages.filter(
      (m) =>
        m.check === 'webhook-overlap' &&
        m.message.includes(`${ns}-injector-canary`) &&
        m.message.includes(`${ns}-injector-stable`),
    );
    assert.equal(overlap.length, 1, JSON.stringify(j.messages, null, 2));
    assert.equal(overlap[0]!.code, 'IST0139');
    assert.match(overlap[0]!.message, new RegExp(`namespace ${appsNs}`));
    assert.ok(overlap[0]!.hint);
    for (const n of ['stable', 'canary']) {
      await cluster.delete({
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'MutatingWebhookConfiguration',
        name: `${ns}-injector-${n}`,
      });
    }
  });

  it('reports the webhook of an istiod scaled to zero', async () => {
    const labels = { app: 'istiod', 'istio.io/rev': `${ns}-rev` };
    const deployment = (replicas: number): KubeObject => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'istiod', namespace: ns, labels },
      spec: {
        replicas,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: { containers: [{ name: 'discovery', image: 'docker.io/istio/pilot:1.30.3' }] },
        },
      },
    });
    await make(deployment(1));
    await make({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'istiod', namespace: ns, labels },
      spec: { selector: labels, ports: [{ name: 'https-webhook', port: 443, targetPort: 15017 }] },
    });
    const mwc = `${ns}-injector`;
    await make(
      injectorConfig(mwc, `${ns}-rev`, {
        name: 'rev.namespace.sidecar-injector.istio.io',
        failurePolicy: 'Fail',
        clientConfig: { service: { name: 'istiod', namespace: ns, path: '/inject', port: 443 } },
        // A label no namespace carries: the webhook exists for the check and selects nothing.
        namespaceSelector: { matchLabels: { [`${ns}-never`]: 'true' } },
      }),
    );
    await until('a ready istiod endpoint', async () => (await readyEndpoints('istiod')) > 0);
    const origin = `MutatingWebhookConfiguration ${mwc}`;
    assert.ok(!precheckJson().messages.some((m) => m.origin === origin), 'served webhook is fine');

    await cluster.apply(deployment(0), { fieldManager: FM, force: true });
    await until('no ready istiod endpoint', async () => (await readyEndpoints('istiod')) === 0);
    const j = precheckJson();
    assert.equal(j.code, 1);
    const m = j.messages.find((x) => x.origin === origin);
    assert.equal(m?.code, 'IST0139', JSON.stringify(j.messages, null, 2));
    assert.equal(m?.check, 'webhook-backends');
    assert.match(m!.message, new RegExp(`Service ${ns}/istiod, which has no ready endpoints`));
    const log = run(['x', 'precheck'], { NO_COLOR: '1' });
    assert.equal(log.code, 1);
    assert.ok(
      log.stdout.split('\n').some((l) => l.startsWith(`Error [IST0139] (${origin}) `)),
      log.stdout,
    );
  });
});
