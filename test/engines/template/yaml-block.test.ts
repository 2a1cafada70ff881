// readBlockYaml must read exactly what js-yaml's core schema reads, or give up (undefined): checked on
// every YAML document of our charts, profiles and the conformance data, on every document manifest
// generate renders for each shipped profile, and on thousands of mutations of those documents.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import jsyaml from 'js-yaml';
import { splitDocuments } from '../../../src/engines/render/generate.js';
import { readBlockYaml } from '../../../src/engines/template/funcs/yaml-block.js';
import { conformanceRoot, repoRoot } from '../../support/run-cli.js';
import { renderedDocuments } from '../render/support/rendered-documents.js';

const { merge } = (jsyaml as unknown as { types: { merge: jsyaml.Type } }).types;
const schema = jsyaml.CORE_SCHEMA.extend({ implicit: [merge] });

function reference(text: string): { value: unknown } | { error: true } {
  try {
    return { value: jsyaml.load(text, { schema }) };
  } catch {
    return { error: true };
  }
}

/** Returns whether the fast reader took the text; fails when it read something else than js-yaml. */
function check(text: string): boolean {
  const fast = readBlockYaml(text);
  if (!fast) return false;
  const want = reference(text);
  assert.ok('value' in want, `js-yaml rejects what the fast reader read: ${JSON.stringify(text)}`);
  assert.deepEqual(fast.value, want.value, JSON.stringify(text));
  return true;
}

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((p) => /\.ya?ml$/.test(p))
    .sort()
    .map((p) => join(dir, p));
}

function fileDocuments(): string[] {
  const files = [
    ...yamlFiles(join(repoRoot, 'manifests')),
    ...yamlFiles(join(repoRoot, 'profiles')),
    ...yamlFiles(conformanceRoot),
  ];
  return files.flatMap((f) => splitDocuments(readFileSync(f, 'utf8').trim()));
}

/** Small deterministic edits of a document: the kinds of text the reader must refuse or read right. */
function mutations(text: string, seed: number): string[] {
  let state = seed;
  const rnd = (n: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % n;
  };
  const inserts = [
    ' ',
    '  ',
    '\t',
    ':',
    ': ',
    '#',
    ' #',
    '-',
    '- ',
    '"',
    "'",
    '|',
    '|-',
    '>',
    '&a ',
    '*a',
    '!',
    '[',
    '{',
    '\n',
    '\\',
    '~',
    '0',
    '1.5',
    'true',
    ',',
    ']',
    '}',
    '[a, b]',
    '{a: 1}',
    '--x',
    '"a": ',
  ];
  const out: string[] = [];
  for (let k = 0; k < 12; k++) {
    const lines = text.split('\n');
    const i = rnd(lines.length);
    const line = lines[i]!;
    switch (rnd(4)) {
      case 0: {
        const at = rnd(line.length + 1);
        lines[i] = line.slice(0, at) + inserts[rnd(inserts.length)] + line.slice(at);
        break;
      }
      case 1:
        lines[i] = line.slice(0, rnd(line.length + 1)) + line.slice(rnd(line.length + 1) + 1);
        break;
      case 2:
        lines.splice(i, 0, line);
        break;
      default:
        lines[i] = ' '.repeat(rnd(4)) + line.trimStart();
    }
    out.push(lines.join('\n'));
  }
  return out;
}

describe('readBlockYaml', () => {
  it('reads the documents of our charts, profiles and the conformance data as js-yaml does', () => {
    const docs = fileDocuments();
    const taken = docs.filter(check).length;
    assert.ok(taken > docs.length / 2, `fast path took ${taken} of ${docs.length} documents`);
  });

  it('reads almost every document manifest generate renders, as js-yaml does', async () => {
    const docs = await renderedDocuments();
    const taken = docs.filter(check).length;
    assert.ok(docs.length > 100, `${docs.length} rendered documents`);
    assert.ok(taken >= docs.length * 0.9, `fast path took ${taken} of ${docs.length} rendered documents`);
  });

  it('never reads a mutated document differently from js-yaml', async () => {
    const docs = [...(await renderedDocuments()), ...fileDocuments()].filter((d) => d.length < 20_000);
    let taken = 0;
    let total = 0;
    docs.forEach((d, n) => {
      for (const m of mutations(d, n + 1)) {
        total++;
        if (check(m)) taken++;
      }
    });
    assert.ok(total > 5000 && taken > 1000, `${taken} of ${total} mutations read`);
    console.log(`# ${taken} of ${total} mutations read by the fast path`);
  });

  it('reads literal blocks, quoted scalars, comments and numbers', () => {
    const texts = [
      'a: |\n  x\n\n  y\n\nb: 1\n',
      'a: |-\n  x\n    y\n  \nb: |\n\n',
      'a: |\n     \n  x\n',
      'a: |\n  x\n      \n  \nb: 1',
      'a: |\n  x\n  \t\n',
      'a: |-\n  x\n\n\n',
      'a: |\n  x\n \t\nb: 1',
      '- |\n  x\n-   |-\n    y\n',
      'a: |\nb: 2',
      'a: |\n\tx\n',
      'a: |+\n  x\n\n',
      'a: >\n  x\n',
      'a: \'it\'\'s\'  # c\nb: "q\\"\\n\\u00e9"\nc: "\\x41"',
      'a: 1\nb: -1\nc: 1.50\nd: 0123\ne: 1e3\nf: 0x1F\ng: .5\nh: 1_000\ni: -0\nj: 1.30.3\nk: 9007199254740993',
      'a: ~\nb: null\nc: True\nd: yes\ne:\nf: "true"',
      'a:\n- 1\n- x: 1\n  y:\n  - 2\n-   z: 3\nb: [1, "x", null]\nc: [{"a": 1}]\nd: {}\ne: []',
      '- - 1\n  - 2\n- k: v\n',
      'a: b: c\n',
      'a: b # c: d\n',
      'a:b: c\n',
      'a: x\n  y\n',
      'a:\n  x\n',
      'a: 1\na: 2\n',
      '__proto__: 1\n',
      '"a b": 1\n\'c\': 2\n',
      'a: &x 1\nb: *x\n',
      '<<: {a: 1}\n',
      'a: 1\n---\nb: 2\n',
      'a: "x\n  y"\n',
      'a: 2020-01-01\n',
    ];
    for (const t of texts) check(t);
    assert.deepEqual(readBlockYaml('a: |\n  x\n\n  y\n\nb: 1\n')?.value, { a: 'x\n\ny\n', b: 1 });
    assert.deepEqual(readBlockYaml('a:\n- 1\n-   z: 3\n')?.value, { a: [1, { z: 3 }] });
    assert.deepEqual(readBlockYaml('a: |\n  x\n      \n  \nb: 1')?.value, { a: 'x\n    \n', b: 1 });
    assert.equal(readBlockYaml('a: 1\na: 2\n'), undefined);
    assert.equal(readBlockYaml('a: &x 1\n'), undefined);
  });
});
