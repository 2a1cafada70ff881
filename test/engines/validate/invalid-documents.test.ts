// Our own invalid documents, at least five per kind: each must be rejected with an error at the
// named field path (and the valid base document of each kind must pass).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateResource } from '../../../src/engines/validate/index.js';
import { ISTIO_KINDS } from '../../../src/model/api/kinds.js';
import { CASES, sampleDoc } from './fixtures.js';

describe('invalid documents of ours', () => {
  it('cover every kind with at least five cases', () => {
    for (const k of ISTIO_KINDS) assert.ok((CASES[k.kind]?.invalid.length ?? 0) >= 5, k.kind);
  });

  for (const [kind, c] of Object.entries(CASES)) {
    it(`${kind}: the base document is valid`, () => {
      assert.deepEqual(
        validateResource(sampleDoc(kind, structuredClone(c.valid))).filter((i) => i.level === 'Error'),
        [],
      );
    });
    for (const [i, [path, mutate]] of c.invalid.entries()) {
      it(`${kind} #${i}: error at ${path}`, () => {
        const spec = structuredClone(c.valid);
        mutate(spec);
        const errs = validateResource(sampleDoc(kind, spec)).filter((x) => x.level === 'Error');
        assert.ok(
          errs.some((e) => e.path === path),
          `want an error at ${path}, got ${JSON.stringify(errs.map((e) => `${e.path}: ${e.message}`))}`,
        );
      });
    }
  }
});
