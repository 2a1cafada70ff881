import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject, ObjectRef } from '../../../src/cluster/cluster.js';
import { ConflictError } from '../../../src/cluster/cluster.js';
import { FakeCluster } from '../../../src/cluster/fake.js';
import { ApplyError, executeInstall } from '../../../src/engines/apply/execute.js';
import { type InstallIdentity, planInstall, type RenderedObject } from '../../../src/engines/apply/plan.js';

const id: InstallIdentity = {
  revision: '',
  namespace: 'istio-system',
  ownerName: 'installed-state',
  ownerNamespace: 'istio-system',
  version: '1.30.3',
};

const obj = (
  apiVersion: string,
  kind: string,
  name: string,
  namespace?: string,
  extra: Record<string, unknown> = {},
): KubeObject => ({
  apiVersion,
  kind,
  metadata: namespace ? { name, namespace } : { name },
  ...extra,
});

function rendered(withEgress = true): RenderedObject[] {
  const r: RenderedObject[] = [
    {
      component: 'Base',
      object: obj('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'gateways.networking.istio.io'),
    },
    {
      component: 'Base',
      object: obj('v1', 'ServiceAccount', 'istio-reader-service-account', 'istio-system'),
    },
    {
      component: 'Pilot',
      object: obj('apps/v1', 'Deployment', 'istiod', 'istio-system', { spec: { replicas: 1 } }),
    },
    {
      component: 'Pilot',
      object: obj(
        'admissionregistration.k8s.io/v1',
        'MutatingWebhookConfiguration',
        'istio-sidecar-injector',
      ),
    },
    { component: 'Pilot', object: obj('v1', 'ConfigMap', 'istio', 'istio-system', { data: { mesh: '{}' } }) },
  ];
  if (withEgress)
    r.push({
      component: 'EgressGateways',
      object: obj('v1', 'Service', 'istio-egressgateway', 'istio-system'),
    });
  return r;
}

/** Plays the controllers: CRDs become Established and workloads ready when the installer sleeps. */
function controllers(cluster: FakeCluster) {
  return async () => {
    for (const o of cluster.all()) {
      if (o.kind === 'CustomResourceDefinition')
        o.status = { conditions: [{ type: 'Established', status: 'True' }] };
      if (o.kind === 'Deployment') o.status = { observedGeneration: 0, updatedReplicas: 1, readyReplicas: 1 };
      if (o.status) await cluster.apply(o, { fieldManager: 'kube-controller-manager' });
    }
  };
}

const events = () => {
  const log: string[] = [];
  return {
    log,
    e: {
      waiting: (items: string[]) => log.push(`waiting ${items.join(',')}`),
      componentDone: (c: string) => log.push(`done ${c}`),
      pruned: (r: ObjectRef) => log.push(`pruned ${r.kind}/${r.name}`),
    },
  };
};

describe('executeInstall', () => {
  it('applies in waves and applies webhooks only after workloads are ready', async () => {
    const cluster = new FakeCluster();
    const { log, e } = events();
    await executeInstall(
      cluster,
      planInstall(rendered(), id),
      { readinessTimeoutMs: 10_000, pollMs: 1, sleep: controllers(cluster) },
      e,
    );
    const applies = cluster.calls.filter(
      (c) => c.method === 'apply' && (c.args[1] as { fieldManager: string }).fieldManager === 'istioctl-ts',
    );
    const kinds = applies.map((c) => (c.args[0] as KubeObject).kind);
    assert.ok(kinds.indexOf('CustomResourceDefinition') < kinds.indexOf('Deployment'));
    assert.equal(
      kinds.indexOf('MutatingWebhookConfiguration'),
      kinds.length - 2,
      'webhook is the last object before the inventory',
    );
    const readyAt = cluster.calls.findIndex(
      (c) =>
        c.method === 'apply' &&
        (c.args[0] as KubeObject).kind === 'Deployment' &&
        (c.args[1] as { fieldManager: string }).fieldManager === 'kube-controller-manager',
    );
    const webhookAt = cluster.calls.findIndex(
      (c) => c.method === 'apply' && (c.args[0] as KubeObject).kind === 'MutatingWebhookConfiguration',
    );
    assert.ok(
      readyAt >= 0 && readyAt < webhookAt,
      'the Deployment became ready before the webhook was applied',
    );
    assert.deepEqual(
      log.filter((l) => l.startsWith('done')),
      ['done Base', 'done Pilot', 'done EgressGateways'],
    );
    const istiod = cluster.all().find((o) => o.metadata.name === 'istiod')!;
    assert.equal(istiod.metadata.labels?.['operator.istio.io/component'], 'Pilot');
    assert.equal(istiod.metadata.labels?.['istio.io/rev'], 'default');
  });

  it('prunes exactly what the new render dropped, and only what we created', async () => {
    const cluster = new FakeCluster({ objects: [obj('v1', 'Service', 'someone-elses', 'istio-system')] });
    const { log, e } = events();
    const opts = { readinessTimeoutMs: 10_000, pollMs: 1, sleep: controllers(cluster) };
    await executeInstall(cluster, planInstall(rendered(true), id), opts, e);
    const r = await executeInstall(cluster, planInstall(rendered(false), id), opts, e);
    assert.deepEqual(
      r.pruned.map((p) => p.name),
      ['istio-egressgateway'],
    );
    assert.ok(log.includes('pruned Service/istio-egressgateway'));
    const names = cluster.all().map((o) => o.metadata.name);
    assert.ok(names.includes('someone-elses'));
    assert.ok(!names.includes('istio-egressgateway'));
    assert.ok(names.includes('gateways.networking.istio.io'), 'CRDs are never pruned');
  });

  it('names what is not ready when the readiness timeout passes', async () => {
    const cluster = new FakeCluster();
    let t = 0;
    const { log, e } = events();
    await assert.rejects(
      executeInstall(
        cluster,
        planInstall(rendered(), id),
        {
          readinessTimeoutMs: 5,
          now: () => t,
          sleep: async () => {
            t += 10;
          },
        },
        e,
      ),
      (err: Error) =>
        err instanceof ApplyError &&
        /not ready after/.test(err.message) &&
        /CustomResourceDefinition\/gateways/.test(err.message),
    );
    assert.ok(log.some((l) => l.includes('not Established')));
    assert.ok(
      !cluster.all().some((o) => o.kind === 'MutatingWebhookConfiguration'),
      'no webhook when the backend is not ready',
    );
  });

  it('reports field conflicts instead of overwriting, and stops before the next wave', async () => {
    const cluster = new FakeCluster();
    const orig = cluster.apply.bind(cluster);
    cluster.apply = async (o, opts) => {
      if (o.kind === 'ConfigMap' && o.metadata.name === 'istio' && !opts.force) {
        throw new ConflictError('Apply failed with 1 conflict', ['conflict with "kubectl-edit": .data.mesh']);
      }
      return orig(o, opts);
    };
    const { e } = events();
    await assert.rejects(
      executeInstall(
        cluster,
        planInstall(rendered(), id),
        { readinessTimeoutMs: 1000, pollMs: 1, sleep: controllers(cluster) },
        e,
      ),
      /ConfigMap\/istio-system\/istio: conflict with "kubectl-edit": \.data\.mesh[\s\S]*--force-conflicts|--force-conflicts[\s\S]*ConfigMap\/istio-system\/istio/,
    );
    assert.ok(!cluster.all().some((o) => o.kind === 'Deployment'));
    await executeInstall(
      cluster,
      planInstall(rendered(), id),
      { forceConflicts: true, readinessTimeoutMs: 1000, pollMs: 1, sleep: controllers(cluster) },
      e,
    );
    assert.ok(cluster.all().some((o) => o.kind === 'Deployment'));
  });

  it('rolls back every changed object with atomic', async () => {
    const existing = obj('v1', 'ConfigMap', 'istio', 'istio-system', { data: { mesh: 'old' } });
    const cluster = new FakeCluster({ objects: [existing] });
    const orig = cluster.apply.bind(cluster);
    cluster.apply = async (o, opts) => {
      if (o.kind === 'Deployment' && opts.fieldManager === 'istioctl-ts')
        throw new Error('connection refused');
      return orig(o, opts);
    };
    const { e } = events();
    await assert.rejects(
      executeInstall(
        cluster,
        planInstall(rendered(), id),
        { atomic: true, readinessTimeoutMs: 1000, pollMs: 1, sleep: controllers(cluster) },
        e,
      ),
      (err: Error) => err instanceof ApplyError && err.rolledBack && /connection refused/.test(err.message),
    );
    const cm = cluster.all().find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'istio')!;
    assert.deepEqual(cm.data, { mesh: 'old' });
    assert.ok(
      !cluster.all().some((o) => o.kind === 'ServiceAccount'),
      'objects created by the failed run are deleted',
    );
  });
});
