// Every upstream injection template (conformance inject-config.yaml, read at test time) renders for
// several conformance pods exactly as the Go oracle rendered it with the same data.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { conformanceRoot, repoRoot } from '../../support/run-cli.js';
import { type Result, runVector, type Vector } from './support.js';

const mod = './inject-vectors.mjs';
const { injectVectors } = (await import(mod)) as { injectVectors: (dir: string) => Vector[] };
const vectors = injectVectors(join(conformanceRoot, 'inject'));
const recorded = JSON.parse(
  readFileSync(join(repoRoot, 'test/engines/template/testdata/inject-oracle.json'), 'utf8'),
) as Result[];
const byName = new Map(recorded.map((r) => [r.name, r]));

test('every injection template is exercised on several pods', () => {
  const templates = new Set(vectors.map((v) => v.tplName));
  assert.ok(templates.has('sidecar') && templates.size >= 5, [...templates].join(','));
  assert.ok(vectors.length >= templates.size * 5);
  const rendered = recorded.filter((r) => !r.err && r.out.length > 0).length;
  assert.ok(rendered >= vectors.length / 2, `only ${rendered} renders without error`);
});

for (const v of vectors) {
  test(v.name, () => {
    const want = byName.get(v.name);
    assert.ok(want, `no recording for ${v.name}`);
    const got = runVector(v);
    assert.equal(got.err, want.err);
    assert.equal(got.out, want.out);
  });
}
