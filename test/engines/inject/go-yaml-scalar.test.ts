// The scalar writer's shortcuts (regular expressions, whole-line slices, caches) against a
// character-at-a-time transcription of goyaml's emitter, on generated texts; and the whole writer
// against the real sigs.k8s.io/yaml (the Go template oracle's toYaml) when that oracle is built.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { goKeyLess, goYamlMarshal } from '../../../src/engines/inject/go-yaml.js';
import { rng } from '../../support/rng.js';
import { repoRoot } from '../../support/run-cli.js';
import { referenceScalar } from './support/go-yaml-reference.js';

/** Words goyaml reads as other types unquoted (ints, floats, base 60, bools, nulls, timestamps), and some it does not. */
const WORDS = [
  'word',
  'istio-proxy',
  'k8s.io/name',
  'true',
  'null',
  '~',
  'yes',
  'Off',
  '12',
  '0x1F',
  '0o17',
  '0777',
  '09',
  '0b101',
  '1_000',
  '+12',
  '-.5',
  '.inf',
  '1e3',
  '1.5e+3',
  '1:20',
  '190:20:30.15',
  '2001-12-14',
  '2001-12-14t21:59:43.10-05:00',
  '2001-02-29',
  '2001-12-14 21:59:43',
  '1.30.3',
];
const ASCII = [...'abcxyzXY019 :#-\'"\\?,[]{}&*!|>%@`~=_/.+'];
/** Characters goyaml treats specially, and ones JSON → YAML → JSON carries through unchanged. */
const EXOTIC = [
  '\t',
  '\0',
  '\x1b',
  'é',
  '中',
  '٣',
  '\xa0',
  '😀',
  '𝔸',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\ue000',
  '\ud7ff',
];
/** Characters only the model can take: Go's JSON or YAML reader would change or refuse them. */
const MODEL_ONLY = ['\r', '\u0085', '\ud83d', '\ude00', '\x7f', '\x85', '\ufffe', '\uffff'];

/** A text of up to maxTokens pieces; `lines` allows "\n", `odd` is the share of pieces from `alphabet`. */
function text(r: () => number, alphabet: string[], maxTokens: number, lines = true, odd = 0.08): string {
  const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)]!;
  const n = Math.floor(r() ** 2 * maxTokens);
  let s = '';
  for (let i = 0; i < n; i++) {
    const x = r();
    if (x < 0.15) s += pick(WORDS);
    else if (x < 0.3) s += ' ';
    else if (x < 0.36) s += lines ? '\n' : ' ';
    else if (x < 0.42) s += 'x'.repeat(Math.floor(r() * 40));
    else if (x < 0.42 + odd) s += pick(alphabet);
    else s += pick(ASCII);
  }
  return s;
}

/** Document texts with the scalar at the start states the writer meets: value, nested value, item, key. */
function expectations(s: string, keyLen: number): [unknown, string][] {
  const key = 'k'.repeat(keyLen);
  const end = (r: { text: string; column: number }) => r.text + (r.column === 0 ? '' : '\n');
  const cases: [unknown, string][] = [
    [
      { [key]: s },
      `${key}:${end(referenceScalar(s, { column: keyLen + 1, indent: 2, simpleKey: false, whitespace: false }))}`,
    ],
    [
      { a: { [key]: s } },
      `a:\n  ${key}:${end(referenceScalar(s, { column: keyLen + 3, indent: 4, simpleKey: false, whitespace: false }))}`,
    ],
    [[s], `-${end(referenceScalar(s, { column: 1, indent: 2, simpleKey: false, whitespace: false }))}`],
  ];
  // goyaml writes a key with a line break or over 128 bytes as "? key" (not modelled here).
  if (!/[\n\r\u0085\u2028\u2029]/.test(s) && Buffer.byteLength(s) <= 128)
    cases.push([
      { [s]: 'v' },
      `${referenceScalar(s, { column: 0, indent: 0, simpleKey: true, whitespace: true }).text}: v\n`,
    ]);
  return cases;
}

