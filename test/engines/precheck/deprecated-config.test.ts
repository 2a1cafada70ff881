import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../../src/cluster/cluster.js';
import { FakeCluster } from '../../../src/cluster/fake.js';
import { deprecatedConfig } from '../../../src/engines/precheck/deprecated-config.js';
import { context, crd } from './support.js';

const vs = (ns: string, percent: number): KubeObject => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'reviews', namespace: ns },
  spec: {
    hosts: ['reviews'],
    http: [
      { fault: { delay: { percent, fixedDelay: '1s' } }, route: [{ destination: { host: 'reviews' } }] },
    ],
  },
});

describe('deprecated-config', () => {
  it('is quiet without deprecated config', async () => {
    assert.deepEqual(await deprecatedConfig.run(context(new FakeCluster({ objects: [vs('shop', 0)] }))), []);
  });

  it('reports deprecated fields and removed types as IST0002 with a hint, honouring -n', async () => {
    const c = new FakeCluster({
      objects: [
        vs('shop', 50),
        vs('cart', 10),
        crd('serviceroles.rbac.istio.io', 'rbac.istio.io', 'ServiceRole', ['v1alpha1']),
      ],
    });
    const msgs = await deprecatedConfig.run(context(c));
    assert.deepEqual(msgs.map((m) => [m.code, m.level, m.origin]).sort(), [
      ['IST0002', 'Warning', 'CustomResourceDefinition serviceroles.rbac.istio.io'],
      ['IST0002', 'Warning', 'VirtualService cart/reviews'],
      ['IST0002', 'Warning', 'VirtualService shop/reviews'],
    ]);
    assert.ok(msgs.every((m) => m.hint && m.check === 'deprecated-config'));
    assert.match(msgs.find((m) => m.origin?.startsWith('VirtualService'))!.text, /fault\.delay\.percent/);
    const scoped = await deprecatedConfig.run(context(c, { namespace: 'shop' }));
    assert.deepEqual(scoped.map((m) => m.origin).sort(), [
      'CustomResourceDefinition serviceroles.rbac.istio.io',
      'VirtualService shop/reviews',
    ]);
  });
});
