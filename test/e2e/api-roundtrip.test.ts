// The API server of the local test cluster accepts our generated CRDs, and every Istio document of the
// analyze and inject conformance inputs survives a round trip through it without losing a field (a field
// missing from a structural schema would be pruned silently).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Cluster, KubeObject } from '../../src/cluster/cluster.js';
import { validateResource } from '../../src/engines/validate/index.js';
import { crdObjects } from '../../src/model/api/crd.js';
import { conformanceIstioDocs } from '../support/istio-docs.js';
import { adminCluster, uniqueName } from './support/cluster.js';

const FM = 'istioctl-ts-api-roundtrip';
type Obj = Record<string, any>;

/** null carries no data: the API server drops it, and so does the comparison. */
function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== null && x !== undefined)
        .map(([k, x]) => [k, withoutNulls(x)]),
    );
  }
  return v;
}

interface Doc {
  key: string;
  value: Obj;
  /** Misses a field the schema requires: upstream's CRDs refuse it, and so must ours. */
  refused: boolean;
}

async function istioDocs(): Promise<Doc[]> {
  const out: Doc[] = [];
  for (const d of await conformanceIstioDocs()) {
    const issues = validateResource(d.value);
    // fields the schema does not have would be refused or pruned by any API server: not ours to keep
    if (issues.some((i) => i.message.includes('unknown field'))) continue;
    out.push({
      key: `${d.key}:${d.line}`,
      value: d.value,
      refused: issues.some((i) => i.message === `${i.path.split('.').pop()} is required`),
    });
  }
  return out;
}

describe('API round trip through our CRDs', () => {
  let cluster: Cluster;
  const ns = uniqueName('e2e-api');

  before(async () => {
    cluster = await adminCluster();
    for (const crd of crdObjects()) await cluster.apply(crd as KubeObject, { fieldManager: FM, force: true });
    for (const crd of crdObjects()) {
      await cluster.wait(
        {
          apiVersion: 'apiextensions.k8s.io/v1',
          kind: 'CustomResourceDefinition',
          name: (crd as Obj).metadata.name,
        },
        (o) =>
          ((o?.status as Obj | undefined)?.conditions ?? []).some(
            (c: Obj) => c.type === 'Established' && c.status === 'True',
          ),
        { timeoutMs: 60_000, intervalMs: 200 },
      );
    }
    await cluster.apply(
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
      { fieldManager: FM },
    );
  });

  after(async () => {
    await cluster?.delete({ apiVersion: 'v1', kind: 'Namespace', name: ns });
  });

  it('the API server accepts and serves every CRD', async () => {
    for (const crd of crdObjects()) {
      const got = await cluster.get({
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        name: (crd as Obj).metadata.name,
      });
      const conds: Obj[] = (got?.status as Obj | undefined)?.conditions ?? [];
      assert.ok(
        conds.some((c) => c.type === 'NamesAccepted' && c.status === 'True'),
        (crd as Obj).metadata.name,
      );
      assert.ok(
        !conds.some((c) => c.type === 'NonStructuralSchema' && c.status === 'True'),
        (crd as Obj).metadata.name,
      );
    }
  });

  it('loses no field of any conformance document', async () => {
    const docs = await istioDocs();
    assert.ok(docs.length > 100, `${docs.length}`);
    const lost: string[] = [];
    let refusals = 0;
    for (const [i, d] of docs.entries()) {
      const name = `doc-${i}`;
      const obj = {
        apiVersion: d.value.apiVersion,
        kind: d.value.kind,
        metadata: { name, namespace: ns },
        spec: d.value.spec ?? {},
      } as KubeObject;
      // discovery may lag a moment behind Established
      let applied: KubeObject | undefined;
      for (let attempt = 0; !applied; attempt++) {
        try {
          applied = await cluster.apply(obj, { fieldManager: FM });
        } catch (err) {
          if (attempt >= 30 || !/not found|could not find|no matches/i.test(String(err))) {
            if (!d.refused) lost.push(`${d.key}: refused: ${(err as Error).message}`);
            else refusals++;
            break;
          }
          await new Promise((r) => setTimeout(r, 200));
        }
      }
      if (!applied) continue;
      if (d.refused) lost.push(`${d.key}: accepted although a required field is missing`);
      const got = await cluster.get({ apiVersion: obj.apiVersion, kind: obj.kind, namespace: ns, name });
      const want = withoutNulls(JSON.parse(JSON.stringify(obj.spec)));
      try {
        assert.deepEqual(withoutNulls(got?.spec), want);
      } catch {
        lost.push(`${d.key}: sent ${JSON.stringify(want)} got ${JSON.stringify(got?.spec)}`);
      }
    }
    const kept = docs.length - lost.length - refusals;
    console.log(
      `api round trip: ${kept}/${docs.length - refusals} documents kept every field; ${refusals} refused for a missing required field`,
    );
    assert.ok(refusals > 0 && kept > 100);
    assert.deepEqual(lost, []);
  });
});
