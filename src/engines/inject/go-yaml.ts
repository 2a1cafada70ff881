// YAML exactly as sigs.k8s.io/yaml writes it (JSON → goyaml.v2 → text): map keys in goyaml's
// natural order, sequences not indented under their key; scalars (style choice and folding at 80
// columns) are written by go-yaml-scalar.ts.
import { Out, spaces, writeScalar } from './go-yaml-scalar.js';

export { resolvesNonString } from './go-yaml-resolve.js';

/** goyaml.v2 keyList.Less: letters sort after non-letters, digit runs compare as numbers. */
export function goKeyLess(a: string, b: string): boolean {
  // Keys are nearly always ASCII: compare UTF-16 units while both are, else runes as Go does.
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x >= 0x80 || y >= 0x80) return runeKeyLess(a, b);
    if (x === y) continue;
    const xl = isAsciiLetter(x);
    const yl = isAsciiLetter(y);
    if (xl && yl) return x < y;
    if (xl || yl) return yl;
    let an = 0;
    let bn = 0;
    if (x === 48 || y === 48) {
      for (let j = i - 1; j >= 0 && isAsciiDigit(a.charCodeAt(j)); j--) {
        if (a.charCodeAt(j) !== 48) {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < a.length && isAsciiDigit(a.charCodeAt(ai)); ai++) an = an * 10 + a.charCodeAt(ai) - 48;
    let bi = i;
    for (; bi < b.length && isAsciiDigit(b.charCodeAt(bi)); bi++) bn = bn * 10 + b.charCodeAt(bi) - 48;
    // Past 15 digits a double is no longer exact, and a digit run may go on in non-ASCII digits.
    if (ai - i > 15 || bi - i > 15 || a.charCodeAt(ai) >= 0x80 || b.charCodeAt(bi) >= 0x80)
      return runeKeyLess(a, b);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return x < y;
  }
  return a.length < b.length;
}

const isAsciiLetter = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
const isAsciiDigit = (c: number) => c >= 0x30 && c <= 0x39;
const letterRe = /^\p{L}$/u;
const digitRe = /^\p{Nd}$/u;

/** keyList.Less over runes: unicode.IsLetter/IsDigit, digit values as rune - '0' in wrapping int64. */
function runeKeyLess(a: string, b: string): boolean {
  const ar = Array.from(a, (c) => c.codePointAt(0)!);
  const br = Array.from(b, (c) => c.codePointAt(0)!);
  const isLetter = (c: number) => letterRe.test(String.fromCodePoint(c));
  const isDigit = (c: number) => digitRe.test(String.fromCodePoint(c));
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const x = ar[i]!;
    const y = br[i]!;
    if (x === y) continue;
    const xl = isLetter(x);
    const yl = isLetter(y);
    if (xl && yl) return x < y;
    if (xl || yl) return yl;
    let an = 0n;
    let bn = 0n;
    if (x === 48 || y === 48) {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
        if (ar[j] !== 48) {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]!); ai++) an = BigInt.asIntN(64, an * 10n + BigInt(ar[ai]! - 48));
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]!); bi++) bn = BigInt.asIntN(64, bn * 10n + BigInt(br[bi]! - 48));
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return x < y;
  }
  return ar.length < br.length;
}

/** Sorted orders by key set: the maps of a stream repeat the same few key sets (containers, probes). */
const sortedCache = new Map<string, string[]>();

export function goSortKeys(keys: string[]): string[] {
  return sortedKeys(keys).slice();
}

/** goSortKeys without the copy: the result may be shared, so it is only read. */
function sortedKeys(keys: string[]): readonly string[] {
  if (keys.length < 2) return keys;
  const id = keys.length === 2 ? `${keys[0]}\u0000${keys[1]}` : keys.join('\u0000');
  const hit = sortedCache.get(id);
  if (hit) return hit;
  const sorted = keys.sort((x, y) => (goKeyLess(x, y) ? -1 : goKeyLess(y, x) ? 1 : 0));
  if (sortedCache.size < 10_000) sortedCache.set(id, sorted);
  return sorted;
}

function scalarText(v: unknown): string | undefined {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return goFloatOrInt(v);
  if (typeof v === 'bigint') return v.toString();
  return undefined;
}

/** A JSON number as goyaml prints what it read back: integers plainly, floats with %g-like text. */
function goFloatOrInt(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  if (Number.isNaN(n)) return '.nan';
  if (n === Number.POSITIVE_INFINITY) return '.inf';
  if (n === Number.NEGATIVE_INFINITY) return '-.inf';
  // strconv.FormatFloat(f, 'g', -1, 64)
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 21) {
    const [m, e] = n.toExponential().split('e');
    const en = Number(e);
    return `${m}e${en < 0 ? '-' : '+'}${String(Math.abs(en)).padStart(2, '0')}`;
  }
  return String(n);
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The keys of a map, sorted; undefined when none holds a value. Keys whose value is undefined stay in
 * the list (emitMapBody skips them), which spares a second read of every value here.
 */
