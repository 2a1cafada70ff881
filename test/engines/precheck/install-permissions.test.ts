import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../../src/cluster/cluster.js';
import {
  installPermissions,
  renderedInstallTargets,
  resourceOfKind,
  staticInstallTargets,
  targetsFromObjects,
} from '../../../src/engines/precheck/install-permissions.js';
import { context, ReviewingCluster } from './support.js';

describe('install-permissions', () => {
  it('sends one create review per target, namespaced ones in the istio namespace', async () => {
    const c = new ReviewingCluster();
    assert.deepEqual(
      await installPermissions.run(context(c, { installTargets: staticInstallTargets('mesh') })),
      [],
    );
    const reviews = c.calls
      .filter((x) => x.method === 'create')
      .map(
        (x) =>
          (x.args[0] as { spec: { resourceAttributes: Record<string, string> } }).spec.resourceAttributes,
      );
    assert.equal(reviews.length, 14);
    assert.ok(reviews.every((r) => r.verb === 'create'));
    assert.deepEqual(reviews[0], { verb: 'create', group: '', version: 'v1', resource: 'namespaces' });
    assert.deepEqual(
      reviews.find((r) => r.resource === 'deployments'),
      { verb: 'create', group: 'apps', version: 'v1', resource: 'deployments', namespace: 'mesh' },
    );
  });

  it('reports IST0141 per denial with the reason, or "permission denied"', async () => {
    const c = new ReviewingCluster({
      deny: { clusterroles: '', 'istio-system/deployments': 'RBAC: no rule allows it' },
    });
    const msgs = await installPermissions.run(context(c));
    assert.deepEqual(
      msgs.map((m) => [m.code, m.level, m.origin]),
      [
        ['IST0141', 'Error', 'Cluster'],
        ['IST0141', 'Error', 'Cluster'],
      ],
    );
    assert.match(msgs[0]!.text, /clusterroles: permission denied/);
    assert.match(msgs[1]!.text, /deployments: RBAC: no rule allows it/);
  });

  it('turns a failed review into a message carrying the error', async () => {
    const c = new ReviewingCluster();
    c.create = async () => {
      throw new Error('the server is on fire');
    };
    const msgs = await installPermissions.run(context(c));
    assert.equal(msgs.length, 14);
    assert.match(msgs[0]!.text, /the server is on fire/);
  });

  it('derives targets from rendered objects', () => {
    const o = (apiVersion: string, kind: string, name: string, namespace?: string): KubeObject => ({
      apiVersion,
      kind,
      metadata: namespace ? { name, namespace } : { name },
    });
    const targets = targetsFromObjects(
      [
        o('v1', 'ServiceAccount', 'istiod', 'istio-system'),
        o('v1', 'ServiceAccount', 'istio-reader', 'istio-system'),
        o('rbac.authorization.k8s.io/v1', 'ClusterRole', 'istiod'),
        o('policy/v1', 'PodDisruptionBudget', 'istiod'),
        o('networking.k8s.io/v1', 'NetworkPolicy', 'istiod', 'istio-system'),
      ],
      'istio-system',
    );
    assert.deepEqual(targets, [
      { group: '', version: 'v1', resource: 'serviceaccounts', namespace: 'istio-system' },
      { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterroles' },
      { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets', namespace: 'istio-system' },
      { group: 'networking.k8s.io', version: 'v1', resource: 'networkpolicies', namespace: 'istio-system' },
    ]);
    assert.equal(resourceOfKind('Gateway'), 'gateways');
    assert.equal(resourceOfKind('ValidatingAdmissionPolicy'), 'validatingadmissionpolicies');
    assert.equal(resourceOfKind('Ingress'), 'ingresses');
  });

  it("puts upstream's eleven first and adds what the rendered install creates, each once", () => {
    const rendered: KubeObject[] = [
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'istiod', namespace: 'mesh' } },
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'istiod', namespace: 'mesh' },
      },
      {
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'ValidatingAdmissionPolicy',
        metadata: { name: 'x' },
      },
    ];
    const targets = renderedInstallTargets(rendered, 'mesh');
    assert.equal(targets.length, 13);
    assert.deepEqual(
      targets.slice(11).map((t) => [t.resource, t.namespace]),
      [
        ['horizontalpodautoscalers', 'mesh'],
        ['validatingadmissionpolicies', undefined],
      ],
    );
  });
});
