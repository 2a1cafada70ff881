import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeCluster } from '../../../src/cluster/fake.js';
import { controlPlane } from '../../../src/engines/precheck/control-plane.js';
import { context, istiod } from './support.js';

const codes = async (c: FakeCluster, revision = '') =>
  (await controlPlane.run(context(c, { revision }))).map((m) => `${m.code} ${m.level} ${m.origin}`);

describe('control-plane', () => {
  it('is quiet without a control plane', async () => {
    assert.deepEqual(await codes(new FakeCluster()), []);
  });

  it('notes each existing revision (Info) and accepts supported steps', async () => {
    const c = new FakeCluster({ objects: [istiod({ image: 'docker.io/istio/pilot:1.29.2-distroless' })] });
    const msgs = await controlPlane.run(context(c));
    assert.deepEqual(
      msgs.map((m) => m.code),
      ['ITS1002'],
    );
    assert.match(msgs[0]!.text, /"default" \(Istio 1\.29\.2-distroless\).*upgrades it in place/);
    const canary = new FakeCluster({ objects: [istiod({ image: 'istio/pilot:1.28.0' })] });
    assert.deepEqual(await codes(canary, 'canary'), ['ITS1002 Info Deployment istio-system/istiod']);
  });

  it('warns about in-place upgrades across more than one minor and canaries across more than two', async () => {
    const old = new FakeCluster({ objects: [istiod({ image: 'istio/pilot:1.28.0' })] });
    assert.deepEqual(await codes(old), [
      'ITS1002 Info Deployment istio-system/istiod',
      'ITS1001 Warning Deployment istio-system/istiod',
    ]);
    const older = new FakeCluster({
      objects: [istiod({ name: 'istiod-1-27', revision: '1-27', image: 'istio/pilot:1.27.1' })],
    });
    assert.deepEqual(await codes(older, 'canary'), [
      'ITS1002 Info Deployment istio-system/istiod-1-27',
      'ITS1001 Warning Deployment istio-system/istiod-1-27',
    ]);
  });

  it('warns about downgrades', async () => {
    const newer = new FakeCluster({ objects: [istiod({ image: 'istio/pilot:1.31.0' })] });
    const msgs = await controlPlane.run(context(newer, { revision: 'canary' }));
    assert.equal(msgs[1]?.code, 'ITS1001');
    assert.match(msgs[1]!.text, /downgrade/);
    assert.ok(msgs[1]!.hint);
  });
});