function presentKeys(m: Record<string, unknown>): readonly string[] | undefined {
  const keys = Object.keys(m);
  let i = 0;
  while (i < keys.length && m[keys[i]!] === undefined) i++;
  return i === keys.length ? undefined : sortedKeys(keys);
}

/**
 * "key:" for each key seen (a simple key never folds, so its text does not depend on the column), or
 * "" for a key goyaml cannot write as a simple key: one with a line break or over 128 UTF-8 bytes
 * (yaml_emitter_check_simple_key) goes out as "? key" and ": value" instead.
 */
const keyTexts = new Map<string, string>();

function keyText(k: string): string {
  let t = keyTexts.get(k);
  if (t === undefined) {
    if (LINE_BREAK.test(k) || (k.length > 42 && Buffer.byteLength(k) > 128)) t = '';
    else {
      const o = new Out();
      writeScalar(o, k, 0, true);
      o.buf.push(':');
      t = o.buf.join('');
    }
    if (keyTexts.size < 20_000) keyTexts.set(k, t);
  }
  return t;
}

const LINE_BREAK = /[\n\r\x85\u2028\u2029]/;

function emitNode(out: Out, v: unknown, indent: number): void {
  // Called with the cursor right after "key:" or "-" (no trailing space written yet).
  if (typeof v === 'object' && v !== null) {
    if (Array.isArray(v)) {
      if (v.length === 0) out.write(' []');
      else {
        // A sequence as a sequence item: "- - a".
        out.write(' ');
        emitSeqItems(out, v, indent + 2);
      }
      return;
    }
    const m = v as Record<string, unknown>;
    const keys = presentKeys(m);
    if (keys === undefined) out.write(' {}');
    else {
      out.indent(indent + 2);
      emitMapBody(out, m, keys, indent + 2);
    }
    return;
  }
  out.buf.push(' ');
  out.column++;
  if (typeof v === 'string') writeScalar(out, v, indent + 2, false);
  else {
    const t = scalarText(v);
    if (t !== undefined) out.write(t);
    else writeScalar(out, String(v), indent + 2, false);
  }
}

function endLine(out: Out): void {
  const buf = out.buf;
  if (buf[buf.length - 1] === '\u0000') {
    buf.pop();
    return;
  }
  buf.push('\n');
  out.column = 0;
}

function emitMapBody(out: Out, m: Record<string, unknown>, keys: readonly string[], indent: number): void {
  const pad = spaces(indent);
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const v = m[k];
    if (v === undefined) continue;
    if (first) first = false;
    else {
      endLine(out);
      out.buf.push(pad);
      out.column = indent;
    }
    const kt = keyText(k);
    if (kt === '') {
      // "? key" then ": value", the value placed as a sequence item's is after "- ".
      out.write('? ');
      writeScalar(out, k, indent + 2, false);
      endLine(out);
      out.buf.push(pad);
      out.column = indent;
      out.write(':');
      emitItem(out, v, indent);
      continue;
    }
    out.buf.push(kt);
    out.column += kt.length;
    if (Array.isArray(v) && v.length > 0) {
      endLine(out);
      out.buf.push(pad);
      out.column = indent;
      emitSeqItems(out, v, indent);
    } else emitNode(out, v, indent);
  }
}

function emitSeqItems(out: Out, items: unknown[], indent: number): void {
  const pad = spaces(indent);
  for (let i = 0; i < items.length; i++) {
    if (i > 0) {
      endLine(out);
      out.buf.push(pad);
      out.column = indent;
    }
    out.buf.push('-');
    out.column++;
    emitItem(out, items[i], indent);
  }
}

/** What follows "-" (or the ":" of a "? key"): a map starts on the same line, after one space. */
function emitItem(out: Out, item: unknown, indent: number): void {
  if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
    const m = item as Record<string, unknown>;
    const keys = presentKeys(m);
    if (keys === undefined) out.write(' {}');
    else {
      out.buf.push(' ');
      out.column++;
      emitMapBody(out, m, keys, indent + 2);
    }
  } else emitNode(out, item, indent);
}

/** The YAML text of a JSON-like value, as sigs.k8s.io/yaml.Marshal prints it. */
export function goYamlMarshal(v: unknown): string {
  const out = new Out();
  if (isMap(v)) {
    const keys = presentKeys(v);
    if (keys === undefined) return '{}\n';
    emitMapBody(out, v, keys, 0);
  } else if (Array.isArray(v)) {
    if (v.length === 0) return '[]\n';
    emitSeqItems(out, v, 0);
  } else {
    const t = scalarText(v);
    if (t !== undefined) out.write(t);
    else writeScalar(out, String(v), 2, false);
  }
  endLine(out);
  return out.buf.join('');
}
