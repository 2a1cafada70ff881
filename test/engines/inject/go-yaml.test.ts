import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { goKeyLess, goYamlMarshal } from '../../../src/engines/inject/go-yaml.js';
import { canonicalQuantity } from '../../../src/engines/inject/quantity.js';
import { splitYamlStream } from '../../../src/engines/inject/resources.js';
import { typed } from '../../../src/engines/inject/typed.js';
import { parseGoYaml, parseGoYamlFast } from '../../../src/engines/inject/yaml-parse.js';
import { conformanceRoot } from '../../support/run-cli.js';

const cases = join(conformanceRoot, 'inject', 'cases');
const WORKLOADS = [
  'Deployment',
  'Pod',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'ReplicationController',
  'DeploymentConfig',
];

describe('goyaml output', () => {
  it('re-encodes every kube-inject golden byte for byte (typed decode + sigs.k8s.io/yaml)', () => {
    let same = 0;
    const differ: string[] = [];
    for (const f of readdirSync(cases).filter((n) => n.endsWith('.injected'))) {
      const text = readFileSync(join(cases, f), 'utf8');
      // OpenShift goldens come from the webhook path, which keeps creationTimestamp.
      if (text.includes('creationTimestamp: null')) continue;
      let out = '';
      for (const doc of splitYamlStream(text)) {
        const v = parseGoYaml(doc.text) as { kind?: string; items?: { kind: string }[] } | null;
        if (v?.kind && WORKLOADS.includes(v.kind)) out += goYamlMarshal(typed(v, v.kind));
        else if (v?.kind === 'List') {
          const l = typed(v, 'List');
          l.items = (v.items ?? []).map((i) => typed(i, i.kind));
          out += goYamlMarshal(l);
        } else out += doc.text;
        out += '---\n';
      }
      if (out === text) same++;
      else differ.push(f);
    }
    assert.deepEqual(differ, []);
    assert.ok(same > 100);
  });

  it('quotes scalars as goyaml.v2 does', () => {
    const doc = {
      a: '15001',
      b: '*',
      c: '',
      d: 'plain text',
      e: 'true',
      f: 'y',
      g: "it's",
      h: 'line1\nline2\n',
      i: 'no-newline\nend',
      j: '- dash',
      k: '1:20',
      l: '2001-12-14',
      m: 'tab\there',
      nn: '0x1F',
      n: 'x',
      o: '1e3',
      p: ' leading',
      q: 'a: b',
    };
    assert.equal(
      goYamlMarshal(doc),
      [
        'a: "15001"',
        "b: '*'",
        'c: ""',
        'd: plain text',
        'e: "true"',
        'f: "y"',
        "g: it's",
        'h: |',
        '  line1',
        '  line2',
        'i: |-',
        '  no-newline',
        '  end',
        "j: '- dash'",
        'k: "1:20"',
        'l: "2001-12-14"',
        'm: "tab\\there"',
        '"n": x',
        'nn: "0x1F"',
        'o: "1e3"',
        "p: ' leading'",
        "q: 'a: b'",
        '',
      ].join('\n'),
    );
  });

  it('folds long plain scalars at spaces past column 80', () => {
    const long = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    const out = goYamlMarshal({ description: long });
    const lines = out.trimEnd().split('\n');
    assert.ok(lines.length > 1);
    assert.ok(lines.slice(1).every((l) => l.startsWith('  word')));
    assert.equal(parseGoYaml(out) && (parseGoYaml(out) as { description: string }).description, long);
  });

  it('leaves out undefined values as JSON does (a map left empty is {})', () => {
    const cases: [unknown, string][] = [
      [{ a: undefined }, '{}\n'],
      [{ b: 1, a: undefined, c: 2 }, 'b: 1\nc: 2\n'],
      [[{ a: undefined }], '- {}\n'],
      [{ x: { a: undefined } }, 'x: {}\n'],
      [{ x: [{ a: undefined, b: 2 }] }, 'x:\n- b: 2\n'],
      [{ a: undefined, x: { y: 'z' } }, 'x:\n  "y": z\n'],
    ];
    for (const [v, want] of cases) assert.equal(goYamlMarshal(v), want, JSON.stringify(v));
  });

  it('sorts keys in goyaml natural order', () => {
    assert.ok(goKeyLess('a2', 'a10'));
    assert.ok(goKeyLess('a.b', 'ab'));
    assert.ok(goKeyLess('Z', 'a'));
  });
});

describe('quantity', () => {
  it('prints canonical forms', () => {
    const cases: [string, string][] = [
      ['2000m', '2'],
      ['1024Mi', '1Gi'],
      ['128Mi', '128Mi'],
      ['100m', '100m'],
      ['1000', '1k'],
      ['1500', '1500'],
      ['0.5', '500m'],
      ['0.5Gi', '512Mi'],
      ['1536', '1536'],
      ['0', '0'],
      ['1e3', '1e3'],
      ['10Ki', '10Ki'],
    ];
    for (const [i, o] of cases) assert.equal(canonicalQuantity(i), o, i);
    assert.equal(canonicalQuantity('abc'), undefined);
  });
});

describe('stream split', () => {
  it('splits on --- lines like the Kubernetes YAML reader', () => {
    const docs = splitYamlStream('---\na: 1\n---\n---  # c\nb: 2\n# tail');
    assert.deepEqual(
      docs.map((d) => [d.text, d.line]),
      [
        ['a: 1\n', 2],
        ['b: 2\n# tail', 5],
      ],
    );
  });
});

describe('parseGoYamlFast', () => {
  it('reads every scalar the way parseGoYaml (YAML 1.1) does, and every corpus document too', () => {
    const scalars = ['0o17', '1_000', '1e3', '1:20', '2001-12-14', '0x1F', '~', 'Null', 'TRUE', '012', '+12'];
    scalars.push('-.5', '0b101', '1.5e+3', '=', 'yes', 'off', 'Y', '1_0.5', '"x"', "'0o7'", '[1, 2.0, on]');
    for (const s of scalars) {
      assert.deepEqual(parseGoYamlFast(`a: ${s}`), parseGoYaml(`a: ${s}`), s);
    }
    for (const f of readdirSync(cases).filter((n) => n.endsWith('.yaml'))) {
      for (const doc of splitYamlStream(readFileSync(join(cases, f), 'utf8'))) {
        let slow: unknown;
        try {
          slow = parseGoYaml(doc.text);
        } catch {
          assert.throws(() => parseGoYamlFast(doc.text), f);
          continue;
        }
        assert.deepEqual(parseGoYamlFast(doc.text), slow, f);
      }
    }
  });
});
