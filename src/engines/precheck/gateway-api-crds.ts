// Upstream check 3: installed Gateway API CRDs must serve the versions Istio reads: v1beta1 for the
// kinds Istio supports today (IST0156) and v1 for the kinds it will soon read only as v1 (IST0172).
import type { Check } from './context.js';
import { msg, originOf } from './messages.js';

const GATEWAY_GROUP = 'gateway.networking.k8s.io';
const BETA_KINDS = new Set(['Gateway', 'GatewayClass', 'HTTPRoute', 'ReferenceGrant']);
const STABLE_KINDS = new Set(['Gateway', 'GatewayClass', 'HTTPRoute', 'GRPCRoute']);

interface CrdSpec {
  group?: string;
  names?: { kind?: string };
  versions?: Array<{ name: string; served?: boolean }>;
}

export const gatewayApiCrds: Check = {
  name: 'gateway-api-crds',
  upstream: true,
  async run(ctx) {
    const crds = await ctx.cluster.list({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
    });
    const out = [];
    for (const crd of crds) {
      const spec = (crd.spec ?? {}) as CrdSpec;
      if (spec.group !== GATEWAY_GROUP) continue;
      const kind = spec.names?.kind ?? '';
      const served = [...new Set((spec.versions ?? []).filter((v) => v.served).map((v) => v.name))].sort();
      const has = served.length > 0 ? served.join(',') : 'none';
      const origin = originOf('CustomResourceDefinition', crd.metadata.name);
      if (BETA_KINDS.has(kind) && !served.includes('v1beta1'))
        out.push(msg.unsupportedGatewayAPIVersion(origin, has, 'v1beta1'));
      if (STABLE_KINDS.has(kind) && !served.includes('v1'))
        out.push(msg.futureUnsupportedGatewayAPIVersion(origin, has, 'v1'));
    }
    return out;
  },
};
