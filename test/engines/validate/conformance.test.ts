// Every Istio document in the analyze and inject conformance inputs (read at test time) gets
// upstream's verdict. The documents upstream rejects are listed with the field that makes them
// invalid and the rule that says so; everything else must validate without errors.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { validateResource } from '../../../src/engines/validate/index.js';
import { conformanceIstioDocs } from '../../support/istio-docs.js';
import { conformanceRoot } from '../../support/run-cli.js';

/** file#Kind/name → the path upstream's validation rejects (rule in the comment). */
const INVALID: Record<string, string> = {
  // validateServer: "port is required"
  'analyze/inputs/testdata/conflicting-gateways-invalid-port.yaml#Gateway/beta': 'spec.servers[0].port',
  'analyze/inputs/testdata/conflicting-gateways-invalid-port.yaml#Gateway/alpha': 'spec.servers[0].port',
  // ValidateGateway: port names in servers must be unique
  'analyze/inputs/testdata/conflicting-gateways-multiple-ports.yaml#Gateway/beta':
    'spec.servers[1].port.name',
  'analyze/inputs/testdata/conflicting-gateways-multiple-ports.yaml#Gateway/alpha':
    'spec.servers[1].port.name',
  // v1alpha1-era fields a strict decode rejects
  'analyze/inputs/testdata/deprecation.yaml#EnvoyFilter/istio-multicluster-egressgateway':
    'spec.workloadLabels',
  // a fault alone is no route
  'analyze/inputs/testdata/deprecation.yaml#VirtualService/productpage': 'spec.http[0]',
  // unknown field in the patch match
  'analyze/inputs/testdata/envoy-filter-add-operation.yaml#EnvoyFilter/test-auth-4':
    'spec.configPatches[0].match.app',
  'analyze/inputs/testdata/envoy-filter-add-operation.yaml#EnvoyFilter/test-auth-5':
    'spec.configPatches[0].match.app',
  // gateway must have at least one server
  'analyze/inputs/testdata/gateway-no-workload.yaml#Gateway/httpbin-gateway': 'spec.servers',
  'analyze/inputs/testdata/virtualservice_gateways.yaml#Gateway/httpbin-gateway': 'spec.servers',
  'analyze/inputs/testdata/virtualservice_gateways.yaml#Gateway/crossnamespace-gw': 'spec.servers',
  // SIMPLE TLS without certificates or a credential
  'analyze/inputs/testdata/gateway-secrets.yaml#Gateway/defaultgateway-nocredential': 'spec.servers[0].tls',
  // selector and targetRef together
  'analyze/inputs/testdata/k8sgateway-selector.yaml#Telemetry/telemetry-effective': 'spec',
  // applyTo CLUSTER with a listener match
  'analyze/inputs/testdata/relative-envoy-filter-operation.yaml#EnvoyFilter/test-relative-3':
    'spec.configPatches[1].match',
  // ServiceEntry host `*`
  'analyze/inputs/testdata/virtualservice_destinationhosts.yaml#ServiceEntry/service-entry-ignore':
    'spec.hosts[0]',
  // route entry without destination
  'analyze/inputs/testdata/virtualservice_destinationhosts.yaml#VirtualService/reviews-bogushost':
    'spec.http[0].route[0].destination',
  // no http, tcp or tls
  'analyze/inputs/testdata/virtualservice_gateways.yaml#VirtualService/httpbin': 'spec',
  'analyze/inputs/testdata/virtualservice_gateways.yaml#VirtualService/httpbin-bogus': 'spec',
  'analyze/inputs/testdata/virtualservice_gateways.yaml#VirtualService/httpbin-mesh': 'spec.hosts[0]',
  'analyze/inputs/testdata/virtualservice_gateways.yaml#VirtualService/cross-test': 'spec',
  // `~` is not a DNS label (generated gateway names are accepted only with gateway semantics)
  'analyze/inputs/testdata/virtualservice_internal_gateway_ref.yaml#VirtualService/httpbin':
    'spec.gateways[0]',
};

describe('validate verdicts on the conformance inputs', async () => {
  const docs = await conformanceIstioDocs();

  it('finds Istio documents of many kinds', () => {
    assert.ok(docs.length > 150, `${docs.length}`);
    assert.ok(new Set(docs.map((d) => d.value.kind)).size >= 10);
  });

  it('accepts every document upstream accepts', () => {
    const wrong: string[] = [];
    let valid = 0;
    for (const d of docs) {
      if (d.key in INVALID) continue;
      valid++;
      const errs = validateResource(d.value, d).filter((i) => i.level === 'Error');
      if (errs.length) wrong.push(`${d.key}: ${errs.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
    }
    console.log(`validate: ${valid - wrong.length}/${valid} upstream-valid documents accepted`);
    assert.deepEqual(wrong, []);
  });

  it('rejects the documents upstream rejects, at the offending field', () => {
    const seen = new Set<string>();
    for (const d of docs) {
      const want = INVALID[d.key];
      if (want === undefined) continue;
      seen.add(d.key);
      const errs = validateResource(d.value, d).filter((i) => i.level === 'Error');
      assert.ok(
        errs.some((e) => e.path === want),
        `${d.key}: want ${want}, got ${JSON.stringify(errs)}`,
      );
      for (const e of errs)
        assert.ok(e.line! >= d.line, `${d.key}: line ${e.line} before document start ${d.line}`);
    }
    assert.deepEqual([...seen].sort(), Object.keys(INVALID).sort());
  });

  it('reports unreachable rules and ineffective matches as analyze expects', () => {
    const by = new Map<string, Set<string>>();
    for (const d of docs) {
      if (!/virtualservice_(dupmatches|overlappingmatches)/.test(d.key)) continue;
      for (const i of validateResource(d.value, d)) {
        if (!i.analysis) continue;
        const set = by.get(i.analysis.type) ?? new Set<string>();
        set.add(
          `${d.value.metadata.namespace ? `${d.value.metadata.namespace}/` : ''}${d.value.metadata.name}`,
        );
        by.set(i.analysis.type, set);
      }
    }
    const cases = JSON.parse(readFileSync(join(conformanceRoot, 'analyze', 'cases.json'), 'utf8')) as {
      name: string;
      expected: { name: string; resource: string }[];
    }[];
    const want = new Map<string, Set<string>>();
    for (const e of cases.find((c) => c.name === 'dupmatches')!.expected) {
      const type = e.name;
      const set = want.get(type) ?? new Set<string>();
      set.add(e.resource.replace(/^VirtualService /, ''));
      want.set(type, set);
    }
    for (const [type, set] of want) assert.deepEqual([...(by.get(type) ?? [])].sort(), [...set].sort(), type);
  });
});
