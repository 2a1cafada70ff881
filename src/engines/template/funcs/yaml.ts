// YAML output byte-compatible with sigs.k8s.io/yaml.Marshal (what Helm's toYaml and istiod use): the value
// goes through Go's JSON encoding, then is emitted the way go-yaml v2 does it: sorted keys (its natural
// order), unindented block sequences, quoting only when a plain scalar would change meaning, literal
// blocks for multi-line strings and folding of long scalars at column 80.
import { isGoTimestamp } from '../../inject/go-yaml-resolve.js';
import { formatFloat } from '../numbers.js';
import { isPlainMap, kindOf, mapGet, mapKeys, NO_VALUE, sliceOf, unwrapTyped } from '../values.js';
import { goJson } from './json.js';

type J = null | boolean | number | bigint | string | J[] | { [k: string]: J };

const INT_RE = /^[-+]?(0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*)$/;
const FLOAT_RE = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BOOLS = new Set([
  'y',
  'Y',
  'yes',
  'Yes',
  'YES',
  'on',
  'On',
  'ON',
  'true',
  'True',
  'TRUE',
  'n',
  'N',
  'no',
  'No',
  'NO',
  'off',
  'Off',
  'OFF',
  'false',
  'False',
  'FALSE',
]);
const SPECIAL = new Set([
  '~',
  'null',
  'Null',
  'NULL',
  '.inf',
  '.Inf',
  '.INF',
  '+.inf',
  '+.Inf',
  '+.INF',
  '-.inf',
  '-.Inf',
  '-.INF',
  '.nan',
  '.NaN',
  '.NAN',
  '<<',
  '',
]);

/** Would go-yaml v2 read this plain scalar as something other than a string? */
function resolvesNonString(s: string): boolean {
  if (SPECIAL.has(s) || BOOLS.has(s)) return true;
  if (isGoTimestamp(s)) return true;
  const plain = s.replace(/_/g, '');
  if (INT_RE.test(s) && plain !== '' && !/^[-+]?$/.test(plain)) return true;
  if (FLOAT_RE.test(plain) && /[0-9]/.test(plain)) return true;
  if (/^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/.test(s)) return true; // base 60
  return false;
}

function isPrintable(c: number): boolean {
  return (
    c === 0x0a ||
    (c >= 0x20 && c <= 0x7e) ||
    c === 0x85 ||
    (c >= 0xa0 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff) ||
    (c >= 0x10000 && c <= 0x10ffff)
  );
}

interface Analysis {
  multiline: boolean;
  blockPlain: boolean;
  singleQuoted: boolean;
  blockAllowed: boolean;
}

function analyze(s: string): Analysis {
  if (s === '') return { multiline: false, blockPlain: true, singleQuoted: true, blockAllowed: false };
  let blockIndicators = false;
  let flowIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWs = true;
  let prevSpace = false;
  let prevBreak = false;
  if (s.startsWith('---') || s.startsWith('...')) {
    blockIndicators = true;
    flowIndicators = true;
  }
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const c = ch.codePointAt(0)!;
    const next = chars[i + 1];
    const followedByWs =
      next === undefined || next === ' ' || next === '\t' || next === '\n' || next === '\r';
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) {
        flowIndicators = true;
        blockIndicators = true;
      }
      if (ch === '?' || ch === ':') {
        flowIndicators = true;
        if (followedByWs) blockIndicators = true;
      }
      if (ch === '-' && followedByWs) {
        flowIndicators = true;
        blockIndicators = true;
      }
    } else {
      if (',?[]{}'.includes(ch)) flowIndicators = true;
      if (ch === ':') {
        flowIndicators = true;
        if (followedByWs) blockIndicators = true;
      }
      if (ch === '#' && precededByWs) {
        flowIndicators = true;
        blockIndicators = true;
      }
    }
    if (!isPrintable(c) || c === 0xfeff) special = true;
    if (ch === '\n' || ch === '\r' || c === 0x85 || c === 0x2028 || c === 0x2029) lineBreaks = true;
    if (ch === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (ch === '\n' || ch === '\r' || c === 0x85 || c === 0x2028 || c === 0x2029) {
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevBreak = true;
      prevSpace = false;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    precededByWs = ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
  }
  let blockPlain = true;
  let singleQuoted = true;
  let blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlain = false;
  if (trailingSpace) blockAllowed = false;
  if (breakSpace) {
    blockPlain = false;
    singleQuoted = false;
  }
  if (spaceBreak || special) {
    blockPlain = false;
    singleQuoted = false;
    blockAllowed = false;
  }
  if (lineBreaks) blockPlain = false;
  if (blockIndicators) blockPlain = false;
  void flowIndicators;
  return { multiline: lineBreaks, blockPlain, singleQuoted, blockAllowed };
}