describe('goyaml scalar writer', () => {
  it('writes generated texts exactly as the character-at-a-time model of goyaml’s emitter', () => {
    let checked = 0;
    for (let seed = 1; seed <= 2500; seed++) {
      const r = rng(seed);
      // Plain and single-quoted texts need few odd characters and no "\n"; the rest any.
      const kind = seed % 4;
      const s = text(
        r,
        [...EXOTIC, ...MODEL_ONLY],
        seed % 5 === 0 ? 300 : 60,
        kind > 1,
        kind === 0 ? 0 : 0.08,
      );
      for (const [doc, want] of expectations(s, 1 + Math.floor(r() * 70))) {
        assert.equal(goYamlMarshal(doc), want, `seed ${seed}: ${JSON.stringify(doc)}`);
        checked++;
      }
    }
    assert.ok(checked > 7500);
  });

  it('writes the texts goyaml treats specially as the model does', () => {
    const texts = [
      'a😀b',
      '\ufeffab c',
      'x\ufeffab',
      'a\u2028b',
      "'a\u2029b'",
      'x\n\u2028y\n',
      'a\n\n',
      '\n',
      ' lead\nline',
      'trail \nline',
      'tab\tin\nlines',
      `${'long '.repeat(30)}end`,
      `'${'w '.repeat(60)}`,
      `"${'w  '.repeat(60)}"`,
    ];
    for (const s of texts)
      for (const [doc, want] of expectations(s, 10))
        assert.equal(goYamlMarshal(doc), want, JSON.stringify(doc));
  });

  it('prints astral characters, a leading BOM, U+2028/U+2029 and top-level scalars as the Go oracle does', () => {
    const w = (n: number) => Array(n).fill('w').join(' ');
    const cases: [unknown, string][] = [
      [{ k: 'a😀b' }, 'k: "a\\U0001F600b"\n'],
      [{ k: '😀' }, 'k: "\\U0001F600"\n'],
      [{ k: '\ufeffab' }, 'k: "\\uFEFF\\x61\\x62"\n'],
      [{ k: '\ufeffa\u00e9b' }, 'k: "\\uFEFF\\x61\\xE9\\x62"\n'],
      [{ k: 'x\ufeffab' }, 'k: "x\\uFEFFab"\n'],
      [{ k: 'a\u2028b' }, "k: 'a\u2028  b'\n"],
      [{ i: 'x\n\u2029y\n' }, 'i: |\n  x\n\u2029  y\n'],
      [{ j: 'x\n\u2029 y\n' }, 'j: |\n  x\n\u2029   y\n'],
      ['a\n\n', '|+\n  a\n\n'],
      [w(50), `${w(41)}\n  ${w(9)}\n`],
      [`'${w(50)}`, `'''${w(40)}\n  ${w(10)}'\n`],
    ];
    for (const [doc, want] of cases) assert.equal(goYamlMarshal(doc), want, JSON.stringify(doc));
  });

  it('restarts the column after a literal block (a long line there does not fold what follows)', () => {
    const doc = { a: `x\n${'y'.repeat(73)}`, b: 'w '.repeat(41).trim() };
    const [first, ...rest] = goYamlMarshal(doc).split('\nb: ');
    assert.equal(first, `a: |-\n  x\n  ${'y'.repeat(73)}`);
    assert.equal(rest.join(''), `${'w '.repeat(40).trim()}\n  w\n`);
  });

  it('quotes exactly the texts goyaml reads back as timestamps (Go’s time.Parse in goyaml’s layouts)', () => {
    // As the Go oracle prints them.
    const quoted = [
      '2000-02-29',
      '2004-02-29',
      '0000-01-01',
      '2001-12-14T21:59:43+24:00',
      '2001-12-14T21:59:43+05:60',
      '2001-12-14T21:59:43.123456789012Z',
      '2001-12-14T1:2:3Z',
      '2001-12-14T21:59:43,5Z',
      '2001-12-14t23:59:59-00:00',
      '2001-12-14  21:59:43',
      '2001-12-14   1:2:3.5',
    ];
    const plain = [
      '1900-02-29',
      '2001-02-29',
      '2001-04-31',
      '2001-13-01',
      '2001-00-10',
      '2001-1-0',
      '2001-12-14T21:59:43',
      '2001-12-14T21:59:43.5',
      '2001-12-14T21:59:43+25:00',
      '2001-12-14T21:59:43+05:61',
      '2001-12-14T21:59:43-0500',
      '2001-12-14T24:00:00Z',
      '2001-12-14T23:60:00Z',
      '2001-12-14 23:59:60',
      '2001-12-14 21:59',
      '2001-12-14 21:59:43.',
      '2001-12-14 21:59:43 Z',
      '2001-12-14 21:59:43.10 -5',
      '12001-12-14',
    ];
    for (const s of quoted) assert.equal(goYamlMarshal([s]), `- "${s}"\n`, s);
    for (const s of plain) assert.equal(goYamlMarshal([s]), `- ${s}\n`, s);
  });

  it('writes a key with a line break or over 128 bytes as "? key" and ": value" (as the Go oracle prints)', () => {
    const long = 'k'.repeat(130);
    const words = Array(30).fill('word').join(' ');
    const cases: [unknown, string][] = [
      [{ [long]: 'v' }, `? ${long}\n: v\n`],
      [{ [long]: { x: 1, y: 'z' } }, `? ${long}\n: x: 1\n  "y": z\n`],
      [{ [long]: [1, 2] }, `? ${long}\n: - 1\n  - 2\n`],
      [{ [long]: {} }, `? ${long}\n: {}\n`],
      [{ [long]: 'a\nb\n' }, `? ${long}\n: |\n  a\n  b\n`],
      [{ [long]: [{ a: 1, b: 2 }] }, `? ${long}\n: - a: 1\n    b: 2\n`],
      [{ n: { [long]: 'v', b: 2 } }, `"n":\n  b: 2\n  ? ${long}\n  : v\n`],
      [{ p: [{ [long]: { q: [1] } }] }, `p:\n- ? ${long}\n  : q:\n    - 1\n`],
      [{ 'a\u2028b': 1 }, "? 'a\u2028  b'\n: 1\n"],
      [{ 'a\nb': 'v' }, '? |-\n  a\n  b\n: v\n'],
      [{ 'a\n': { x: 1 } }, '? |\n  a\n: x: 1\n'],
      [
        { [words]: 'v' },
        `? ${Array(16).fill('word').join(' ')}\n  ${Array(14).fill('word').join(' ')}\n: v\n`,
      ],
    ];
    for (const [doc, want] of cases) assert.equal(goYamlMarshal(doc), want, JSON.stringify(doc));
  });

  it('orders keys as goyaml’s keyList.Less', () => {
    const less: [string, string][] = [
      ['a2', 'a10'],
      ['a1', 'a01'],
      ['a.b', 'ab'],
      ['Z', 'a'],
      ['', 'a'],
      ['x9', 'xé'],
      ['a1', 'a٣'],
      ['k1', `k${'9'.repeat(20)}`],
      ['v12345678901234567', 'v12345678901234568'],
      ['b', 'bé'],
    ];
    for (const [a, b] of less) {
      assert.ok(goKeyLess(a, b), `${a} < ${b}`);
      assert.ok(!goKeyLess(b, a), `not ${b} < ${a}`);
    }
  });
});

