import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../../src/cluster/cluster.js';
import { FakeCluster } from '../../../src/cluster/fake.js';
import {
  DEFAULT_CHANGES,
  fromVersionMessages,
  parseFromVersion,
} from '../../../src/engines/precheck/from-version.js';
import { istiod, service } from './support.js';

const run = (c: FakeCluster, fromMinor: number, ourMinor = 30) =>
  fromVersionMessages({ cluster: c, istioNamespace: 'istio-system', fromMinor, ourMinor });

describe('from-version', () => {
  it('parses 1.X and rejects other shapes', () => {
    assert.equal(parseFromVersion('1.21'), 21);
    assert.throws(() => parseFromVersion('121'), /invalid version 121/);
    assert.throws(() => parseFromVersion('2.1'), /expected major version 1, got 2\.1/);
    assert.throws(() => parseFromVersion('1.x'), /minor version is not a number: x/);
    assert.throws(() => parseFromVersion('1.21.3'), /minor version is not a number: 21\.3/);
  });

  it('reports IST0169 for the zipkin Service when coming from 1.21 or older', async () => {
    const c = new FakeCluster({ objects: [service('zipkin')] });
    const msgs = await run(c, 21, 21);
    assert.deepEqual(
      msgs.map((m) => [m.code, m.level, m.origin]),
      [['IST0169', 'Warning', 'Service istio-system/zipkin']],
    );
    assert.match(msgs[0]!.text, /meshConfig\.defaultConfig\.tracer/);
    assert.deepEqual(await run(new FakeCluster(), 21, 21), []);
    assert.deepEqual(await run(c, 22, 22), []);
  });

  it('lists every default changed after the from-version up to ours, as IST0168', async () => {
    const c = new FakeCluster({ objects: [istiod()] });
    const msgs = await run(c, 27);
    const fields = msgs.map((m) => m.text.match(/default of (\S+)/)![1]);
    const want = DEFAULT_CHANGES.filter((d) => d.minor > 27 && d.where === 'pilot-env').map(
      (d) => `values.pilot.env.${d.key}`,
    );
    assert.deepEqual(fields, want);
    assert.ok(msgs.every((m) => m.code === 'IST0168' && m.origin === 'Deployment istio-system/istiod'));
    assert.ok(msgs.every((m) => m.text.includes('compatibility version 1.27')));
    assert.deepEqual(await run(c, 30), []);
  });

  it('suggests a compatibility version that exists and restores the change', async () => {
    const msgs = await run(new FakeCluster({ objects: [istiod()] }), 23);
    const compat = (key: string) => msgs.find((m) => m.text.includes(key))!.text;
    assert.match(compat('ENABLE_NATIVE_SIDECARS'), /compatibility version 1\.25\./);
    assert.match(
      compat('ENABLE_INBOUND_RETRY_POLICY'),
      /compatibility version none \(no profile restores it/,
    );
    assert.doesNotMatch(compat('ENABLE_NATIVE_SIDECARS'), /1\.23/);
  });

  it('skips settings the cluster pins and CNI settings without istio-cni', async () => {
    const cm: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'istio', namespace: 'istio-system' },
      data: { mesh: 'defaultConfig:\n  proxyMetadata:\n    ISTIO_DELTA_XDS: "false"\n' },
    };
    const c = new FakeCluster({ objects: [istiod({ env: ['ENABLE_NATIVE_SIDECARS'] }), cm] });
    const text = (await run(c, 21)).map((m) => m.text).join('\n');
    assert.doesNotMatch(text, /ENABLE_NATIVE_SIDECARS|ISTIO_DELTA_XDS|reconcileIptablesOnStartup/);
    assert.match(text, /ENABLE_DEFERRED_CLUSTER_CREATION/);
    const cni: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: {
        name: 'istio-cni-node',
        namespace: 'istio-system',
        labels: { 'k8s-app': 'istio-cni-node' },
      },
    };
    const withCni = new FakeCluster({ objects: [cni] });
    assert.match(
      (await run(withCni, 28)).map((m) => m.text).join('\n'),
      /values\.cni\.ambient\.reconcileIptablesOnStartup/,
    );
    assert.ok((await run(withCni, 28)).every((m) => m.origin === 'Cluster'));
  });
});
