// Go's fmt (Sprint, Sprintln, Sprintf) over the Go value model: verbs, flags, width, precision,
// %!verb(type=value) for wrong types, %!v(MISSING), %!(EXTRA ...), %!(NOVERB), %!(BADWIDTH), %!(BADPREC).
import { formatFloat } from './numbers.js';
import { canBackquote, goQuote, goQuoteRuneLiteral } from './quote.js';
import { GO_TYPE, kindOf, mapGet, NO_VALUE, sortedKeys, Typed, typeName, unwrapTyped } from './values.js';

interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  plusV: boolean;
  sharpV: boolean;
  wid: number;
  widPresent: boolean;
  prec: number;
  precPresent: boolean;
}

const newFlags = (): Flags => ({
  plus: false,
  minus: false,
  sharp: false,
  space: false,
  zero: false,
  plusV: false,
  sharpV: false,
  wid: 0,
  widPresent: false,
  prec: 0,
  precPresent: false,
});

const runeCount = (s: string) => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

function pad(f: Flags, s: string): string {
  if (!f.widPresent || f.wid === 0) return s;
  const width = f.wid - runeCount(s);
  if (width <= 0) return s;
  if (f.minus) return s + ' '.repeat(width);
  return (f.zero ? '0' : ' ').repeat(width) + s;
}

function padSpaces(f: Flags, s: string): string {
  const z = f.zero;
  f.zero = false;
  const r = pad(f, s);
  f.zero = z;
  return r;
}

function fmtInteger(f: Flags, v: bigint, base: number, verb: string, upper: boolean): string {
  const negative = v < 0n;
  let u = negative ? -v : v;
  let prec = 0;
  if (f.precPresent) {
    prec = f.prec;
    if (prec === 0 && u === 0n) return padSpaces(f, '');
  } else if (f.zero && !f.minus && f.widPresent) {
    prec = f.wid;
    if (negative || f.plus || f.space) prec--;
  }
  let digits = u.toString(base);
  if (upper) digits = digits.toUpperCase();
  if (digits.length < prec) digits = '0'.repeat(prec - digits.length) + digits;
  u = 0n;
  if (f.sharp) {
    if (base === 2) digits = `0b${digits}`;
    else if (base === 8 && digits[0] !== '0') digits = `0${digits}`;
    else if (base === 16) digits = (upper ? '0X' : '0x') + digits;
  }
  if (verb === 'O') digits = `0o${digits}`;
  if (negative) digits = `-${digits}`;
  else if (f.plus) digits = `+${digits}`;
  else if (f.space) digits = ` ${digits}`;
  return padSpaces(f, digits);
}

function fmtFloatVerb(f: Flags, v: number, verb: string, defPrec: number): string {
  const prec = f.precPresent ? f.prec : defPrec;
  let num = formatFloat(v, verb, prec);
  if (num[0] === '-' || num[0] === '+') {
    /* keep */
  } else num = `+${num}`;
  if (f.space && num[0] === '+' && !f.plus) num = ` ${num.slice(1)}`;
  if (num[1] === 'I' || num[1] === 'N') {
    if (num[1] === 'N' && !f.space && !f.plus) num = num.slice(1);
    return padSpaces(f, num);
  }
  if (f.sharp && verb !== 'b') num = sharpFloat(num, verb, prec);
  if (f.plus || num[0] !== '+') {
    if (f.zero && !f.minus && f.widPresent && f.wid > num.length) {
      return num[0] + '0'.repeat(f.wid - num.length) + num.slice(1);
    }
    return pad(f, num);
  }
  return pad(f, num.slice(1));
}

function sharpFloat(num: string, verb: string, prec: number): string {
  let digits = 0;
  if ('vgGx'.includes(verb)) digits = prec === -1 ? 6 : prec;
  let tail = '';
  const ei = num.search(/[eEpP]/);
  let body = num;
  if (ei >= 0) {
    tail = num.slice(ei);
    body = num.slice(0, ei);
  }
  let sawNonzero = false;
  let hasDot = false;
  for (let i = 1; i < body.length; i++) {
    const c = body[i]!;
    if (c === '.') hasDot = true;
    else if (c >= '0' && c <= '9') {
      if (c !== '0') sawNonzero = true;
      if (sawNonzero) digits--;
    }
  }
  if (!hasDot) {
    if (body.length === 2 && body[1] === '0') digits--;
    body += '.';
  }
  while (digits > 0) {
    body += '0';
    digits--;
  }
  return body + tail;
}

