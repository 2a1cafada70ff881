// install / upgrade / uninstall / verify-install through the CLI on the in-memory cluster.
// (The same flows run on the real local cluster in test/e2e/install.test.ts.)
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApplyOptions, KubeObject } from '../../src/cluster/cluster.js';
import { FakeCluster } from '../../src/cluster/fake.js';
import { runCli } from '../support/run-cli.js';

/** Plays the controllers: CRDs are Established and workloads ready as soon as they are applied. */
class ReadyCluster extends FakeCluster {
  override async apply(obj: KubeObject, opts: ApplyOptions): Promise<KubeObject> {
    const o = structuredClone(obj);
    if (o.kind === 'CustomResourceDefinition')
      o.status = { conditions: [{ type: 'Established', status: 'True' }] };
    if (o.kind === 'Deployment') {
      const n = (o.spec as { replicas?: number }).replicas ?? 1;
      o.status = { updatedReplicas: n, readyReplicas: n };
    }
    if (o.kind === 'DaemonSet')
      o.status = { desiredNumberScheduled: 1, updatedNumberScheduled: 1, numberReady: 1 };
    return super.apply(o, opts);
  }
}

const ourWrites = (c: FakeCluster) =>
  c.writes().filter((w) => w.method !== 'apply' || (w.args[1] as ApplyOptions).dryRun !== true);

describe('install', () => {
  it('installs the demo profile with progress lines per component', async () => {
    const cluster = new ReadyCluster();
    const r = await runCli(['install', '--set', 'profile=demo', '-y'], { cluster });
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('✔'));
    assert.deepEqual(lines, [
      '✔ Istio core installed ⛵️',
      '✔ Istiod installed 🧠',
      '✔ Ingress gateways installed 🛬',
      '✔ Egress gateways installed 🛫',
      '✔ Installation complete',
    ]);
    const istiod = cluster.all().find((o) => o.kind === 'Deployment' && o.metadata.name === 'istiod')!;
    assert.equal(istiod.metadata.labels?.['operator.istio.io/component'], 'Pilot');
    assert.ok(cluster.all().some((o) => o.metadata.name === 'istioctl-ts-inventory'));
  });

  it('asks for confirmation without -y and cancels on no', async () => {
    const cluster = new ReadyCluster();
    const r = await runCli(['install', '--set', 'profile=minimal'], { cluster, stdin: 'n\n' });
    assert.equal(r.code, 1);
    assert.match(
      r.stdout,
      /This will install the Istio 1\.30\.3 profile "minimal" into the cluster\. Proceed\? \(y\/N\) /,
    );
    assert.match(r.stderr, /Cancelled\./);
    assert.deepEqual(ourWrites(cluster), []);
  });

  it('--dry-run writes nothing', async () => {
    const cluster = new ReadyCluster();
    const r = await runCli(['install', '--set', 'profile=demo', '--dry-run'], { cluster });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(cluster.writes(), []);
    assert.match(r.stderr, /nothing was written/);
  });

  it('--plan exits 2 with a diff when something would change, 0 when nothing would', async () => {
    const cluster = new ReadyCluster();
    const first = await runCli(['install', '--set', 'profile=minimal', '--plan'], { cluster });
    assert.equal(first.code, 2);
    assert.match(first.stdout, /\+\+\+ planned\/Deployment\/istio-system\/istiod/);
    assert.deepEqual(ourWrites(cluster), [], 'only dry-run applies');
    assert.equal((await runCli(['install', '--set', 'profile=minimal', '-y'], { cluster })).code, 0);
    const again = await runCli(['install', '--set', 'profile=minimal', '--plan'], { cluster });
    assert.equal(again.code, 0, again.stdout);
  });

  it('rejects a revision that is not a DNS-1123 label', async () => {
    const r = await runCli(['install', '--revision', 'Bad_Rev', '-y'], { cluster: new ReadyCluster() });
    assert.equal(r.code, 64);
    assert.match(r.stderr, /invalid revision specified: Bad_Rev/);
  });

  it('--verify runs verify-install after the install', async () => {
    const r = await runCli(['install', '--set', 'profile=minimal', '-y', '--verify'], {
      cluster: new ReadyCluster(),
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /✔ Istio is installed and verified successfully/);
  });
});

describe('verify-install', () => {
  it('fails naming the missing group on an empty cluster', async () => {
    const r = await runCli(['verify-install'], { cluster: new ReadyCluster() });
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /✘ Deployment: 2 of 2 missing or not ready: .*Deployment\/istio-system\/istiod \(not found\)/,
    );
  });

  it('rejects a file together with a revision', async () => {
    const r = await runCli(['verify-install', '-f', 'x.yaml', '-r', 'canary'], {
      cluster: new ReadyCluster(),
    });
    assert.equal(r.code, 64);
  });
});

describe('uninstall', () => {
  it('needs a revision, a file or --purge', async () => {
    const r = await runCli(['uninstall'], { cluster: new ReadyCluster() });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /at least one of the --revision/);
  });

  it('removes a canary revision and keeps the default one', async () => {
    const cluster = new ReadyCluster();
    assert.equal((await runCli(['install', '--set', 'profile=minimal', '-y'], { cluster })).code, 0);
    assert.equal(
      (await runCli(['install', '--set', 'profile=minimal', '--revision', 'canary', '-y'], { cluster })).code,
      0,
    );
    const r = await runCli(['uninstall', '--revision', 'canary', '-y'], { cluster });
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /Removed admissionregistration\.k8s\.io\/v1, Kind=MutatingWebhookConfiguration\/istio-sidecar-injector-canary/,
    );
    const names = cluster.all().map((o) => o.metadata.name);
    assert.ok(names.includes('istiod') && !names.includes('istiod-canary'));
  });

  it('--purge refuses while user resources of Istio kinds exist', async () => {
    const cluster = new ReadyCluster();
    assert.equal((await runCli(['install', '--set', 'profile=minimal', '-y'], { cluster })).code, 0);
    await cluster.create({
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'r', namespace: 'default' },
    });
    const refused = await runCli(['uninstall', '--purge', '-y'], { cluster });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /VirtualService\.networking\.istio\.io: 1/);
    const ok = await runCli(['uninstall', '--purge', '-y', '--delete-user-config'], { cluster });
    assert.equal(ok.code, 0, ok.stderr);
    assert.ok(!cluster.all().some((o) => o.kind === 'CustomResourceDefinition'));
  });
});
