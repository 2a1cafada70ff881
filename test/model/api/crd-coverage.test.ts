// Walks every property path of upstream's CRDs (the conformance oracle, read at test time) and checks
// that our generated CRDs have it with the same type and structural extras, for every kind and version.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { crdObjects } from '../../../src/model/api/crd.js';
import { conformanceRoot } from '../../support/run-cli.js';

type Json = Record<string, any>;

const oracle: Json[] = parseAllDocuments(
  readFileSync(join(conformanceRoot, 'crds', 'crd-all.gen.yaml'), 'utf8'),
)
  .map((d) => d.toJS() as Json)
  .filter(Boolean);
const ours = new Map(crdObjects().map((c: Json) => [c.metadata.name as string, c]));

/** The facts of one schema node that a structural schema must keep. */
function facts(n: Json): string {
  const f = [
    n.type ?? '',
    n['x-kubernetes-int-or-string'] ? 'int-or-string' : '',
    n['x-kubernetes-preserve-unknown-fields'] ? 'preserve-unknown' : '',
    n.format ? `format=${n.format}` : '',
    n.enum ? `enum=${n.enum.join('|')}` : '',
    n.nullable ? 'nullable' : '',
    n.required ? `required=${[...n.required].sort().join(',')}` : '',
    n.oneOf ? `oneOf=${JSON.stringify(n.oneOf)}` : '',
    n['x-kubernetes-list-type']
      ? `list=${n['x-kubernetes-list-type']}:${n['x-kubernetes-list-map-keys']}`
      : '',
  ];
  return f.filter(Boolean).join(' ');
}

export function paths(n: Json, p = '', out = new Map<string, string>()): Map<string, string> {
  out.set(p || '.', facts(n));
  for (const [k, c] of Object.entries<Json>(n.properties ?? {})) paths(c, `${p}.${k}`, out);
  if (n.items) paths(n.items, `${p}[]`, out);
  if (n.additionalProperties && typeof n.additionalProperties === 'object')
    paths(n.additionalProperties, `${p}{}`, out);
  return out;
}

describe('generated CRDs cover upstream property paths', () => {
  let total = 0;
  let present = 0;
  let exact = 0;
  const missing: string[] = [];
  const differing: string[] = [];
  for (const up of oracle) {
    const name = up.metadata.name as string;
    const mine = ours.get(name);
    it(`${name}: exists with the same names, scope and versions`, () => {
      assert.ok(mine, `no CRD ${name}`);
      assert.deepEqual(mine.spec.names, up.spec.names);
      assert.equal(mine.spec.scope, up.spec.scope);
      assert.equal(mine.spec.group, up.spec.group);
      assert.deepEqual(mine.metadata.labels, up.metadata.labels);
      const v = (c: Json) =>
        c.spec.versions.map((x: Json) => ({
          name: x.name,
          served: x.served,
          storage: x.storage,
          subresources: x.subresources,
          columns: (x.additionalPrinterColumns ?? []).map(
            (col: Json) => `${col.name} ${col.type} ${col.jsonPath}`,
          ),
        }));
      assert.deepEqual(v(mine), v(up));
    });
    for (const ver of up.spec.versions as Json[]) {
      const theirs = paths(ver.schema.openAPIV3Schema);
      const mineVer = (mine?.spec.versions as Json[] | undefined)?.find((x) => x.name === ver.name);
      const our = mineVer ? paths(mineVer.schema.openAPIV3Schema) : new Map<string, string>();
      for (const [p, f] of theirs) {
        total++;
        const o = our.get(p);
        if (o === undefined) missing.push(`${name} ${ver.name} ${p} (${f})`);
        else {
          present++;
          if (o === f) exact++;
          else differing.push(`${name} ${ver.name} ${p}: ours "${o}" upstream "${f}"`);
        }
      }
      it(`${name} ${ver.name}: no property paths beyond upstream's`, () => {
        const extra = [...our.keys()].filter((p) => !theirs.has(p));
        assert.deepEqual(extra, []);
      });
    }
  }
  it('every upstream property path is present with the same type and structural facts', () => {
    const pct = (n: number) => ((100 * n) / total).toFixed(2);
    console.log(
      `CRD property paths: ${present}/${total} present (${pct(present)}%), ${exact} exact (${pct(exact)}%)`,
    );
    assert.deepEqual(missing, []);
    assert.deepEqual(differing, []);
  });
});
