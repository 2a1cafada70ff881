// Sprig v3 string functions.

import { sprintf } from '../fmt.js';
import { def, type FuncMap } from '../func-types.js';
import { goQuote } from '../quote.js';
import { compareStrings, kindOf, sliceOf, Typed, unwrapTyped } from '../values.js';
import { strval } from './convert.js';
import { nodeCrypto } from './node-crypto.js';

const bytes = (s: string) => Buffer.from(s, 'utf8');
const fromBytes = (b: Uint8Array) => Buffer.from(b).toString('utf8');
const isSpaceRune = (c: string) => /\s/u.test(c) && c !== '\u200b' && c !== '\ufeff';

export function strslice(v: unknown): string[] {
  const k = kindOf(v);
  if (k === 'slice')
    return sliceOf(v)
      .filter((x) => x !== null && x !== undefined)
      .map(strval);
  if (v === null || v === undefined) return [];
  return [strval(v)];
}

function abbreviateFull(str: string, offset: number, maxWidth: number): string {
  if (str === '') return '';
  if (maxWidth < 4) return '';
  const b = bytes(str);
  const len = b.length;
  if (len <= maxWidth) return str;
  if (offset > len) offset = len;
  if (len - offset < maxWidth - 3) offset = len - (maxWidth - 3);
  if (offset <= 4) return `${fromBytes(b.subarray(0, maxWidth - 3))}...`;
  if (maxWidth < 7) return '';
  if (offset + maxWidth - 3 < len)
    return `...${abbreviateFull(fromBytes(b.subarray(offset)), 0, maxWidth - 3)}`;
  return `...${fromBytes(b.subarray(len - (maxWidth - 3)))}`;
}

function wrapCustom(str: string, wrapLength: number, newLine: string, wrapLong: boolean): string {
  if (str === '') return '';
  if (newLine === '') newLine = '\n';
  if (wrapLength < 1) wrapLength = 1;
  const len = str.length;
  let offset = 0;
  let out = '';
  while (len - offset > wrapLength) {
    if (str[offset] === ' ') {
      offset++;
      continue;
    }
    const end = wrapLength + offset + 1;
    const at = str.slice(offset, end).lastIndexOf(' ') + offset;
    if (at >= offset) {
      out += str.slice(offset, at) + newLine;
      offset = at + 1;
    } else if (wrapLong) {
      out += str.slice(offset, wrapLength + offset) + newLine;
      offset += wrapLength;
    } else {
      const sp = str.indexOf(' ', wrapLength + offset);
      if (sp >= 0) {
        out += str.slice(offset, sp) + newLine;
        offset = sp + 1;
      } else {
        out += str.slice(offset);
        offset = len;
      }
    }
  }
  return out + str.slice(offset);
}

function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    const isSep = !/[\p{L}\p{N}_']/u.test(prev) || /\s/u.test(prev);
    out += isSep ? ch.toUpperCase() : ch;
    prev = ch;
  }
  return out;
}

function untitle(s: string): string {
  let inWord = false;
  let out = '';
  for (const ch of s) {
    if (isSpaceRune(ch)) {
      inWord = false;
      out += ch;
    } else if (!inWord) {
      out += ch.toLowerCase();
      inWord = true;
    } else out += ch;
  }
  return out;
}

function swapcase(s: string): string {
  let ws = true;
  let out = '';
  for (const ch of s) {
    const up = ch.toUpperCase();
    const lo = ch.toLowerCase();
    if (ch !== lo) {
      out += lo;
      ws = false;
    } else if (ch !== up) {
      out += ws ? up : up;
      ws = false;
    } else {
      out += ch;
      ws = isSpaceRune(ch);
    }
  }
  return out;
}

// huandu/xstrings word splitting: lower->upper boundaries, letters/digits, separators.
function words(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (!/[\p{L}\p{N}]/u.test(c)) {
      if (cur) out.push(cur);
      cur = '';
      continue;
    }
    const prev = chars[i - 1] ?? '';
    const next = chars[i + 1] ?? '';
    const isUp = c !== c.toLowerCase();
    if (cur && isUp) {
      const prevLower = prev !== prev.toUpperCase() || /\p{N}/u.test(prev);
      const nextLower = next !== '' && next !== next.toUpperCase();
      if (prevLower || (nextLower && prev !== '' && prev !== prev.toLowerCase())) {
        out.push(cur);
        cur = '';
      }
    }
    cur += c;
  }
  if (cur) out.push(cur);
  return out;
}

