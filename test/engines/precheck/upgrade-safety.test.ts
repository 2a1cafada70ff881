// crd-stored-versions, proxy-versions and helm-release.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FakeCluster } from '../../../src/cluster/fake.js';
import { crdStoredVersions } from '../../../src/engines/precheck/crd-stored-versions.js';
import { helmRelease } from '../../../src/engines/precheck/helm-release.js';
import { newCrdsFromYaml } from '../../../src/engines/precheck/new-crds.js';
import { proxyVersion, proxyVersions } from '../../../src/engines/precheck/proxy-versions.js';
import { conformanceRoot } from '../../support/run-cli.js';
import { context, crd, istiod, pod } from './support.js';

describe('crd-stored-versions', () => {
  const newCrds = [{ name: 'gateways.networking.istio.io', versions: ['v1', 'v1beta1'] }];

  it('reports a stored version the new CRD drops (Error) and accepts kept ones', async () => {
    const c = new FakeCluster({
      objects: [
        crd(
          'gateways.networking.istio.io',
          'networking.istio.io',
          'Gateway',
          ['v1alpha3', 'v1'],
          ['v1alpha3', 'v1'],
        ),
        crd('sidecars.networking.istio.io', 'networking.istio.io', 'Sidecar', ['v1alpha3'], ['v1alpha3']),
      ],
    });
    const msgs = await crdStoredVersions.run(context(c, { newCrds }));
    assert.deepEqual(
      msgs.map((m) => [m.code, m.level, m.origin]),
      [['ITS1003', 'Error', 'CustomResourceDefinition gateways.networking.istio.io']],
    );
    assert.match(msgs[0]!.text, /stored as v1alpha3/);
    assert.match(msgs[0]!.hint!, /storedVersions/);
    const ok = new FakeCluster({
      objects: [
        crd('gateways.networking.istio.io', 'networking.istio.io', 'Gateway', ['v1'], ['v1beta1', 'v1']),
      ],
    });
    assert.deepEqual(await crdStoredVersions.run(context(ok, { newCrds })), []);
  });

  it('reads name and versions of every CRD in a CRD file', () => {
    const text = readFileSync(join(conformanceRoot, 'crds', 'crd-all.gen.yaml'), 'utf8');
    const crds = newCrdsFromYaml(text);
    const count = text.match(/^kind: CustomResourceDefinition\s*$/gm)!.length;
    assert.equal(crds.length, count);
    const vs = crds.find((c) => c.name === 'virtualservices.networking.istio.io');
    assert.deepEqual(vs?.versions.sort(), ['v1', 'v1alpha3', 'v1beta1']);
    assert.ok(crds.every((c) => c.versions.length > 0 && c.versions.every((v) => /^v\d/.test(v))));
  });
});

describe('proxy-versions', () => {
  it('reads the istio-proxy image tag of sidecars, native sidecars and gateways', () => {
    assert.equal(proxyVersion(pod('a', 'x', 'docker.io/istio/proxyv2:1.28.1')), '1.28.1');
    const native = pod('b', 'x');
    (native.spec as { initContainers: unknown[] }).initContainers = [
      { name: 'istio-proxy', image: 'gcr.io/istio-release/proxyv2:1.27.0-distroless' },
    ];
    assert.equal(proxyVersion(native), '1.27.0-distroless');
    assert.equal(proxyVersion(pod('c', 'x', 'auto')), undefined);
    assert.equal(proxyVersion(pod('d', 'x')), undefined);
  });

  it('groups proxies more than one minor behind by namespace and version', async () => {
    const pods = [
      pod('a', 'shop', 'istio/proxyv2:1.28.1'),
      pod('b', 'shop', 'istio/proxyv2:1.28.1'),
      pod('c', 'shop', 'istio/proxyv2:1.29.0'),
      pod('d', 'cart', 'istio/proxyv2:1.27.3'),
      ...Array.from({ length: 7 }, (_, i) => pod(`w${i}`, 'web', 'istio/proxyv2:1.26.0')),
    ];
    const msgs = await proxyVersions.run(context(new FakeCluster({ objects: pods })));
    assert.deepEqual(
      msgs.map((m) => [m.code, m.level, m.origin]),
      [
        ['ITS1004', 'Warning', 'Namespace cart'],
        ['ITS1004', 'Warning', 'Namespace shop'],
        ['ITS1004', 'Warning', 'Namespace web'],
      ],
    );
    assert.match(msgs[1]!.text, /^2 proxies run Istio 1\.28\.1 \(a, b\)/);
    assert.match(msgs[2]!.text, /w0, w1, w2, w3, w4 and 2 more/);
    const scoped = await proxyVersions.run(
      context(new FakeCluster({ objects: pods }), { namespace: 'cart' }),
    );
    assert.deepEqual(
      scoped.map((m) => m.origin),
      ['Namespace cart'],
    );
  });
});

describe('helm-release', () => {
  it('reports each Helm release that owns Istio objects', async () => {
    const d = istiod();
    d.metadata.labels = { ...d.metadata.labels, 'app.kubernetes.io/managed-by': 'Helm' };
    d.metadata.annotations = {
      'meta.helm.sh/release-name': 'istiod',
      'meta.helm.sh/release-namespace': 'istio-system',
    };
    const base = crd('gateways.networking.istio.io', 'networking.istio.io', 'Gateway', ['v1']);
    base.metadata.labels = { 'app.kubernetes.io/managed-by': 'Helm' };
    base.metadata.annotations = {
      'meta.helm.sh/release-name': 'istio-base',
      'meta.helm.sh/release-namespace': 'istio-system',
    };
    const unrelated = crd('certificates.cert-manager.io', 'cert-manager.io', 'Certificate', ['v1']);
    unrelated.metadata.labels = { 'app.kubernetes.io/managed-by': 'Helm' };
    unrelated.metadata.annotations = { 'meta.helm.sh/release-name': 'cert-manager' };
    const msgs = await helmRelease.run(context(new FakeCluster({ objects: [d, base, unrelated] })));
    assert.deepEqual(
      msgs.map((m) => [m.code, m.level, m.origin]),
      [
        ['ITS1005', 'Warning', 'CustomResourceDefinition gateways.networking.istio.io'],
        ['ITS1005', 'Warning', 'Deployment istio-system/istiod'],
      ],
    );
    assert.match(msgs[1]!.hint!, /helm uninstall istiod -n istio-system/);
    assert.deepEqual(await helmRelease.run(context(new FakeCluster({ objects: [istiod()] }))), []);
  });
});