function fmtString(f: Flags, s: string, verb: string, arg: unknown): string {
  switch (verb) {
    case 'v':
      if (f.sharpV) return pad(f, goQuote(s));
      return fmtS(f, s);
    case 's':
      return fmtS(f, s);
    case 'x':
    case 'X':
      return fmtSx(f, Buffer.from(truncate(f, s)), verb === 'X');
    case 'q':
      return fmtQ(f, s);
  }
  return badVerb(f, verb, arg);
}

function truncate(f: Flags, s: string): string {
  if (!f.precPresent) return s;
  return [...s].slice(0, f.prec).join('');
}

const fmtS = (f: Flags, s: string) => pad(f, truncate(f, s));

function fmtQ(f: Flags, s: string): string {
  s = truncate(f, s);
  if (f.sharp && canBackquote(s)) return pad(f, `\`${s}\``);
  return pad(f, goQuote(s, f.plus));
}

function fmtSx(f: Flags, b: Uint8Array, upper: boolean): string {
  const hex = upper ? '0123456789ABCDEF' : '0123456789abcdef';
  let out = '';
  for (let i = 0; i < b.length; i++) {
    if (f.space && i > 0) out += ' ';
    if (f.sharp && (f.space || i === 0)) out += upper ? '0X' : '0x';
    out += hex[b[i]! >> 4]! + hex[b[i]! & 15]!;
  }
  return pad(f, out);
}

function badVerb(f: Flags, verb: string, arg: unknown): string {
  if (arg === null || arg === undefined || arg === NO_VALUE) return `%!${verb}(<nil>)`;
  return `%!${verb}(${typeName(arg)}=${printArg(f, arg, 'v', 0)})`;
}

