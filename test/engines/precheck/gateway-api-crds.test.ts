import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeCluster } from '../../../src/cluster/fake.js';
import { gatewayApiCrds } from '../../../src/engines/precheck/gateway-api-crds.js';
import { context, crd } from './support.js';

const G = 'gateway.networking.k8s.io';

describe('gateway-api-crds', () => {
  it('is quiet without Gateway API CRDs or with current ones', async () => {
    assert.deepEqual(await gatewayApiCrds.run(context(new FakeCluster())), []);
    const c = new FakeCluster({
      objects: [
        crd(`gateways.${G}`, G, 'Gateway', ['v1', 'v1beta1']),
        crd(`referencegrants.${G}`, G, 'ReferenceGrant', ['v1beta1']),
        crd(`tcproutes.${G}`, G, 'TCPRoute', ['v1alpha2']),
      ],
    });
    assert.deepEqual(await gatewayApiCrds.run(context(c)), []);
  });

  it('reports IST0156 without v1beta1 and IST0172 without v1', async () => {
    const c = new FakeCluster({
      objects: [
        crd(`httproutes.${G}`, G, 'HTTPRoute', ['v1alpha2']),
        crd(`grpcroutes.${G}`, G, 'GRPCRoute', ['v1alpha2']),
        crd('gateways.other.io', 'other.io', 'Gateway', ['v1alpha1']),
      ],
    });
    const msgs = await gatewayApiCrds.run(context(c));
    assert.deepEqual(
      msgs.map((m) => [m.code, m.origin]),
      [
        ['IST0172', `CustomResourceDefinition grpcroutes.${G}`],
        ['IST0156', `CustomResourceDefinition httproutes.${G}`],
        ['IST0172', `CustomResourceDefinition httproutes.${G}`],
      ],
    );
    assert.match(msgs[1]!.text, /v1alpha2.*v1beta1/);
  });

  it('counts only served versions, "none" when nothing is served', async () => {
    const o = crd(`gatewayclasses.${G}`, G, 'GatewayClass', []);
    (o.spec as { versions: unknown[] }).versions = [{ name: 'v1', served: false }];
    const msgs = await gatewayApiCrds.run(context(new FakeCluster({ objects: [o] })));
    assert.deepEqual(
      msgs.map((m) => m.code),
      ['IST0156', 'IST0172'],
    );
    assert.match(msgs[0]!.text, /version none is older/);
  });
});