const WIDTH = 80;

class Emitter {
  constructor(readonly indentSeq = false) {}
  out = '';
  col = 0;
  put(s: string) {
    this.out += s;
    const nl = s.lastIndexOf('\n');
    this.col = nl >= 0 ? [...s.slice(nl + 1)].length : this.col + [...s].length;
  }
  newline(indent: number) {
    this.out += `\n${' '.repeat(indent)}`;
    this.col = indent;
  }

  scalar(s: string, indent: number, simpleKey: boolean) {
    const a = analyze(s);
    let style: 'plain' | 'single' | 'double' | 'literal';
    if (!resolvesNonString(s) && !s.includes('\n')) style = 'plain';
    else if (s.includes('\n') && !resolvesNonString(s)) style = 'literal';
    else style = 'double';
    if (style === 'plain' && (!a.blockPlain || (s === '' && simpleKey))) style = 'single';
    if (style === 'single' && !a.singleQuoted) style = 'double';
    if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double';
    switch (style) {
      case 'plain':
        return this.plain(s, indent, !simpleKey);
      case 'single':
        return this.single(s, indent, !simpleKey);
      case 'double':
        return this.double(s, indent, !simpleKey);
      case 'literal':
        return this.literal(s, indent);
    }
  }

  plain(s: string, indent: number, allowBreaks: boolean) {
    const chars = [...s];
    let spaces = false;
    let buf = '';
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i]!;
      if (ch === ' ') {
        if (allowBreaks && !spaces && this.col + [...buf].length > WIDTH && chars[i + 1] !== ' ') {
          this.put(buf);
          buf = '';
          this.newline(indent);
        } else buf += ch;
        spaces = true;
      } else {
        buf += ch;
        spaces = false;
      }
    }
    this.put(buf);
  }

  single(s: string, indent: number, allowBreaks: boolean) {
    this.put("'");
    const chars = [...s];
    let spaces = false;
    let buf = '';
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i]!;
      if (ch === ' ') {
        if (
          allowBreaks &&
          !spaces &&
          this.col + [...buf].length > WIDTH &&
          i !== 0 &&
          i !== chars.length - 1 &&
          chars[i + 1] !== ' '
        ) {
          this.put(buf);
          buf = '';
          this.newline(indent);
        } else buf += ch;
        spaces = true;
      } else {
        buf += ch === "'" ? "''" : ch;
        spaces = false;
      }
    }
    this.put(`${buf}'`);
  }

  double(s: string, indent: number, allowBreaks: boolean) {
    this.put('"');
    const chars = [...s];
    let spaces = false;
    let buf = '';
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i]!;
      const c = ch.codePointAt(0)!;
      if (
        !isPrintable(c) ||
        c === 0xfeff ||
        ch === '\n' ||
        ch === '"' ||
        ch === '\\' ||
        c === 0x85 ||
        c === 0x2028 ||
        c === 0x2029
      ) {
        buf += escapeDouble(c);
        spaces = false;
        continue;
      }
      if (ch === ' ') {
        if (
          allowBreaks &&
          !spaces &&
          this.col + [...buf].length > WIDTH &&
          i !== 0 &&
          i !== chars.length - 1
        ) {
          this.put(buf);
          buf = '';
          this.newline(indent);
          if (chars[i + 1] === ' ') buf += '\\';
        } else buf += ch;
        spaces = true;
      } else {
        buf += ch;
        spaces = false;
      }
    }
    this.put(`${buf}"`);
  }

  literal(s: string, indent: number) {
    let chomp = '';
    if (!s.endsWith('\n')) chomp = '-';
    else if (s === '\n' || s.endsWith('\n\n')) chomp = '+';
    const indentHint = s.startsWith(' ') || s.startsWith('\n') ? '2' : '';
    this.put(`|${indentHint}${chomp}`);
    const body = chomp === '' ? s.slice(0, -1) : chomp === '+' ? s.slice(0, -1) : s;
    const lines = body.split('\n');
    for (const line of lines) {
      if (line === '') {
        this.out += '\n';
        this.col = 0;
      } else {
        this.newline(indent);
        this.put(line);
      }
    }
  }

  node(v: J, indent: number) {
    if (v === null) return this.put('null');
    if (typeof v === 'boolean') return this.put(String(v));
    if (typeof v === 'bigint') return this.put(String(v));
    if (typeof v === 'number') return this.put(yamlFloat(v));
    if (typeof v === 'string') return this.scalar(v, indent, false);
    if (Array.isArray(v)) {
      if (v.length === 0) return this.put('[]');
      return this.seq(v, indent);
    }
    const keys = Object.keys(v).sort(yamlKeyLess);
    if (keys.length === 0) return this.put('{}');
    return this.map(v, keys, indent);
  }

  /** Items at `indent`; the cursor is already where the first "- " goes. */
  seq(v: J[], indent: number) {
    v.forEach((item, i) => {
      if (i > 0) this.newline(indent);
      this.put('- ');
      this.node(item, indent + 2);
    });
  }

  /** Keys at `indent`; the cursor is already where the first key goes. */
  map(v: { [k: string]: J }, keys: string[], indent: number) {
    keys.forEach((k, i) => {
      if (i > 0) this.newline(indent);
      this.scalar(k, indent, true);
      this.put(':');
      const val = v[k]!;
      if (Array.isArray(val) && val.length > 0) {
        const at = this.indentSeq ? indent + 2 : indent;
        this.newline(at);
        this.seq(val, at);
      } else if (
        val !== null &&
        typeof val === 'object' &&
        !Array.isArray(val) &&
        Object.keys(val).length > 0
      ) {
        this.newline(indent + 2);
        this.map(val, Object.keys(val).sort(yamlKeyLess), indent + 2);
      } else {
        this.put(' ');
        this.node(val, indent + 2);
      }
    });
  }
}