const snake = (s: string, sep: string) =>
  words(s)
    .map((w) => w.toLowerCase())
    .join(sep);
const pascal = (s: string) => {
  let out = '';
  for (const part of s.split('_')) {
    if (part === '') continue;
    out += part[0]!.toUpperCase() + part.slice(1);
  }
  return s.startsWith('_') ? `_${out}` : out;
};

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
function randString(count: number, alphabet: string): string {
  let out = '';
  for (let i = 0; i < count; i++) out += alphabet[nodeCrypto().randomInt(alphabet.length)];
  return out;
}
const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');

function substr(start: number, end: number, s: string): string {
  const b = bytes(s);
  if (start < 0) {
    if (end > b.length || end < 0)
      throw new Error(`runtime error: slice bounds out of range [:${end}] with length ${b.length}`);
    return fromBytes(b.subarray(0, end));
  }
  if (end < 0 || end > b.length) {
    if (start > b.length) throw new Error(`runtime error: slice bounds out of range [${start}:${b.length}]`);
    return fromBytes(b.subarray(start));
  }
  if (start > end) throw new Error(`runtime error: slice bounds out of range [${start}:${end}]`);
  return fromBytes(b.subarray(start, end));
}

function trunc(c: number, s: string): string {
  const b = bytes(s);
  if (c < 0 && b.length + c > 0) return fromBytes(b.subarray(b.length + c));
  if (c >= 0 && b.length > c) return fromBytes(b.subarray(0, c));
  return s;
}

const indent = (n: number, v: string) => {
  const pad = ' '.repeat(Math.max(n, 0));
  return pad + v.replace(/\n/g, `\n${pad}`);
};

const goTrim = (s: string, cutset: string) => {
  const set = new Set([...cutset]);
  const chars = [...s];
  let a = 0;
  let b = chars.length;
  while (a < b && set.has(chars[a]!)) a++;
  while (b > a && set.has(chars[b - 1]!)) b--;
  return chars.slice(a, b).join('');
};

const JS_SPACE = /\s/;
/** JavaScript's \s plus U+0085 and U+00A0 (every one a single UTF-16 unit). */
const isTrimSpace = (c: number) =>
  c === 32 || (c >= 9 && c <= 13) || (c > 127 && (c === 0x85 || JS_SPACE.test(String.fromCharCode(c))));

/** Trims leading and trailing white space; a loop, as a regexp anchored at the end rescans every inner run. */
export function trimSpace(s: string): string {
  let i = 0;
  let j = s.length;
  while (i < j && isTrimSpace(s.charCodeAt(i))) i++;
  while (j > i && isTrimSpace(s.charCodeAt(j - 1))) j--;
  return i === 0 && j === s.length ? s : s.slice(i, j);
}

function splitMap(parts: string[]): Record<string, string> {
  const m: Record<string, string> = {};
  parts.forEach((p, i) => {
    m[`_${i}`] = p;
  });
  return m;
}

export function goSplit(s: string, sep: string, n = -1): string[] {
  if (n === 0) return [];
  if (sep === '') {
    const chars = [...s];
    if (n < 0 || n >= chars.length) return chars;
    return [...chars.slice(0, n - 1), chars.slice(n - 1).join('')];
  }
  const parts = s.split(sep);
  if (n < 0 || parts.length <= n) return parts;
  return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
}

