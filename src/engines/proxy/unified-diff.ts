// Line diff in the unified format, matching the Go difflib port of Python's SequenceMatcher that
// istioctl prints proxy-status diffs with: same matching blocks (including the "popular line"
// heuristic for sequences of 200+ lines), same hunk grouping, same range notation.

interface OpCode {
  tag: 'r' | 'd' | 'i' | 'e';
  i1: number;
  i2: number;
  j1: number;
  j2: number;
}

interface MatchBlock {
  a: number;
  b: number;
  size: number;
}

/** Splits after each newline; the last piece always ends with one (difflib.SplitLines). */
export function splitLines(s: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', start)) {
    lines.push(s.slice(start, i + 1));
    start = i + 1;
  }
  lines.push(`${s.slice(start)}\n`);
  return lines;
}

class SequenceMatcher {
  /** Lines as small integers (equal text, equal id), so matching compares numbers. */
  private readonly a: Int32Array;
  private readonly b: Int32Array;
  private readonly b2j = new Map<number, number[]>();
  // Two rows of difflib's j2len map (longest match ending at a[i], b[j]), valid where stamped.
  private rows: Array<{ len: Int32Array; stamp: Float64Array }>;
  private stampBase = 0;

  constructor(a: string[], b: string[]) {
    const ids = new Map<string, number>();
    const id = (s: string) => {
      let n = ids.get(s);
      if (n === undefined) {
        n = ids.size;
        ids.set(s, n);
      }
      return n;
    };
    this.a = Int32Array.from(a, id);
    this.b = Int32Array.from(b, id);
    this.b.forEach((s, i) => {
      const list = this.b2j.get(s);
      if (list) list.push(i);
      else this.b2j.set(s, [i]);
    });
    // Lines occurring in more than 1% of a long b are ignored as match anchors ("autojunk").
    if (b.length >= 200) {
      const ntest = Math.floor(b.length / 100) + 1;
      for (const [s, idx] of [...this.b2j]) if (idx.length > ntest) this.b2j.delete(s);
    }
    const row = () => ({ len: new Int32Array(b.length + 1), stamp: new Float64Array(b.length + 1).fill(-2) });
    this.rows = [row(), row()];
  }

  private longestMatch(alo: number, ahi: number, blo: number, bhi: number): MatchBlock {
    let besti = alo;
    let bestj = blo;
    let bestsize = 0;
    // Stamps are unique per call and row, so rows never need clearing.
    const base = this.stampBase;
    this.stampBase += ahi - alo + 2;
    for (let i = alo; i !== ahi; i++) {
      const prev = this.rows[(i - alo) & 1]!;
      const cur = this.rows[(i - alo + 1) & 1]!;
      const prevStamp = base + (i - alo);
      const curStamp = prevStamp + 1;
      for (const j of this.b2j.get(this.a[i]!) ?? []) {
        if (j < blo) continue;
        if (j >= bhi) break;
        const k = (j > 0 && prev.stamp[j - 1] === prevStamp ? prev.len[j - 1]! : 0) + 1;
        cur.len[j] = k;
        cur.stamp[j] = curStamp;
        if (k > bestsize) {
          besti = i - k + 1;
          bestj = j - k + 1;
          bestsize = k;
        }
      }
    }
    // No junk is configured, so only the plain extension steps apply.
    while (besti > alo && bestj > blo && this.a[besti - 1] === this.b[bestj - 1]) {
      besti--;
      bestj--;
      bestsize++;
    }
    while (
      besti + bestsize < ahi &&
      bestj + bestsize < bhi &&
      this.a[besti + bestsize] === this.b[bestj + bestsize]
    ) {
      bestsize++;
    }
    return { a: besti, b: bestj, size: bestsize };
  }

