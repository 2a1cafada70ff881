// Acceptance of the local test cluster through our own Cluster implementation (src/cluster/kube.ts):
// workloads become Available on kwok nodes, CRDs get Established, server-side apply reports conflicts,
// RBAC answers SelfSubjectAccessReviews, and namespace deletion completes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Cluster, ConflictError, type KubeObject } from '../../src/cluster/cluster.js';
import { connect } from '../../src/cluster/kube.js';
import {
  adminCluster,
  auditMark,
  auditWritesSince,
  kubeconfigWithToken,
  uniqueName,
} from './support/cluster.js';

const FM = 'istioctl-ts';
const condition = (o: KubeObject | undefined, type: string) =>
  ((o?.status as { conditions?: Array<{ type: string; status: string }> })?.conditions ?? []).some(
    (c) => c.type === type && c.status === 'True',
  );

describe('local cluster through KubeCluster', () => {
  let cluster: Cluster;
  const ns = uniqueName('e2e-cluster');

  before(async () => {
    cluster = await adminCluster();
    await cluster.apply(
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
      { fieldManager: FM },
    );
    // Pods are admitted only once the namespace's default ServiceAccount exists.
    await cluster.wait(
      { apiVersion: 'v1', kind: 'ServiceAccount', namespace: ns, name: 'default' },
      (o) => o !== undefined,
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  });

  after(async () => {
    await cluster?.delete({ apiVersion: 'v1', kind: 'Namespace', name: ns });
  });

  it('reports the server version of the built release', async () => {
    const v = await cluster.version();
    assert.match(v.gitVersion, /^v1\.\d+\.\d+$/);
    assert.equal(v.major, '1');
  });

  it('runs a 2-replica Deployment behind a Service until Available', async () => {
    const labels = { app: 'web' };
    await cluster.apply(
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: ns },
        spec: {
          replicas: 2,
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: {
              containers: [{ name: 'web', image: 'example.invalid/web:1', ports: [{ containerPort: 8080 }] }],
            },
          },
        },
      },
      { fieldManager: FM },
    );
    const svc = await cluster.apply(
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web', namespace: ns },
        spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
      },
      { fieldManager: FM },
    );
    assert.match(String((svc.spec as { clusterIP?: string }).clusterIP), /^10\.96\./);
    const dep = await cluster.wait(
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns, name: 'web' },
      (o) =>
        condition(o, 'Available') &&
        (o?.status as { readyReplicas?: number } | undefined)?.readyReplicas === 2,
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    assert.equal((dep?.status as { availableReplicas?: number } | undefined)?.availableReplicas, 2);
    const pods = await cluster.list(
      { apiVersion: 'v1', kind: 'Pod' },
      { namespace: ns, labelSelector: 'app=web', limit: 1 },
    );
    assert.equal(pods.length, 2, 'pagination with limit=1 still returns both pods');
    for (const p of pods) {
      assert.equal((p.status as { phase: string }).phase, 'Running');
      assert.match(String((p.spec as { nodeName?: string }).nodeName), /^kwok-node-/);
    }
  });

  it('establishes a CRD and round-trips a custom resource', async () => {
    const group = 'e2e.istioctl-ts.io';
    const plural = `widgets${Date.now().toString(36)}`;
    const crdName = `${plural}.${group}`;
    const kind = `Widget${Date.now().toString(36)}`;
    await cluster.apply(
      {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: crdName },
        spec: {
          group,
          scope: 'Namespaced',
          names: { plural, singular: plural.slice(0, -1), kind, listKind: `${kind}List` },
          versions: [
            {
              name: 'v1',
              served: true,
              storage: true,
              schema: {
                openAPIV3Schema: {
                  type: 'object',
                  properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } },
                },
              },
            },
          ],
        },
      },
      { fieldManager: FM },
    );
    try {
      await cluster.wait(
        { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: crdName },
        (o) => condition(o, 'Established'),
        { timeoutMs: 30_000, intervalMs: 200 },
      );
      const ref = { apiVersion: `${group}/v1`, kind, namespace: ns, name: 'w1' };
      let applied: KubeObject | undefined;
      // Discovery catches up with a new CRD a moment after it is Established.
      for (let i = 0; i < 50 && !applied; i++) {
        try {
          applied = await cluster.apply(
            { apiVersion: ref.apiVersion, kind, metadata: { name: 'w1', namespace: ns }, spec: { size: 3 } },
            { fieldManager: FM },
          );
        } catch (err) {
          if (i === 49) throw err;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
      const got = await cluster.get(ref);
      assert.deepEqual(got?.spec, { size: 3 });
      const listed = await cluster.list({ apiVersion: ref.apiVersion, kind }, { namespace: ns });
      assert.deepEqual(
        listed.map((o) => o.metadata.name),
        ['w1'],
      );
      assert.equal(await cluster.delete(ref), true);
      assert.equal(await cluster.get(ref), undefined);
    } finally {
      await cluster.delete({
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        name: crdName,
      });
    }
  });

  it('applies server-side with our field manager and reports a second manager as a conflict', async () => {
    const cm = (value: string): KubeObject => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'owned', namespace: ns },
      data: { key: value },
    });
    const mark = auditMark();
    const first = await cluster.apply(cm('ours'), { fieldManager: FM });
    assert.ok(first.metadata.managedFields?.some((f) => f.manager === FM && f.operation === 'Apply'));
    const writes = auditWritesSince(mark).filter(
      (e) => e.objectRef?.resource === 'configmaps' && e.objectRef.name === 'owned',
    );
    assert.deepEqual(
      writes.map((e) => e.verb),
      ['patch'],
      'the audit log records exactly our one write',
    );
    await assert.rejects(
      () => cluster.apply(cm('theirs'), { fieldManager: 'someone-else' }),
      (err: unknown) => {
        assert.ok(err instanceof ConflictError, String(err));
        assert.equal(err.status, 409);
        assert.ok(
          err.conflicts.some((c) => c.includes('.data.key') && c.includes(FM)),
          err.conflicts.join('; '),
        );
        return true;
      },
    );
    const forced = await cluster.apply(cm('theirs'), { fieldManager: 'someone-else', force: true });
    assert.deepEqual(forced.data, { key: 'theirs' });
    const dry = await cluster.apply(cm('dry'), { fieldManager: 'someone-else', dryRun: true });
    assert.deepEqual(dry.data, { key: 'dry' });
    const stored = await cluster.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'owned' });
    assert.deepEqual(stored?.data, { key: 'theirs' }, 'a dry run stores nothing');
  });

  it('answers SelfSubjectAccessReviews for the admin and for a restricted ServiceAccount token', async () => {
    const ssar = (c: Cluster, verb: string, resource: string, group = '') =>
      c.create({
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        metadata: { name: '' },
        spec: { resourceAttributes: { namespace: ns, verb, group, resource } },
      } as KubeObject);
    const allowed = (o: KubeObject) => (o.status as { allowed: boolean }).allowed;
    assert.equal(allowed(await ssar(cluster, 'create', 'deployments', 'apps')), true);

    await cluster.apply(
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'limited', namespace: ns } },
      { fieldManager: FM },
    );
    await cluster.apply(
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name: 'pod-reader', namespace: ns },
        rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }],
      },
      { fieldManager: FM },
    );
    await cluster.apply(
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'limited-reads-pods', namespace: ns },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
        subjects: [{ kind: 'ServiceAccount', name: 'limited', namespace: ns }],
      },
      { fieldManager: FM },
    );
    const tr = await cluster.request({
      method: 'POST',
      path: `/api/v1/namespaces/${ns}/serviceaccounts/limited/token`,
      body: JSON.stringify({
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'TokenRequest',
        spec: { expirationSeconds: 600 },
      }),
    });
    assert.equal(tr.status, 201, tr.body);
    const token = (JSON.parse(tr.body) as { status: { token: string } }).status.token;
    const limited = await connect({ kubeconfig: kubeconfigWithToken(token) }, {});
    assert.equal(allowed(await ssar(limited, 'list', 'pods')), true);
    assert.equal(allowed(await ssar(limited, 'create', 'deployments', 'apps')), false);
    assert.equal(allowed(await ssar(limited, 'delete', 'namespaces')), false);
    await assert.rejects(
      () => limited.list({ apiVersion: 'v1', kind: 'Secret' }, { namespace: ns }),
      (err: unknown) => (err as { status?: number }).status === 403,
    );
  });

  it('completes a namespace deletion, pods included', async () => {
    const doomed = uniqueName('e2e-doomed');
    await cluster.apply(
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: doomed } },
      { fieldManager: FM },
    );
    await cluster.wait(
      { apiVersion: 'v1', kind: 'ServiceAccount', namespace: doomed, name: 'default' },
      (o) => !!o,
      {
        timeoutMs: 30_000,
        intervalMs: 200,
      },
    );
    await cluster.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: doomed },
      spec: { containers: [{ name: 'c', image: 'example.invalid/c:1' }] },
    });
    await cluster.wait(
      { apiVersion: 'v1', kind: 'Pod', namespace: doomed, name: 'p' },
      (o) => condition(o, 'Ready'),
      {
        timeoutMs: 30_000,
        intervalMs: 200,
      },
    );
    assert.equal(await cluster.delete({ apiVersion: 'v1', kind: 'Namespace', name: doomed }), true);
    const gone = await cluster.wait(
      { apiVersion: 'v1', kind: 'Namespace', name: doomed },
      (o) => o === undefined,
      {
        timeoutMs: 60_000,
        intervalMs: 250,
      },
    );
    assert.equal(gone, undefined);
    assert.equal(await cluster.delete({ apiVersion: 'v1', kind: 'Namespace', name: doomed }), false);
  });
});