function printArg(f: Flags, arg: unknown, verb: string, depth: number): string {
  if (arg === null || arg === undefined || arg === NO_VALUE) {
    if (verb === 'T' || verb === 'v') return pad(f, '<nil>');
    return badVerb(f, verb, arg);
  }
  if (verb === 'T') return fmtS(f, typeName(arg));
  const raw = unwrapTyped(arg);
  const kind = kindOf(arg);
  switch (kind) {
    case 'bool':
      if (verb === 't' || verb === 'v') return pad(f, String(raw));
      return badVerb(f, verb, arg);
    case 'int':
    case 'uint': {
      const v = typeof raw === 'bigint' ? raw : BigInt(raw as number);
      switch (verb) {
        case 'v':
          if (f.sharpV && kind === 'uint') return fmtInteger({ ...f, sharp: true }, v, 16, 'x', false);
          return fmtInteger(f, v, 10, verb, false);
        case 'd':
          return fmtInteger(f, v, 10, verb, false);
        case 'b':
          return fmtInteger(f, v, 2, verb, false);
        case 'o':
        case 'O':
          return fmtInteger(f, v, 8, verb, false);
        case 'x':
          return fmtInteger(f, v, 16, verb, false);
        case 'X':
          return fmtInteger(f, v, 16, verb, true);
        case 'c':
          return pad(f, String.fromCodePoint(validRune(v)));
        case 'q':
          return pad(f, goQuoteRuneLiteral(validRune(v), f.plus));
        case 'U': {
          const cp = v;
          let s = `U+${(cp < 0n ? cp + 2n ** 64n : cp)
            .toString(16)
            .toUpperCase()
            .padStart(f.precPresent ? f.prec : 4, '0')}`;
          if (f.sharp && cp >= 0n && cp <= 0x10ffffn) s += ` '${String.fromCodePoint(Number(cp))}'`;
          return padSpaces(f, s);
        }
      }
      return badVerb(f, verb, arg);
    }
    case 'float': {
      const v = raw as number;
      switch (verb) {
        case 'v':
          return fmtFloatVerb(f, v, 'g', -1);
        case 'b':
        case 'g':
        case 'G':
        case 'x':
        case 'X':
          return fmtFloatVerb(f, v, verb, -1);
        case 'f':
        case 'e':
        case 'E':
        case 'F':
          return fmtFloatVerb(f, v, verb === 'F' ? 'f' : verb, 6);
      }
      return badVerb(f, verb, arg);
    }
    case 'string':
      return fmtString(f, raw as string, verb, arg);
    case 'slice': {
      if (raw instanceof Uint8Array && 'sxXq'.includes(verb)) {
        if (verb === 's') return fmtS(f, Buffer.from(raw).toString('utf8'));
        if (verb === 'q') return fmtQ(f, Buffer.from(raw).toString('utf8'));
        return fmtSx(f, raw, verb === 'X');
      }
      const items = raw instanceof Uint8Array ? [...raw].map((b) => BigInt(b)) : (raw as unknown[]);
      if (f.sharpV)
        return `${typeName(arg)}{${items.map((e) => printArg(f, e, verb, depth + 1)).join(', ')}}`;
      return `[${items.map((e) => printElem(f, e, verb, depth + 1)).join(' ')}]`;
    }
    case 'map': {
      const keys = sortedKeys(raw);
      if (f.sharpV)
        return `${typeName(arg)}{${keys.map((k) => `${goQuote(k)}:${printArg(f, mapGet(raw, k), verb, depth + 1)}`).join(', ')}}`;
      return `map[${keys.map((k) => `${printArg(f, k, verb, depth + 1)}:${printElem(f, mapGet(raw, k), verb, depth + 1)}`).join(' ')}]`;
    }
    case 'func':
      return verb === 'v' || verb === 'p' ? pad(f, '0x1') : badVerb(f, verb, arg);
    case 'nil':
      return pad(f, '<nil>');
    default: {
      if (raw === null || raw === undefined) return pad(f, '<nil>');
      if (typeof (raw as any)?.String === 'function' && 'vsq'.includes(verb)) {
        return fmtString(f, String((raw as any).String()), verb, arg);
      }
      if (typeof (raw as any)?.Error === 'function' && 'vsq'.includes(verb)) {
        return fmtString(f, String((raw as any).Error()), verb, arg);
      }
      const obj = raw as Record<string, unknown>;
      const fields = Object.keys(obj).filter((k) => typeof obj[k] !== 'function' && k !== (GO_TYPE as any));
      const parts = fields.map((k) => (f.plusV ? `${k}:` : '') + printElem(f, obj[k], verb, depth + 1));
      return `{${parts.join(' ')}}`;
    }
  }
}

function printElem(f: Flags, v: unknown, verb: string, depth: number): string {
  if (v === null || v === undefined || v === NO_VALUE) return pad(f, '<nil>');
  return printArg(f, v, verb, depth);
}

function validRune(v: bigint): number {
  if (v < 0n || v > 0x10ffffn || (v >= 0xd800n && v < 0xe000n)) return 0xfffd;
  return Number(v);
}

export function sprint(args: unknown[]): string {
  let out = '';
  let prevString = false;
  args.forEach((a, i) => {
    const isString = kindOf(a) === 'string';
    if (i > 0 && !isString && !prevString) out += ' ';
    out += printArg(newFlags(), a, 'v', 0);
    prevString = isString;
  });
  return out;
}

export function sprintln(args: unknown[]): string {
  return `${args.map((a) => printArg(newFlags(), a, 'v', 0)).join(' ')}\n`;
}

