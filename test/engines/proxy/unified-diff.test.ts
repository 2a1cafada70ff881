// The unified diff against Python's difflib, the algorithm go-difflib ports line for line: random
// line lists, short and long (200+ lines switch on the "popular line" heuristic), several contexts.
// Skipped, never passed, where python3 is missing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { splitLines, unifiedDiff } from '../../../src/engines/proxy/unified-diff.js';

const python = spawnSync('python3', ['-c', 'import difflib'], { encoding: 'utf8' });
const skip = python.status === 0 ? false : 'python3 with difflib unavailable';

const PY = `
import difflib, json, sys
cases = json.load(sys.stdin)
out = []
for c in cases:
    out.append(''.join(difflib.unified_diff(c['a'], c['b'], c['from'], c['to'], n=c['n'])))
json.dump(out, sys.stdout)
`;

/** A deterministic pseudo-random generator (mulberry32). */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function lines(r: () => number, n: number, alphabet: number): string[] {
  // Few distinct lines, like JSON's many "}" and "},": repeats make matching ambiguous.
  return Array.from(
    { length: n },
    () => `${'    '.repeat(Math.floor(r() * 3))}line ${Math.floor(r() * alphabet)}\n`,
  );
}

function mutate(r: () => number, a: string[], alphabet: number): string[] {
  const b = [...a];
  const edits = 1 + Math.floor(r() * 6);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(r() * (b.length + 1));
    const kind = r();
    if (kind < 0.33) b.splice(at, 1 + Math.floor(r() * 4));
    else if (kind < 0.66) b.splice(at, 0, ...lines(r, 1 + Math.floor(r() * 4), alphabet));
    else b.splice(at, 1, `changed ${Math.floor(r() * alphabet)}\n`);
  }
  return b;
}

describe('unified diff (go-difflib / Python difflib)', () => {
  it('splits after newlines and always ends with one', () => {
    assert.deepEqual(splitLines('a\nb'), ['a\n', 'b\n']);
    assert.deepEqual(splitLines('a\n'), ['a\n', '\n']);
    assert.deepEqual(splitLines(''), ['\n']);
  });

  it('equal inputs give no diff', () => {
    assert.equal(unifiedDiff(['x\n'], ['x\n'], 'A', 'B', 7), '');
  });

  it('matches difflib.unified_diff on 300 random cases', { skip }, () => {
    const r = rng(20261129);
    const cases = Array.from({ length: 300 }, (_, i) => {
      const long = i % 5 === 0;
      const alphabet = long ? 12 : 6;
      const a = lines(r, long ? 200 + Math.floor(r() * 300) : Math.floor(r() * 40), alphabet);
      return {
        a,
        b: mutate(r, a, alphabet),
        from: 'Istiod Clusters',
        to: 'Envoy Clusters',
        n: [0, 3, 7][i % 3]!,
      };
    });
    const res = spawnSync('python3', ['-c', PY], { input: JSON.stringify(cases), encoding: 'utf8' });
    assert.equal(res.status, 0, res.stderr);
    const want = JSON.parse(res.stdout) as string[];
    cases.forEach((c, i) => {
      assert.equal(unifiedDiff(c.a, c.b, c.from, c.to, c.n), want[i], `case ${i}`);
    });
  });
});
