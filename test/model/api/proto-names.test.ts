// Every object and enum of every kind's schema has its protobuf type name, and every name belongs to a
// schema path: decode errors can always name the type, as istioctl's do.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ISTIO_KINDS } from '../../../src/model/api/kinds.js';
import { PROTO_NAMES } from '../../../src/model/api/proto-names.js';
import { walkSchema } from '../../../src/model/api/schema.js';

describe('protobuf type names', () => {
  it('cover exactly the objects and enums of the schemas', () => {
    const wanted: string[] = [];
    for (const k of ISTIO_KINDS) {
      walkSchema(k.spec, (p, s) => {
        if ((s.t === 'object' && !s.preserve) || (s.t === 'string' && s.enum)) wanted.push(`${k.kind}${p}`);
      });
    }
    assert.deepEqual(Object.keys(PROTO_NAMES).sort(), wanted.sort());
    for (const n of Object.values(PROTO_NAMES))
      assert.match(n, /^istio\.[a-z]+\.v\d+(alpha|beta)?\d*\.[A-Z][\w.]*$/);
  });
});