export function sprintf(format: string, args: unknown[]): string {
  let out = '';
  let argNum = 0;
  let badIndex = false;
  let reordered = false;
  const end = format.length;
  let i = 0;
  while (i < end) {
    const lasti = i;
    while (i < end && format[i] !== '%') i++;
    if (i > lasti) out += format.slice(lasti, i);
    if (i >= end) break;
    i++;
    const f = newFlags();
    for (; i < end; i++) {
      const c = format[i];
      if (c === '#') f.sharp = true;
      else if (c === '0') f.zero = !f.minus;
      else if (c === '+') f.plus = true;
      else if (c === '-') {
        f.minus = true;
        f.zero = false;
      } else if (c === ' ') f.space = true;
      else break;
    }
    const ai = argIndex(format, i, args.length);
    if (ai) {
      i = ai.next;
      if (ai.ok) argNum = ai.index;
      else {
        badIndex = true;
      }
    }
    if (i < end && format[i] === '*') {
      i++;
      const r = intFromArg(args, argNum);
      argNum = r.argNum;
      f.wid = r.num;
      f.widPresent = r.ok;
      if (!r.ok) out += '%!(BADWIDTH)';
      if (f.wid < 0) {
        f.wid = -f.wid;
        f.minus = true;
        f.zero = false;
      }
    } else {
      const r = parsenum(format, i, end);
      f.wid = r.num;
      f.widPresent = r.ok;
      i = r.next;
    }
    if (i + 1 < end && format[i] === '.') {
      i++;
      if (format[i] === '*') {
        i++;
        const r = intFromArg(args, argNum);
        argNum = r.argNum;
        f.prec = r.num;
        f.precPresent = r.ok;
        if (f.prec < 0) {
          f.prec = 0;
          f.precPresent = false;
        }
        if (!r.ok) out += '%!(BADPREC)';
      } else {
        const r = parsenum(format, i, end);
        f.prec = r.num;
        f.precPresent = true;
        i = r.next;
        if (!r.ok) f.prec = 0;
      }
    } else if (i + 1 === end && format[i] === '.') {
      i++;
      f.precPresent = true;
    }
    if (i >= end) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (badIndex) {
      out += `%!${verb}(BADINDEX)`;
      badIndex = false;
      reordered = true;
      continue;
    }
    if (ai) reordered = true;
    if (argNum >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    if (verb === 'v') {
      f.sharpV = f.sharp;
      f.sharp = false;
      f.plusV = f.plus;
      f.plus = false;
    }
    out += printArg(f, args[argNum], verb, 0);
    argNum++;
  }
  if (!reordered && argNum < args.length) {
    const extra = args.slice(argNum).map((a) => {
      if (a === null || a === undefined || a === NO_VALUE) return '<nil>';
      return `${typeName(a)}=${printArg(newFlags(), a, 'v', 0)}`;
    });
    out += `%!(EXTRA ${extra.join(', ')})`;
  }
  return out;
}

/** "[n]" argument index; n is 1-based. */
function argIndex(
  s: string,
  i: number,
  numArgs: number,
): { index: number; ok: boolean; next: number } | null {
  if (s[i] !== '[') return null;
  const close = s.indexOf(']', i);
  if (close < 0) return { index: 0, ok: false, next: s.length };
  const n = /^\d+$/.test(s.slice(i + 1, close)) ? Number(s.slice(i + 1, close)) : -1;
  if (n < 1 || n > numArgs) return { index: 0, ok: false, next: close + 1 };
  return { index: n - 1, ok: true, next: close + 1 };
}

function parsenum(s: string, start: number, end: number): { num: number; ok: boolean; next: number } {
  let i = start;
  let num = 0;
  let ok = false;
  while (i < end && s[i]! >= '0' && s[i]! <= '9') {
    if (num > 1e6) return { num: 0, ok: false, next: end };
    num = num * 10 + (s.charCodeAt(i) - 48);
    ok = true;
    i++;
  }
  return { num, ok, next: i };
}

function intFromArg(args: unknown[], argNum: number): { num: number; ok: boolean; argNum: number } {
  if (argNum >= args.length) return { num: 0, ok: false, argNum };
  const a = args[argNum];
  const k = kindOf(a);
  if (k === 'int' || k === 'uint') {
    const n = Number(unwrapTyped(a));
    if (n > 1e6 || n < -1e6) return { num: 0, ok: false, argNum: argNum + 1 };
    return { num: n, ok: true, argNum: argNum + 1 };
  }
  return { num: 0, ok: false, argNum: argNum + 1 };
}

/** fmt.Sprint of one value (as %v). */
export const formatValue = (v: unknown): string => sprint([v]);
export { Typed };