function escapeDouble(c: number): string {
  switch (c) {
    case 0:
      return '\\0';
    case 7:
      return '\\a';
    case 8:
      return '\\b';
    case 9:
      return '\\t';
    case 10:
      return '\\n';
    case 11:
      return '\\v';
    case 12:
      return '\\f';
    case 13:
      return '\\r';
    case 27:
      return '\\e';
    case 0x22:
      return '\\"';
    case 0x5c:
      return '\\\\';
    case 0x85:
      return '\\N';
    case 0xa0:
      return '\\_';
    case 0x2028:
      return '\\L';
    case 0x2029:
      return '\\P';
  }
  if (c <= 0xff) return `\\x${c.toString(16).toUpperCase().padStart(2, '0')}`;
  if (c <= 0xffff) return `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
  return `\\U${c.toString(16).toUpperCase().padStart(8, '0')}`;
}

function yamlFloat(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  if (f === Infinity) return '.inf';
  if (f === -Infinity) return '-.inf';
  return formatFloat(f, 'g', -1);
}

const isLetter = (c: string) => {
  const x = c.charCodeAt(0);
  if (x < 0x80) return (x >= 65 && x <= 90) || (x >= 97 && x <= 122);
  return /\p{L}/u.test(c);
};
const isDigit = (c: string) => {
  const x = c.charCodeAt(0);
  if (x < 0x80) return x >= 48 && x <= 57;
  return /\p{Nd}/u.test(c);
};

/** go-yaml v2's keyList.Less for string keys. */
export function yamlKeyLess(a: string, b: string): number {
  if (a === b) return 0;
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)! ? -1 : 1;
    if (al || bl) return bl ? -1 : 1;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
        if (ar[j] !== '0') {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]!); ai++) an = an * 10n + BigInt(ar[ai]!.codePointAt(0)! - 48);
    for (; bi < br.length && isDigit(br[bi]!); bi++) bn = bn * 10n + BigInt(br[bi]!.codePointAt(0)! - 48);
    if (an !== bn) return an < bn ? -1 : 1;
    if (ai !== bi) return ai < bi ? -1 : 1;
    return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)! ? -1 : 1;
  }
  return ar.length < br.length ? -1 : 1;
}

/** Re-read Go JSON text the way go-yaml would: integers stay ints, other numbers are floats. */
function fromGoJson(text: string): J {
  const parsed = JSON.parse(
    text.replace(/("(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g, (_m, str, num: string) =>
      str ? str : /[.eE]/.test(num) ? num : `{"$i":"${num}"}`,
    ),
  );
  const conv = (x: any): J => {
    if (x === null || typeof x !== 'object') return x;
    if (Array.isArray(x)) return x.map(conv);
    const keys = Object.keys(x);
    if (keys.length === 1 && keys[0] === '$i' && typeof x.$i === 'string') return BigInt(x.$i);
    const o: { [k: string]: J } = {};
    for (const k of keys) o[k] = conv(x[k]);
    return o;
  };
  return conv(parsed);
}

function direct(v: unknown): J {
  const raw = unwrapTyped(v);
  switch (kindOf(v)) {
    case 'invalid':
    case 'nil':
      return null;
    case 'slice':
      return sliceOf(v).map(direct);
    case 'map': {
      const o: { [k: string]: J } = {};
      for (const k of mapKeys(raw)) o[k] = direct(mapGet(raw, k));
      return o;
    }
    case 'int':
    case 'uint':
      return BigInt(raw as bigint);
    case 'float':
    case 'bool':
    case 'string':
      return raw as J;
  }
  return fromGoJson(goJson.stringify(v, { html: true, must: true })!);
}

/**
 * The value as Go's JSON encoding followed by go-yaml decoding would leave it: integral floats below 2^63
 * become ints, structs use their JSON view. Plain data is converted directly (no JSON text round trip).
 */
function jsonShape(v: unknown): J {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'bigint':
      return v;
    case 'number':
      if (!Number.isFinite(v)) return fromGoJson(goJson.stringify(v, { must: true })!);
      return Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? BigInt(v) : v;
  }
  if (v === null || v === undefined || v === NO_VALUE) return null;
  if (Array.isArray(v)) return v.map(jsonShape);
  if (isPlainMap(v)) {
    const o: { [k: string]: J } = {};
    for (const k of Object.keys(v)) {
      const x = v[k];
      if (x !== undefined) o[k] = jsonShape(x);
    }
    return o;
  }
  return fromGoJson(goJson.stringify(v, { html: true, must: true })!);
}

/**
 * sigs.k8s.io/yaml.Marshal(v) as a string (ends with a newline); with `pretty`, go-yaml v3's encoder
 * with indent 2 (Helm's toYamlPretty). Throws on JSON errors.
 */
export function toYamlString(v: unknown, pretty = false): string {
  const j = pretty ? direct(v) : jsonShape(v);
  const e = new Emitter(pretty);
  e.node(j, 0);
  return `${e.out}\n`;
}
