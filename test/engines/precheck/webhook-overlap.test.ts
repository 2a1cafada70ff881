import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeCluster } from '../../../src/cluster/fake.js';
import { webhookOverlap } from '../../../src/engines/precheck/webhook-overlap.js';
import { context, injectorWebhookConfig, namespace } from './support.js';

/** The webhooks the istiod chart renders for a revision (legacy adds the istio-injection ones). */
type Requirement = { key: string; operator: string; values?: string[] };

function revisionWebhooks(name: string, rev: string, legacy: boolean) {
  const notDisabled: Requirement = { key: 'sidecar.istio.io/inject', operator: 'NotIn', values: ['false'] };
  const revIs: Requirement = { key: 'istio.io/rev', operator: 'In', values: [rev] };
  const noRev: Requirement = { key: 'istio.io/rev', operator: 'DoesNotExist' };
  const noLegacy: Requirement = { key: 'istio-injection', operator: 'DoesNotExist' };
  const hooks = [
    {
      name: 'rev.namespace.sidecar-injector.istio.io',
      namespaceSelector: { matchExpressions: [revIs, noLegacy] },
      objectSelector: { matchExpressions: [notDisabled] },
    },
    {
      name: 'rev.object.sidecar-injector.istio.io',
      namespaceSelector: { matchExpressions: [noRev, noLegacy] },
      objectSelector: { matchExpressions: [notDisabled, revIs] },
    },
  ];
  if (legacy) {
    hooks.push(
      {
        name: 'namespace.sidecar-injector.istio.io',
        namespaceSelector: {
          matchExpressions: [{ key: 'istio-injection', operator: 'In', values: ['enabled'] }],
        },
        objectSelector: { matchExpressions: [notDisabled] },
      },
      {
        name: 'object.sidecar-injector.istio.io',
        namespaceSelector: { matchExpressions: [noLegacy, noRev] },
        objectSelector: {
          matchExpressions: [{ key: 'sidecar.istio.io/inject', operator: 'In', values: ['true'] }, noRev],
        },
      },
    );
  }
  return injectorWebhookConfig(name, rev === 'default' ? undefined : rev, hooks);
}

describe('webhook-overlap', () => {
  it('accepts a default and a canary revision with their own selectors', async () => {
    const c = new FakeCluster({
      objects: [
        revisionWebhooks('istio-sidecar-injector', 'default', true),
        revisionWebhooks('istio-sidecar-injector-canary', 'canary', false),
        namespace('shop', { 'istio-injection': 'enabled' }),
        namespace('cart', { 'istio.io/rev': 'canary' }),
      ],
    });
    assert.deepEqual(await webhookOverlap.run(context(c)), []);
  });

  it('reports two revisions that both select istio-injection=enabled, naming a live namespace', async () => {
    const c = new FakeCluster({
      objects: [
        revisionWebhooks('istio-sidecar-injector', 'default', true),
        revisionWebhooks('istio-sidecar-injector-canary', 'canary', true),
        namespace('shop', { 'istio-injection': 'enabled' }),
      ],
    });
    const msgs = await webhookOverlap.run(context(c));
    assert.deepEqual(
      msgs.map((m) => [m.code, m.level, m.origin]),
      [['IST0139', 'Error', 'MutatingWebhookConfiguration istio-sidecar-injector']],
    );
    assert.match(msgs[0]!.text, /istio-sidecar-injector-canary \(revision "canary"\)/);
    assert.match(msgs[0]!.text, /namespace shop/);
    assert.ok(msgs[0]!.hint);
  });

  it('finds the overlap from the selectors alone when no namespace carries the labels', async () => {
    const c = new FakeCluster({
      objects: [
        revisionWebhooks('istio-sidecar-injector', 'default', true),
        revisionWebhooks('istio-sidecar-injector-canary', 'canary', true),
      ],
    });
    const [m] = await webhookOverlap.run(context(c));
    assert.match(m!.text, /a namespace labelled /);
  });

  it('ignores configurations without injector webhooks', async () => {
    const c = new FakeCluster({
      objects: [
        revisionWebhooks('istio-sidecar-injector', 'default', true),
        injectorWebhookConfig('x', 'x', [{ name: 'validation.istio.io' }]),
      ],
    });
    assert.deepEqual(await webhookOverlap.run(context(c)), []);
  });

  it('includes the webhooks of the install about to run, replacing same-named ones', async () => {
    const c = new FakeCluster({
      objects: [
        revisionWebhooks('istio-sidecar-injector', 'default', true),
        namespace('shop', { 'istio-injection': 'enabled' }),
      ],
    });
    // A second revision rendered with the legacy selectors would take istio-injection=enabled too.
    const planned = [revisionWebhooks('istio-sidecar-injector-canary', 'canary', true)];
    const [m, ...rest] = await webhookOverlap.run(context(c, { plannedObjects: planned }));
    assert.equal(rest.length, 0);
    assert.match(m!.text, /istio-sidecar-injector-canary \(revision "canary", to be installed\)/);
    // Re-rendering the default revision itself replaces it: no overlap with its old self.
    const again = [revisionWebhooks('istio-sidecar-injector', 'default', true)];
    assert.deepEqual(await webhookOverlap.run(context(c, { plannedObjects: again })), []);
  });
});
