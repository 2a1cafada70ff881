import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import {
  readPlainYaml,
  readsFast,
  yamlToGo,
  yamlToGoFull,
} from '../../../src/engines/template/funcs/yaml-read.js';
import { conformanceRoot, repoRoot } from '../../support/run-cli.js';

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((p) => /\.ya?ml$/.test(p) && !p.includes('node_modules'))
    .sort()
    .map((p) => join(dir, p));
}

function outcome(read: (t: string) => unknown, text: string): unknown {
  try {
    return { value: JSON.stringify(read(text)) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

function assertSame(text: string, where: string): void {
  assert.deepEqual(outcome(yamlToGo, text), outcome(yamlToGoFull, text), `${where}: ${JSON.stringify(text)}`);
}

// Plain scalars where YAML 1.1 and 1.2 disagree, or nearly do.
const SCALARS = [
  'y',
  'Y',
  'yes',
  'No',
  'on',
  'OFF',
  'true',
  'False',
  'null',
  'Null',
  '~',
  '',
  '0',
  '010',
  '0o17',
  '0x1F',
  '0b101',
  '09',
  '1_000',
  '+1',
  '-1',
  '1.',
  '.5',
  '-.5',
  '+.5',
  '1e3',
  '1E-3',
  '.inf',
  '-.Inf',
  '.nan',
  '.',
  '-',
  '1:20',
  '1:20:30.5',
  '2001-12-14',
  '2001-12-14t21:59:43.10-05:00',
  '12345678901234567890',
  '-0',
  '0.0',
  '1.0',
  '"quoted: y"',
  "'single'",
  '"esc \\/ \\x41 \\u00e9"',
  'a#b',
  'a #b',
  'http://x:80/',
  '10.0.0.0/8',
  '*.local',
  '[y, n]',
  '{on: off}',
  '<<',
  '!!str 1',
  '&a 1',
  'yes # comment',
];

describe('yamlToGo fast path', () => {
  it('reads like the full YAML 1.1 reader for every scalar as a value, key and item', () => {
    for (const s of SCALARS) {
      // Dates, collections and aliases as keys only make the full reader warn (stringified keys).
      const asKey = /^[[{*]|^\d{4}-/.test(s) ? [] : [`${s}: v`, `{${s}: 1}`];
      for (const text of [`k: ${s}`, `- ${s}`, `[${s}]`, `k:\n  - ${s}\n  - x: ${s}`, s, ...asKey]) {
        assertSame(text, 'scalar');
      }
    }
  });

  it('reads like the full reader on documents with markers, duplicates, blocks and errors', () => {
    const texts = [
      'a: 1\na: 2',
      'a: 1\n---\n',
      '---\na: 1',
      'a: 1\n...\n',
      'a: |\n  line\n  two\nb: >-\n  folded\n  text',
      'a: [1, 2\n',
      'a:\n\t- b',
      'a: b: c',
      '"a": 1\n? b\n: 2',
      'x: &x {a: 1}\ny:\n  <<: *x\n  b: 2',
      '# only a comment',
      '',
      'k: "multi\n  line"',
      'k: plain\n  continued',
      '__proto__: {a: 1}',
      'a: {{ .X | quote }}',
      'a: {b: 1, [c]: 2}',
      '[a, b]: 1',
      '- {a: 1}: 2',
      'ports: [{port: 80}]',
    ];
    for (const t of texts) assertSame(t, 'document');
  });

  it('reads like the full reader on every YAML file and document of the charts, profiles and conformance data', () => {
    const files = [
      ...yamlFiles(join(repoRoot, 'manifests')),
      ...yamlFiles(join(repoRoot, 'profiles')),
      ...yamlFiles(conformanceRoot),
    ];
    let fast = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const t of [text, ...text.split(/^---\s*$/m)]) {
        assertSame(t, f);
        if (readsFast(t)) fast++;
      }
    }
    assert.ok(fast > 100, `only ${fast} texts took the fast path`);
  });

  it('takes the fast path for the charts’ own Chart.yaml and values.yaml', () => {
    const charts = join(repoRoot, 'manifests', 'charts');
    for (const c of readdirSync(charts)) {
      for (const f of ['Chart.yaml', 'values.yaml']) {
        const p = join(charts, c, f);
        if (existsSync(p)) assert.ok(readsFast(readFileSync(p, 'utf8')), p);
      }
    }
  });

  it('reads every profile we ship as the YAML 1.2 reader does (manifest generate loads profiles with it)', () => {
    for (const f of yamlFiles(join(repoRoot, 'profiles'))) {
      const text = readFileSync(f, 'utf8');
      const plain = readPlainYaml(text);
      assert.ok(plain, f);
      assert.deepEqual(plain.value, parse(text), f);
    }
  });
});