const oracle = join(repoRoot, '.cache', 'gotemplate', 'oracle');

describe('goyaml writer against sigs.k8s.io/yaml', {
  skip: existsSync(oracle) ? false : 'oracle unavailable: no .cache/gotemplate/oracle',
}, () => {
  it('prints generated documents byte for byte as the Go oracle’s toYaml', () => {
    const docs: unknown[] = [];
    for (let seed = 1; seed <= 600; seed++) {
      const r = rng(seed * 7919);
      // Mostly simple keys; some with a line break or over 128 bytes, which goyaml writes as "? key".
      const keyText = () =>
        r() < 0.1
          ? text(r, EXOTIC, 80)
          : text(r, EXOTIC, 6)
              .replace(/[\n\u2028\u2029]/g, '')
              .slice(0, 40);
      const value = (depth: number): unknown => {
        const x = r();
        if (depth > 3 || x < 0.45) return text(r, EXOTIC, seed % 4 === 0 ? 250 : 50);
        if (x < 0.5) return [1, 2.5, -0.001, 1e21, true, false, null][Math.floor(r() * 7)];
        if (x < 0.55) return r() < 0.5 ? [] : {};
        if (x < 0.8) {
          const o: Record<string, unknown> = {};
          for (let i = 0, n = 1 + Math.floor(r() * 4); i < n; i++)
            o[r() < 0.6 ? `key${i}x${Math.floor(r() * 20)}` : keyText()] = value(depth + 1);
          return o;
        }
        return Array.from({ length: 1 + Math.floor(r() * 3) }, () => value(depth + 1));
      };
      docs.push({ root: value(0), [keyText()]: value(2) });
    }
    const dir = mkdtempSync(join(tmpdir(), 'go-yaml-oracle-'));
    try {
      const file = join(dir, 'vectors.json');
      const vectors = docs.map((d, i) => ({
        name: String(i),
        mode: 'istio',
        tpl: '{{ toYaml .x }}',
        data: { x: d },
      }));
      writeFileSync(file, JSON.stringify(vectors));
      const run = spawnSync(oracle, ['run', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
      assert.equal(run.status, 0, run.stderr);
      const results = JSON.parse(run.stdout) as { out: string; err?: string }[];
      const differ = results.flatMap((res, i) => {
        const ours = goYamlMarshal(docs[i]);
        return res.err || res.out !== ours
          ? [{ doc: JSON.stringify(docs[i]), go: res.out, ours, err: res.err }]
          : [];
      });
      assert.deepEqual(differ.slice(0, 2), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
