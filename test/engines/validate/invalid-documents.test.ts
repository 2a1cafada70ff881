// Our own invalid documents, at least five per kind: each must be rejected with an error at the
// named field path (and the valid base document of each kind must pass).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateResource } from '../../../src/engines/validate/index.js';
import { ISTIO_KINDS } from '../../../src/model/api/kinds.js';
import { CASES, sampleDoc } from './fixtures.js';

describe('invalid documents of ours', () => {
  it('cover every kind with at least five cases', () => {
    for (const k of ISTIO_KINDS) {
      const errors = (CASES[k.kind]?.invalid ?? []).filter(([p]) => !p.startsWith('warn:'));
      assert.ok(errors.length >= 5, k.kind);
    }
  });

  for (const [kind, c] of Object.entries(CASES)) {
    it(`${kind}: the base document is valid`, () => {
      assert.deepEqual(
        validateResource(sampleDoc(kind, structuredClone(c.valid))).filter((i) => i.level === 'Error'),
        [],
      );
    });
    for (const [i, [expected, mutate]] of c.invalid.entries()) {
      const level = expected.startsWith('warn:') ? 'Warning' : 'Error';
      const path = expected.replace(/^warn:/, '');
      it(`${kind} #${i}: ${level} at ${path}`, () => {
        const spec = structuredClone(c.valid);
        mutate(spec);
        const found = validateResource(sampleDoc(kind, spec)).filter((x) => x.level === level);
        assert.ok(
          found.some((e) => e.path === path),
          `want ${level} at ${path}, got ${JSON.stringify(found.map((e) => `${e.path}: ${e.message}`))}`,
        );
      });
    }
  }
});