  private matchingBlocks(): MatchBlock[] {
    const matched: MatchBlock[] = [];
    const visit = (alo: number, ahi: number, blo: number, bhi: number): void => {
      const m = this.longestMatch(alo, ahi, blo, bhi);
      if (m.size === 0) return;
      if (alo < m.a && blo < m.b) visit(alo, m.a, blo, m.b);
      matched.push(m);
      if (m.a + m.size < ahi && m.b + m.size < bhi) visit(m.a + m.size, ahi, m.b + m.size, bhi);
    };
    visit(0, this.a.length, 0, this.b.length);
    const out: MatchBlock[] = [];
    let i1 = 0;
    let j1 = 0;
    let k1 = 0;
    for (const m of matched) {
      if (i1 + k1 === m.a && j1 + k1 === m.b) k1 += m.size;
      else {
        if (k1 > 0) out.push({ a: i1, b: j1, size: k1 });
        i1 = m.a;
        j1 = m.b;
        k1 = m.size;
      }
    }
    if (k1 > 0) out.push({ a: i1, b: j1, size: k1 });
    out.push({ a: this.a.length, b: this.b.length, size: 0 });
    return out;
  }

  opCodes(): OpCode[] {
    let i = 0;
    let j = 0;
    const codes: OpCode[] = [];
    for (const m of this.matchingBlocks()) {
      let tag: OpCode['tag'] | undefined;
      if (i < m.a && j < m.b) tag = 'r';
      else if (i < m.a) tag = 'd';
      else if (j < m.b) tag = 'i';
      if (tag) codes.push({ tag, i1: i, i2: m.a, j1: j, j2: m.b });
      i = m.a + m.size;
      j = m.b + m.size;
      if (m.size > 0) codes.push({ tag: 'e', i1: m.a, i2: i, j1: m.b, j2: j });
    }
    return codes;
  }

  groupedOpCodes(n: number): OpCode[][] {
    let codes = this.opCodes();
    if (codes.length === 0) codes = [{ tag: 'e', i1: 0, i2: 1, j1: 0, j2: 1 }];
    const first = codes[0]!;
    if (first.tag === 'e') {
      codes[0] = { ...first, i1: Math.max(first.i1, first.i2 - n), j1: Math.max(first.j1, first.j2 - n) };
    }
    const last = codes[codes.length - 1]!;
    if (last.tag === 'e') {
      codes[codes.length - 1] = {
        ...last,
        i2: Math.min(last.i2, last.i1 + n),
        j2: Math.min(last.j2, last.j1 + n),
      };
    }
    const groups: OpCode[][] = [];
    let group: OpCode[] = [];
    for (const c of codes) {
      let { i1, j1 } = c;
      if (c.tag === 'e' && c.i2 - c.i1 > 2 * n) {
        group.push({ tag: 'e', i1, i2: Math.min(c.i2, i1 + n), j1, j2: Math.min(c.j2, j1 + n) });
        groups.push(group);
        group = [];
        i1 = Math.max(i1, c.i2 - n);
        j1 = Math.max(j1, c.j2 - n);
      }
      group.push({ tag: c.tag, i1, i2: c.i2, j1, j2: c.j2 });
    }
    if (group.length > 0 && !(group.length === 1 && group[0]!.tag === 'e')) groups.push(group);
    return groups;
  }
}

function range(start: number, stop: number): string {
  let beginning = start + 1;
  const length = stop - start;
  if (length === 1) return String(beginning);
  if (length === 0) beginning--;
  return `${beginning},${length}`;
}

/** The unified diff of two line lists ('' when equal), headers included. */
export function unifiedDiff(
  a: string[],
  b: string[],
  fromFile: string,
  toFile: string,
  context: number,
): string {
  const out: string[] = [];
  const groups = new SequenceMatcher(a, b).groupedOpCodes(context);
  groups.forEach((g, n) => {
    if (n === 0 && (fromFile || toFile)) out.push(`--- ${fromFile}\n`, `+++ ${toFile}\n`);
    const first = g[0]!;
    const last = g[g.length - 1]!;
    out.push(`@@ -${range(first.i1, last.i2)} +${range(first.j1, last.j2)} @@\n`);
    for (const c of g) {
      if (c.tag === 'e') {
        for (const line of a.slice(c.i1, c.i2)) out.push(` ${line}`);
        continue;
      }
      if (c.tag === 'r' || c.tag === 'd') for (const line of a.slice(c.i1, c.i2)) out.push(`-${line}`);
      if (c.tag === 'r' || c.tag === 'i') for (const line of b.slice(c.j1, c.j2)) out.push(`+${line}`);
    }
  });
  return out.join('');
}
