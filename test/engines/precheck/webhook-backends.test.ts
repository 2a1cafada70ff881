import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeCluster } from '../../../src/cluster/fake.js';
import { webhookBackends } from '../../../src/engines/precheck/webhook-backends.js';
import { context, endpointSlice, injectorWebhookConfig, service } from './support.js';

const injector = (svc = 'istiod', failurePolicy = 'Fail') =>
  injectorWebhookConfig('istio-sidecar-injector', undefined, [
    { name: 'rev.namespace.sidecar-injector.istio.io', service: svc, failurePolicy },
    { name: 'rev.object.sidecar-injector.istio.io', service: svc, failurePolicy },
  ]);

describe('webhook-backends', () => {
  it('is quiet when the Service has a ready endpoint', async () => {
    const c = new FakeCluster({
      objects: [injector(), service('istiod'), endpointSlice('istiod', [false, true])],
    });
    assert.deepEqual(await webhookBackends.run(context(c)), []);
  });

  it('reports one IST0139 per configuration and Service without ready endpoints', async () => {
    const c = new FakeCluster({ objects: [injector(), service('istiod'), endpointSlice('istiod', [false])] });
    const msgs = await webhookBackends.run(context(c));
    assert.deepEqual(
      msgs.map((m) => [m.code, m.level, m.origin, m.check]),
      [['IST0139', 'Error', 'MutatingWebhookConfiguration istio-sidecar-injector', 'webhook-backends']],
    );
    assert.match(msgs[0]!.text, /istio-system\/istiod, which has no ready endpoints/);
    assert.match(msgs[0]!.text, /rev\.namespace\.sidecar-injector\.istio\.io, rev\.object/);
    assert.match(msgs[0]!.hint!, /scale/);
    // Scaled to zero: the slice has no endpoints at all.
    const zero = new FakeCluster({ objects: [injector(), service('istiod'), endpointSlice('istiod', [])] });
    assert.equal((await webhookBackends.run(context(zero))).length, 1);
  });

  it('reports a missing Service, ignores failurePolicy Ignore and non-Istio webhooks', async () => {
    const missing = new FakeCluster({ objects: [injector('istiod-canary')] });
    const [m] = await webhookBackends.run(context(missing));
    assert.match(m!.text, /istiod-canary, which does not exist/);
    const ignore = new FakeCluster({ objects: [injector('istiod-canary', 'Ignore')] });
    assert.deepEqual(await webhookBackends.run(context(ignore)), []);
    const other = injector('nothing');
    other.metadata.name = 'cert-manager-webhook';
    other.metadata.labels = {};
    (other.webhooks as Array<{ name: string }>).forEach((w) => {
      w.name = 'webhook.cert-manager.io';
    });
    assert.deepEqual(await webhookBackends.run(context(new FakeCluster({ objects: [other] }))), []);
  });
});