export function sprigStringFuncs(): FuncMap {
  const s1 = (fn: (s: string) => string) => def(['string'], fn);
  return {
    hello: def([], () => 'Hello!'),
    abbrev: def(['int', 'string'], (w: bigint, s: string) =>
      Number(w) < 4 ? s : abbreviateFull(s, 0, Number(w)),
    ),
    abbrevboth: def(['int', 'int', 'string'], (l: bigint, r: bigint, s: string) =>
      Number(r) < 4 || (Number(l) > 0 && Number(r) < 7) ? s : abbreviateFull(s, Number(l), Number(r)),
    ),
    trunc: def(['int', 'string'], (c: bigint, s: string) => trunc(Number(c), s)),
    trim: s1(trimSpace),
    upper: s1((s) => s.toUpperCase()),
    lower: s1((s) => s.toLowerCase()),
    title: s1(title),
    untitle: s1(untitle),
    substr: def(['int', 'int', 'string'], (a: bigint, b: bigint, s: string) =>
      substr(Number(a), Number(b), s),
    ),
    repeat: def(['int', 'string'], (n: bigint, s: string) => {
      if (n < 0n) throw new Error('strings: negative Repeat count');
      return s.repeat(Number(n));
    }),
    trimall: def(['string', 'string'], (a: string, b: string) => goTrim(b, a)),
    trimAll: def(['string', 'string'], (a: string, b: string) => goTrim(b, a)),
    trimSuffix: def(['string', 'string'], (a: string, b: string) =>
      a && b.endsWith(a) ? b.slice(0, b.length - a.length) : b,
    ),
    trimPrefix: def(['string', 'string'], (a: string, b: string) =>
      a && b.startsWith(a) ? b.slice(a.length) : b,
    ),
    nospace: s1((s) => [...s].filter((c) => !isSpaceRune(c)).join('')),
    initials: s1((s) => {
      let out = '';
      let gap = true;
      for (const c of s) {
        if (isSpaceRune(c)) gap = true;
        else if (gap) {
          out += c;
          gap = false;
        }
      }
      return out;
    }),
    randAlphaNum: def(['int'], (n: bigint) => randString(Number(n), ALNUM)),
    randAlpha: def(['int'], (n: bigint) => randString(Number(n), ALNUM.slice(0, 52))),
    randAscii: def(['int'], (n: bigint) => randString(Number(n), ASCII)),
    randNumeric: def(['int'], (n: bigint) => randString(Number(n), '0123456789')),
    swapcase: s1(swapcase),
    shuffle: s1((s) => {
      const c = [...s];
      for (let i = c.length - 1; i > 0; i--) {
        const j = nodeCrypto().randomInt(i + 1);
        [c[i], c[j]] = [c[j]!, c[i]!];
      }
      return c.join('');
    }),
    snakecase: s1((s) => snake(s, '_')),
    camelcase: s1(pascal),
    kebabcase: s1((s) => snake(s, '-')),
    wrap: def(['int', 'string'], (l: bigint, s: string) => wrapCustom(s, Number(l), '', false)),
    wrapWith: def(['int', 'string', 'string'], (l: bigint, sep: string, s: string) =>
      wrapCustom(s, Number(l), sep, true),
    ),
    contains: def(['string', 'string'], (sub: string, s: string) => s.includes(sub)),
    hasPrefix: def(['string', 'string'], (p: string, s: string) => s.startsWith(p)),
    hasSuffix: def(['string', 'string'], (p: string, s: string) => s.endsWith(p)),
    quote: def(['...any'], (...xs: unknown[]) =>
      xs
        .filter((x) => x !== null)
        .map((x) => goQuote(strval(x)))
        .join(' '),
    ),
    squote: def(['...any'], (...xs: unknown[]) =>
      xs
        .filter((x) => x !== null)
        .map((x) => `'${sprintf('%v', [x])}'`)
        .join(' '),
    ),
    cat: def(['...any'], (...xs: unknown[]) => {
      const v = xs.filter((x) => x !== null);
      return sprintf('%v '.repeat(v.length).trim(), v);
    }),
    indent: def(['int', 'string'], (n: bigint, v: string) => indent(Number(n), v)),
    nindent: def(['int', 'string'], (n: bigint, v: string) => `\n${indent(Number(n), v)}`),
    replace: def(['string', 'string', 'string'], (o: string, n: string, src: string) =>
      o === '' ? goReplaceEmpty(src, n) : src.split(o).join(n),
    ),
    plural: def(['string', 'string', 'int'], (one: string, many: string, c: bigint) =>
      c === 1n ? one : many,
    ),
    toString: def(['any'], strval),
    split: def(['string', 'string'], (sep: string, s: string) => splitMap(goSplit(s, sep))),
    splitList: def(['string', 'string'], (sep: string, s: string) => new Typed('[]string', goSplit(s, sep))),
    splitn: def(['string', 'int', 'string'], (sep: string, n: bigint, s: string) =>
      splitMap(goSplit(s, sep, Number(n))),
    ),
    toStrings: def(['any'], (v: unknown) => new Typed('[]string', strslice(v))),
    join: def(['string', 'any'], (sep: string, v: unknown) => strslice(v).join(sep)),
    sortAlpha: def(['any'], (v: unknown) => {
      const k = kindOf(v);
      if (k === 'slice') return new Typed('[]string', strslice(v).sort(cmpBytes));
      return new Typed('[]string', [strval(v)]);
    }),
  };
}

function goReplaceEmpty(src: string, n: string): string {
  const chars = [...src];
  return n + chars.map((c) => c + n).join('');
}

export const cmpBytes = compareStrings;
export { unwrapTyped };
