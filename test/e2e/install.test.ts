// install / upgrade / uninstall / verify-install on the real local cluster (kwok plays the nodes).
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import YAML from 'yaml';
import type { Cluster, KubeObject } from '../../src/cluster/cluster.js';
import { adminCluster, auditMark, auditWritesSince, runBinOnCluster } from './support/cluster.js';

const NS = 'istio-system';
let cluster: Cluster;

async function inventoryVersions(name = 'istioctl-ts-inventory'): Promise<Map<string, string>> {
  const inv = await cluster.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: NS, name });
  const refs = JSON.parse(
    String((inv?.data as Record<string, string> | undefined)?.objects ?? '[]'),
  ) as Array<{
    apiVersion: string;
    kind: string;
    name: string;
    namespace?: string;
  }>;
  const out = new Map<string, string>();
  for (const r of refs) {
    const o = await cluster.get(r);
    out.set(`${r.kind}/${r.namespace ?? ''}/${r.name}`, o?.metadata.resourceVersion ?? 'missing');
  }
  return out;
}

function changed(a: Map<string, string>, b: Map<string, string>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k)).sort();
}

function rendered(args: string[]): Map<string, string> {
  const r = runBinOnCluster(['manifest', 'generate', ...args]);
  assert.equal(r.code, 0, r.stderr);
  const out = new Map<string, string>();
  for (const doc of YAML.parseAllDocuments(r.stdout)) {
    const o = doc.toJS() as KubeObject | null;
    if (o?.kind) out.set(`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`, JSON.stringify(o));
  }
  return out;
}

/** Objects whose rendered manifest differs between two sets of flags. */
function renderedDiff(a: string[], b: string[]): string[] {
  const ra = rendered(a);
  const rb = rendered(b);
  return [...new Set([...ra.keys(), ...rb.keys()])].filter((k) => ra.get(k) !== rb.get(k)).sort();
}

const realWrites = (mark: number) =>
  auditWritesSince(mark).filter((e) => !e.requestURI.includes('dryRun=All'));

