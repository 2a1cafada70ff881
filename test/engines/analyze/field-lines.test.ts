// analyze's YAML reader: upstream's document splitting and line numbers, and the fast block-style
// field-line scanner, checked against the full parser on every conformance input, generated
// configurations and the benchmark corpus.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fieldLines, scanFieldLines, splitChunks } from '../../../src/inputs/analyze-yaml.js';
// @ts-expect-error: the benchmark is plain JavaScript
import { resources } from '../../bench/analyze.bench.mjs';
import { conformanceRoot } from '../../support/run-cli.js';
import { generateConfig } from './support/generate.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.ya?ml$/.test(f) ? [p] : [];
  });
}

describe('splitChunks: upstream document boundaries and lines', () => {
  it('skips blank and separator lines for the document line, keeps a leading separator in the text', () => {
    const text = '# c\n\n---\n\n---\napiVersion: v1\nkind: A\n---\n---\nkind: B\n...\n';
    const chunks = splitChunks(text);
    // a separator after an empty chunk of blank lines stays in the next chunk's text
    assert.deepEqual(
      chunks.map((c) => [c.line, c.text]),
      [
        [1, '# c'],
        [6, 'apiVersion: v1\nkind: A'],
        [10, '---\nkind: B\n...'],
      ],
    );
  });

  it('handles CRLF and a last line without newline, and is linear', () => {
    assert.deepEqual(
      splitChunks('a: 1\r\n---\r\nb: 2').map((c) => c.line),
      [1, 3],
    );
    const big = 'a: 1\n---\n'.repeat(200_000);
    const t0 = performance.now();
    assert.equal(splitChunks(big).length, 200_000);
    assert.ok(performance.now() - t0 < 2000);
  });
});

describe('scanFieldLines equals the full parser wherever it answers', () => {
  const texts: Array<[string, string]> = [];
  for (const f of files(join(conformanceRoot, 'analyze', 'inputs'))) texts.push([f, readFileSync(f, 'utf8')]);
  for (let seed = 1; seed <= 30; seed++) texts.push([`generated ${seed}`, generateConfig(seed, 40)]);
  texts.push(['bench', resources(600)]);
  it(`on ${texts.length} files`, () => {
    let scanned = 0;
    let total = 0;
    for (const [name, text] of texts) {
      for (const c of splitChunks(text)) {
        total++;
        const fast = scanFieldLines(c.text, c.line);
        if (!fast) continue;
        scanned++;
        assert.deepEqual([...fast].sort(), [...fieldLines(c.text, c.line)].sort(), `${name}:${c.line}`);
      }
    }
    assert.ok(scanned > total / 2, `scanner answered only ${scanned}/${total}`);
  });

  it('reads one-line flow collections of scalars', () => {
    assert.deepEqual(
      [...scanFieldLines('a: [x, "y, z", \'w\']\nb: {c: 1, "d": two}\ne: []', 1)!],
      [
        ['{.a[0]}', 1],
        ['{.a[1]}', 1],
        ['{.a[2]}', 1],
        ['{.b.c}', 2],
        ['{.b.d}', 2],
      ],
    );
  });

  it('bails out on nested flow collections, block scalars, anchors and continuation lines', () => {
    for (const t of [
      'a: {b: {c: 1}}',
      'a: |\n  x',
      'a: &x 1',
      'a: this\n  goes on',
      'a:\n\tb: 1',
      'a: [[1], 2]',
    ])
      assert.equal(scanFieldLines(t, 1), undefined, t);
  });
});
