import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { FakeCluster } from '../../src/cluster/fake.js';
import { runCli } from '../support/run-cli.js';

const objects = (text: string) =>
  parseAllDocuments(text)
    .map((d) => d.toJS())
    .filter((o) => o?.kind);
const names = (text: string, kind: string) =>
  objects(text)
    .filter((o) => o.kind === kind)
    .map((o) => o.metadata.name);

describe('istioctl manifest generate', () => {
  it('renders the default profile with the release images, in upstream order and shape', async () => {
    const r = await runCli(['manifest', 'generate']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.endsWith('\n---\n'));
    assert.ok(r.stdout.includes('\n\n---\n'), 'documents end with an empty line before ---');
    const objs = objects(r.stdout);
    const ranks = objs.map(
      (o) =>
        ({
          CustomResourceDefinition: -1000,
          ServiceAccount: 1,
          ClusterRole: 1,
          ClusterRoleBinding: 2,
          ValidatingWebhookConfiguration: 3,
          ConfigMap: 100,
          HorizontalPodAutoscaler: 1001,
          Service: 10000,
        })[o.kind as string] ?? 1000,
    );
    assert.deepEqual(
      ranks,
      [...ranks].sort((a, b) => a - b),
    );
    const istiod = objs.find((o) => o.kind === 'Deployment' && o.metadata.name === 'istiod');
    assert.equal(istiod.spec.template.spec.containers[0].image, 'docker.io/istio/pilot:1.30.3');
    const gw = objs.find((o) => o.kind === 'Deployment' && o.metadata.name === 'istio-ingressgateway');
    assert.equal(gw.spec.template.spec.containers[0].image, 'docker.io/istio/proxyv2:1.30.3');
    assert.equal(istiod.metadata.labels['operator.istio.io/component'], 'Pilot');
    assert.equal(istiod.metadata.labels['install.operator.istio.io/owning-resource'], 'unknown');
  });

  it('demo adds the egress gateway and drops autoscalers', async () => {
    const r = await runCli(['manifest', 'generate', '--set', 'profile=demo']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(names(r.stdout, 'Deployment').includes('istio-egressgateway'));
    assert.deepEqual(names(r.stdout, 'HorizontalPodAutoscaler'), []);
  });

  it('names a revision: istiod-<rev> and istio.io/rev labels', async () => {
    const r = await runCli(['manifest', 'generate', '-r', 'canary', '--set', 'profile=minimal']);
    assert.equal(r.code, 0, r.stderr);
    const dep = objects(r.stdout).find((o) => o.kind === 'Deployment');
    assert.equal(dep.metadata.name, 'istiod-canary');
    assert.equal(dep.metadata.labels['istio.io/rev'], 'canary');
  });

  it('merges -f files in order, then --set flags', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iop-'));
    writeFileSync(join(dir, 'a.yaml'), 'spec:\n  profile: minimal\n  hub: a.io\n');
    writeFileSync(join(dir, 'b.yaml'), 'spec:\n  hub: b.io\n');
    const r = await runCli([
      'manifest',
      'generate',
      '-f',
      join(dir, 'a.yaml'),
      '-f',
      join(dir, 'b.yaml'),
      '-s',
      'tag=9.9',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const dep = objects(r.stdout).find((o) => o.kind === 'Deployment');
    assert.equal(dep.spec.template.spec.containers[0].image, 'b.io/pilot:9.9');
  });

  it('exits 64 on unknown profiles and bad --set paths, 65 on bad input, 1 on positional args', async () => {
    const p = await runCli(['manifest', 'generate', '--set', 'profile=nope']);
    assert.equal(p.code, 64);
    assert.match(p.stderr, /profile "nope" not found/);
    const s = await runCli([
      'manifest',
      'generate',
      '--set',
      'components.ingressGateways.[name:zz].enabled=true',
    ]);
    assert.equal(s.code, 64);
    const v = await runCli(['manifest', 'generate', '--set', 'components.pilot.k8s.tolerations[0].bogus=1']);
    assert.equal(v.code, 65);
    assert.match(v.stderr, /unknown field "spec\.components\.pilot\.k8s\.tolerations\[0\]\.bogus"/);
    const a = await runCli(['manifest', 'generate', 'extra']);
    assert.equal(a.code, 1);
    assert.match(a.stderr, /generate accepts no positional arguments, got \[\]string\{"extra"\}/);
  });

  it('continues past validation errors with --force, saying so', async () => {
    const r = await runCli([
      'manifest',
      'generate',
      '--force',
      '--set',
      'profile=minimal',
      '--set',
      'values.bogus=1',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /spec invalid; continuing because of --force: invalid schema for values\.bogus/);
  });

  it('detects GKE only with --cluster-specific: CNI goes to kube-system', async () => {
    const cluster = new FakeCluster({ version: { major: '1', minor: '31', gitVersion: 'v1.31.2-gke.1000' } });
    const args = ['manifest', 'generate', '--set', 'profile=ambient'];
    const plain = await runCli(args, { cluster });
    assert.equal(plain.code, 0, plain.stderr);
    const ns = (text: string) =>
      objects(text).find((o) => o.kind === 'DaemonSet' && o.metadata.name === 'istio-cni-node').metadata
        .namespace;
    assert.equal(ns(plain.stdout), 'istio-system');
    const gke = await runCli([...args, '--cluster-specific'], { cluster });
    assert.equal(gke.code, 0, gke.stderr);
    assert.equal(ns(gke.stdout), 'kube-system');
  });
});