describe('install on the local cluster', { concurrency: false }, () => {
  before(async () => {
    cluster = await adminCluster();
  });

  it('installs the demo profile; every Deployment becomes Ready; verify-install passes', () => {
    const r = runBinOnCluster(['install', '--set', 'profile=demo', '-y', '--readiness-timeout', '3m']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /✔ Istio core installed/);
    assert.match(r.stderr, /✔ Istiod installed/);
    assert.match(r.stderr, /✔ Egress gateways installed/);
    assert.match(r.stderr, /✔ Installation complete/);
    const dir = mkdtempSync(join(tmpdir(), 'iop-'));
    const iop = join(dir, 'demo.yaml');
    writeFileSync(
      iop,
      'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  profile: demo\n',
    );
    const verify = runBinOnCluster(['verify-install', '-f', iop]);
    assert.equal(verify.code, 0, verify.stderr);
    assert.match(verify.stderr, /✔ Deployment: \d+ checked successfully/);
    assert.match(verify.stderr, /✔ Istio is installed and verified successfully/);
  });

  it('applies webhooks only after istiod is Available', async () => {
    const istiod = await cluster.get({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: NS,
      name: 'istiod',
    });
    const available = (
      (istiod?.status as { conditions?: Array<{ type: string; lastTransitionTime: string }> })?.conditions ??
      []
    ).find((c) => c.type === 'Available');
    assert.ok(available, 'istiod is Available');
    const mwc = await cluster.get({
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'MutatingWebhookConfiguration',
      name: 'istio-sidecar-injector',
    });
    assert.ok(mwc, 'the injector webhook exists');
    assert.ok(
      Date.parse(String(mwc.metadata.creationTimestamp)) >= Date.parse(available.lastTransitionTime),
      'webhook created after istiod became Available',
    );
  });

  it('re-running the same install changes nothing', async () => {
    const before = await inventoryVersions();
    const mark = auditMark();
    const r = runBinOnCluster(['install', '--set', 'profile=demo', '-y']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(changed(before, await inventoryVersions()), []);
    const writes = realWrites(mark);
    assert.ok(
      writes.every((w) => w.verb === 'patch'),
      `only no-op applies: ${writes.map((w) => w.verb).join(',')}`,
    );
  });

  it('--dry-run and --plan make zero writes; --plan shows the diff of a value change and exits 2', () => {
    const mark = auditMark();
    const dry = runBinOnCluster([
      'install',
      '--set',
      'profile=demo',
      '--set',
      'values.pilot.env.E2E_FLAG=on',
      '--dry-run',
    ]);
    assert.equal(dry.code, 0, dry.stderr);
    const plan = runBinOnCluster([
      'install',
      '--set',
      'profile=demo',
      '--set',
      'values.pilot.env.E2E_FLAG=on',
      '--plan',
    ]);
    assert.equal(plan.code, 2, plan.stderr);
    assert.match(plan.stdout, /Deployment\/istio-system\/istiod/);
    assert.match(plan.stdout, /\+\s+.*E2E_FLAG/);
    assert.deepEqual(realWrites(mark), []);
    const same = runBinOnCluster(['install', '--set', 'profile=demo', '--plan']);
    assert.equal(same.code, 0, same.stdout);
  });

  it('changing one value patches only the affected objects; disabling egress prunes exactly its objects', async () => {
    const before = await inventoryVersions();
    const r = runBinOnCluster([
      'install',
      '--set',
      'profile=demo',
      '--set',
      'values.pilot.env.E2E_FLAG=on',
      '-y',
    ]);
    assert.equal(r.code, 0, r.stderr);
    // The objects whose rendering changed are exactly the ones the API server saw change.
    const expected = renderedDiff(
      ['--set', 'profile=demo'],
      ['--set', 'profile=demo', '--set', 'values.pilot.env.E2E_FLAG=on'],
    );
    assert.ok(expected.includes('Deployment/istio-system/istiod'));
    assert.deepEqual(changed(before, await inventoryVersions()), expected);
    const egress = [...before.keys()].filter((k) => k.includes('egressgateway')).sort();
    assert.ok(egress.length > 0);
    const r2 = runBinOnCluster([
      'install',
      '--set',
      'profile=demo',
      '--set',
      'values.pilot.env.E2E_FLAG=on',
      '--set',
      'components.egressGateways[0].enabled=false',
      '-y',
    ]);
    assert.equal(r2.code, 0, r2.stderr);
    for (const k of egress) {
      const [kind, ns, name] = k.split('/');
      const apiVersion =
        kind === 'Deployment'
          ? 'apps/v1'
          : kind === 'PodDisruptionBudget'
            ? 'policy/v1'
            : kind === 'HorizontalPodAutoscaler'
              ? 'autoscaling/v2'
              : kind!.startsWith('Role')
                ? 'rbac.authorization.k8s.io/v1'
                : 'v1';
      assert.equal(
        await cluster.get({ apiVersion, kind: kind!, namespace: ns || undefined, name: name! }),
        undefined,
        `${k} pruned`,
      );
    }
    assert.ok(
      await cluster.get({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: NS,
        name: 'istio-ingressgateway',
      }),
    );
  });

  it('reports a field edited by another manager as a conflict', async () => {
    const cm = (await cluster.get({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      namespace: NS,
      name: 'istio',
    })) as KubeObject;
    await cluster.apply(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'istio', namespace: NS },
        data: { mesh: `${(cm.data as Record<string, string>).mesh}\n# edited` },
      },
      { fieldManager: 'someone-else', force: true },
    );
    const r = runBinOnCluster([
      'install',
      '--set',
      'profile=demo',
      '--set',
      'values.pilot.env.E2E_FLAG=on',
      '--set',
      'components.egressGateways[0].enabled=false',
      '-y',
    ]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /ConfigMap\/istio-system\/istio/);
    assert.match(r.stderr, /--force-conflicts/);
    const after = (await cluster.get({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      namespace: NS,
      name: 'istio',
    })) as KubeObject;
    assert.match(String((after.data as Record<string, string>).mesh), /# edited/, 'not silently overwritten');
    const forced = runBinOnCluster([
      'install',
      '--set',
      'profile=demo',
      '--set',
      'values.pilot.env.E2E_FLAG=on',
      '--set',
      'components.egressGateways[0].enabled=false',
      '-y',
      '--force-conflicts',
    ]);
    assert.equal(forced.code, 0, forced.stderr);
  });

  it('installs a canary revision beside default; uninstall --revision canary leaves default intact', async () => {
    const r = runBinOnCluster(['install', '--set', 'profile=minimal', '--revision', 'canary', '-y']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(
      await cluster.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: NS, name: 'istiod-canary' }),
    );
    const u = runBinOnCluster(['uninstall', '--revision', 'canary', '-y']);
    assert.equal(u.code, 0, u.stderr);
    assert.equal(
      await cluster.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: NS, name: 'istiod-canary' }),
      undefined,
    );
    assert.ok(
      await cluster.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: NS, name: 'istiod' }),
    );
    assert.ok(
      await cluster.get({
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'MutatingWebhookConfiguration',
        name: 'istio-sidecar-injector',
      }),
    );
  });

  it('uninstall --purge refuses while a user VirtualService exists, and proceeds with --delete-user-config', async () => {
    await cluster.apply(
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: { name: 'reviews', namespace: 'default' },
        spec: { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews' } }] }] },
      },
      { fieldManager: 'e2e' },
    );
    const refused = runBinOnCluster(['uninstall', '--purge', '-y']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /VirtualService\.networking\.istio\.io: 1/);
    assert.ok(
      await cluster.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: NS, name: 'istiod' }),
      'nothing deleted',
    );
    const ok = runBinOnCluster(['uninstall', '--purge', '-y', '--delete-user-config']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stderr, /Uninstall complete/);
    assert.equal(
      await cluster.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: NS, name: 'istiod' }),
      undefined,
    );
  });
});
