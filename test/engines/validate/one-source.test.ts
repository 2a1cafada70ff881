// One source: the schema that generates the CRDs is the one the validator walks, and the semantic
// rules may only anchor at, and read, fields that schema has. Rules' reads are recorded through
// proxies while validating the conformance inputs and our own invalid documents.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateResource } from '../../../src/engines/validate/index.js';
import { RULES } from '../../../src/engines/validate/rules/index.js';
import { crdObject } from '../../../src/model/api/crd.js';
import { ISTIO_KINDS, kindByGroupKind } from '../../../src/model/api/kinds.js';
import { obj, type Schema, schemaAt, walkSchema } from '../../../src/model/api/schema.js';
import { conformanceIstioDocs } from '../../support/istio-docs.js';
import { CASES, sampleDoc } from './fixtures.js';
import { PROBES } from './probes.js';

type Obj = Record<string, any>;

/** Wraps a value so every property read is checked against the schema node it belongs to. */
function recorder(misses: Set<string>) {
  const wrap = (v: unknown, s: Schema | undefined, path: string): unknown => {
    if (!v || typeof v !== 'object' || !s) return v;
    if (Array.isArray(v)) {
      if (s.t !== 'array') return v;
      return new Proxy(v, {
        get: (t, p, rcv) =>
          typeof p === 'string' && /^\d+$/.test(p)
            ? wrap(t[Number(p)], s.items, `${path}[]`)
            : Reflect.get(t, p, rcv),
      });
    }
    if (s.t === 'map') {
      return new Proxy(v as Obj, {
        get: (t, p) => (typeof p === 'string' ? wrap(t[p], s.values, `${path}{}`) : Reflect.get(t, p)),
      });
    }
    if (s.t !== 'object') return v;
    return new Proxy(v as Obj, {
      get: (t, p) => {
        if (typeof p !== 'string') return Reflect.get(t, p);
        const child = s.props[p];
        if (!child && !(p in Object.prototype)) misses.add(`${path}.${p}`);
        return wrap(t[p], child, `${path}.${p}`);
      },
    });
  };
  return wrap;
}

describe('schema, CRDs and validator share one source', () => {
  it('every rule anchors at a path of its kind schema', () => {
    for (const k of ISTIO_KINDS) {
      const root = obj({ spec: k.spec });
      for (const rule of RULES[k.kind] ?? []) assert.ok(schemaAt(root, rule.at), `${k.kind}: ${rule.at}`);
    }
    assert.deepEqual(Object.keys(RULES).sort(), ISTIO_KINDS.map((k) => k.kind).sort());
  });

  it('the generated CRD of each kind has exactly the schema paths the validator walks', () => {
    for (const k of ISTIO_KINDS) {
      const fromSchema: string[] = [];
      walkSchema(k.spec, (p) => fromSchema.push(`.spec${p}`));
      const crdPaths: string[] = [];
      const visit = (n: Obj, p: string) => {
        crdPaths.push(p);
        for (const [c, v] of Object.entries<Obj>(n.properties ?? {})) visit(v, `${p}.${c}`);
        if (n.items) visit(n.items, `${p}[]`);
        if (n.additionalProperties) visit(n.additionalProperties, `${p}{}`);
      };
      const crd = crdObject(k) as Obj;
      visit(crd.spec.versions[0].schema.openAPIV3Schema.properties.spec, '.spec');
      assert.deepEqual(crdPaths.sort(), fromSchema.sort(), k.kind);
    }
  });

  it('rules read only fields their schema has', async () => {
    const misses = new Set<string>();
    const wrap = recorder(misses);
    const run = (o: Obj) => {
      const info = kindByGroupKind(String(o.apiVersion).split('/')[0]!, o.kind)!;
      validateResource(o, undefined, {
        wrap: (v, spath) => wrap(v, schemaAt(obj({ spec: info.spec }), spath), spath),
      });
    };
    let n = 0;
    for (const d of await conformanceIstioDocs()) {
      run(d.value);
      n++;
    }
    for (const p of PROBES) {
      run(p);
      n++;
    }
    for (const [kind, c] of Object.entries(CASES)) {
      for (const [, mutate] of c.invalid) {
        const spec = structuredClone(c.valid);
        mutate(spec);
        run(sampleDoc(kind, spec));
        n++;
      }
    }
    assert.ok(n > 250);
    assert.deepEqual([...misses].sort(), []);
  });

  it('the recorder notices a read outside the schema', () => {
    const misses = new Set<string>();
    const wrapped = recorder(misses)(
      { hosts: [] },
      CASES.VirtualService && ISTIO_KINDS.find((k) => k.kind === 'VirtualService')!.spec,
      '.spec',
    ) as Obj;
    void wrapped.hostz;
    assert.deepEqual([...misses], ['.spec.hostz']);
  });
});
