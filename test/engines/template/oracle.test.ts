// Every vector must render exactly as the Go oracle recorded it (text/template, Sprig v3, Helm's engine).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../../support/run-cli.js';
import { type Result, runVector, type Vector } from './support.js';

const vectorModule = './vectors.mjs';
const { default: vectors } = (await import(vectorModule)) as { default: Vector[] };
const recorded = JSON.parse(
  readFileSync(join(repoRoot, 'test/engines/template/testdata/oracle.json'), 'utf8'),
) as Result[];
const byName = new Map(recorded.map((r) => [r.name, r]));

// Helm drops NOTES.txt only when printing manifests; the engine itself renders it.
const helmFiles = (files: Record<string, string> | undefined) =>
  Object.fromEntries(
    Object.entries(files ?? {}).filter(
      ([k]) => !k.endsWith('NOTES.txt') && !k.split('/').pop()!.startsWith('_'),
    ),
  );

test('at least 500 vectors, all recorded', () => {
  assert.ok(vectors.length >= 500, `${vectors.length} vectors`);
  for (const v of vectors) assert.ok(byName.has(v.name), `no recording for ${v.name}`);
});

for (const v of vectors) {
  test(`${v.name}: ${(v.tpl ?? Object.keys(v.files ?? {}).join(',')).slice(0, 60)}`, () => {
    const want = byName.get(v.name)!;
    const got = runVector(v);
    if (v.mode === 'helm') {
      assert.deepEqual(
        { err: got.err, files: got.err ? undefined : helmFiles(got.files) },
        { err: want.err, files: want.err ? undefined : helmFiles(want.files) },
      );
    } else {
      assert.deepEqual({ out: got.out, err: got.err }, { out: want.out, err: want.err });
    }
  });
}
