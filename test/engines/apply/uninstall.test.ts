import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../../src/cluster/cluster.js';
import { FakeCluster } from '../../../src/cluster/fake.js';
import { executeInstall } from '../../../src/engines/apply/execute.js';
import { type InstallIdentity, planInstall, type RenderedObject } from '../../../src/engines/apply/plan.js';
import { executeUninstall, planUninstall, removedId } from '../../../src/engines/apply/uninstall.js';

const o = (
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

const crd = o(
  'apiextensions.k8s.io/v1',
  'CustomResourceDefinition',
  'virtualservices.networking.istio.io',
  undefined,
  {
    spec: {
      group: 'networking.istio.io',
      names: { kind: 'VirtualService' },
      versions: [{ name: 'v1', served: true, storage: true }],
    },
    status: { conditions: [{ type: 'Established', status: 'True' }] },
  },
);

function render(rev: string): RenderedObject[] {
  const sfx = rev ? `-${rev}` : '';
  return [
    { component: 'Base', object: crd },
    {
      component: 'Pilot',
      object: o('apps/v1', 'Deployment', `istiod${sfx}`, 'istio-system', {
        status: { updatedReplicas: 1, readyReplicas: 1 },
      }),
    },
    {
      component: 'Pilot',
      object: o(
        'admissionregistration.k8s.io/v1',
        'MutatingWebhookConfiguration',
        `istio-sidecar-injector${sfx}`,
      ),
    },
    {
      component: 'IngressGateways',
      object: o('apps/v1', 'Deployment', `istio-ingressgateway${sfx}`, 'istio-system', {
        status: { updatedReplicas: 1, readyReplicas: 1 },
      }),
    },
  ];
}

async function installed(): Promise<FakeCluster> {
  const cluster = new FakeCluster();
  const e = { waiting: () => {}, componentDone: () => {}, pruned: () => {} };
  for (const rev of ['', 'canary']) {
    const id: InstallIdentity = {
      revision: rev,
      namespace: 'istio-system',
      ownerName: 'x',
      ownerNamespace: 'istio-system',
      version: '1.30.3',
    };
    await executeInstall(cluster, planInstall(render(rev), id), { readinessTimeoutMs: 100, pollMs: 1 }, e);
  }
  return cluster;
}

describe('uninstall', () => {
  it('removes only the canary revision, webhooks first, keeping Base', async () => {
    const cluster = await installed();
    const plan = await planUninstall(cluster, {
      revision: 'canary',
      purge: false,
      deleteUserConfig: false,
      istioNamespace: 'istio-system',
    });
    assert.deepEqual(
      plan.deletions.map((d) => `${d.kind}/${d.name}`),
      [
        'MutatingWebhookConfiguration/istio-sidecar-injector-canary',
        'Deployment/istio-ingressgateway-canary',
        'Deployment/istiod-canary',
        'ConfigMap/istioctl-ts-inventory-canary',
      ],
    );
    assert.match(plan.warnings.join('\n'), /gateways: istio-ingressgateway-canary\.istio-system/);
    const lines: string[] = [];
    await executeUninstall(cluster, plan, { dryRun: false }, (l) => lines.push(l));
    assert.equal(
      lines[0],
      '  Removed admissionregistration.k8s.io/v1, Kind=MutatingWebhookConfiguration/istio-sidecar-injector-canary..',
    );
    const names = cluster.all().map((x) => x.metadata.name);
    assert.ok(names.includes('istiod') && names.includes('istio-sidecar-injector'));
    assert.ok(!names.includes('istiod-canary'));
  });

  it('--dry-run deletes nothing', async () => {
    const cluster = await installed();
    const plan = await planUninstall(cluster, {
      revision: 'canary',
      purge: false,
      deleteUserConfig: false,
      istioNamespace: 'istio-system',
    });
    const before = cluster.writes().length;
    const lines: string[] = [];
    await executeUninstall(cluster, plan, { dryRun: true }, (l) => lines.push(l));
    assert.equal(cluster.writes().length, before);
    assert.ok(lines.every((l) => l.startsWith('Not pruning object')));
  });

  it('--purge counts user resources of Istio kinds so that the command can refuse', async () => {
    const cluster = await installed();
    await cluster.create(o('networking.istio.io/v1', 'VirtualService', 'reviews', 'default'));
    const plan = await planUninstall(cluster, {
      purge: true,
      deleteUserConfig: false,
      istioNamespace: 'istio-system',
    });
    assert.deepEqual(plan.userResources, [{ kind: 'VirtualService.networking.istio.io', count: 1 }]);
    assert.ok(plan.deletions.some((d) => d.kind === 'CustomResourceDefinition'));
    assert.equal(plan.deletions.at(-1)!.kind, 'CustomResourceDefinition', 'CRDs go last');
  });

  it('prints GroupVersionKind ids as istioctl does', () => {
    assert.equal(
      removedId({ apiVersion: 'v1', kind: 'ConfigMap', name: 'istio', namespace: 'istio-system' }),
      '/v1, Kind=ConfigMap/istio.istio-system.',
    );
  });
});
