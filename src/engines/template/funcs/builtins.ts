// Go text/template's builtin functions (text/template/funcs.go) with Go's comparison rules and errors.
import { sprint, sprintf, sprintln } from '../fmt.js';
import { def, type FuncMap, GoError } from '../func-types.js';
import { utf8Len } from '../quote.js';
import {
  compareStrings,
  isTrue,
  kindOf,
  mapGet,
  mapLen,
  NO_VALUE,
  sliceOf,
  Typed,
  typeName,
  unwrapTyped,
} from '../values.js';

type BasicKind = 'invalid' | 'bool' | 'int' | 'uint' | 'float' | 'string' | 'complex';

function basicKind(v: unknown): BasicKind {
  const k = kindOf(v);
  switch (k) {
    case 'bool':
    case 'int':
    case 'uint':
    case 'float':
    case 'string':
      return k;
  }
  return 'invalid';
}

const errBadComparisonType = () => new GoError('invalid type for comparison');
const errNoComparison = () => new GoError('missing argument for comparison');

/** indirectInterface: a nil interface becomes the invalid value. */
const indirect = (v: unknown): unknown => (v === null || v === undefined ? NO_VALUE : v);

function comparable(v: unknown): boolean {
  const k = kindOf(v);
  return k !== 'slice' && k !== 'map' && k !== 'func';
}

function num(v: unknown): number | bigint {
  return unwrapTyped(v) as number | bigint;
}

const incompatible = (a: unknown, b: unknown) =>
  new GoError(`incompatible types for comparison: ${typeName(a)} and ${typeName(b)}`);

const isNilValue = (v: unknown) => v === NO_VALUE || v === null || (v instanceof Typed && v.value === null);

function eq(arg1: unknown, ...rest: unknown[]): boolean {
  arg1 = indirect(arg1);
  if (rest.length === 0) throw errNoComparison();
  const k1 = basicKind(arg1);
  for (let arg of rest) {
    arg = indirect(arg);
    const k2 = basicKind(arg);
    let truth = false;
    if (k1 !== k2) {
      if (k1 === 'int' && k2 === 'uint')
        truth = BigInt(num(arg1)) >= 0n && BigInt(num(arg1)) === BigInt(num(arg));
      else if (k1 === 'uint' && k2 === 'int')
        truth = BigInt(num(arg)) >= 0n && BigInt(num(arg1)) === BigInt(num(arg));
      else if (arg1 !== NO_VALUE && arg !== NO_VALUE) throw incompatible(arg1, arg);
    } else {
      switch (k1) {
        case 'bool':
        case 'string':
        case 'float':
          truth = unwrapTyped(arg1) === unwrapTyped(arg);
          break;
        case 'int':
        case 'uint':
          truth = BigInt(num(arg1)) === BigInt(num(arg));
          break;
        default: {
          const kind1 = arg1 === NO_VALUE ? 'invalid' : kindOf(arg1);
          const kind2 = arg === NO_VALUE ? 'invalid' : kindOf(arg);
          if (kind1 !== kind2 && kind1 !== 'invalid' && kind2 !== 'invalid')
            throw new GoError(
              `non-comparable types ${sprintf('%s', [arg1])}: ${typeName(arg1)}, ${typeName(arg)}: ${sprintf('%v', [arg])}`,
            );
          if (isNilValue(arg1) || isNilValue(arg)) truth = isNilValue(arg) === isNilValue(arg1);
          else {
            if (!comparable(arg))
              throw new GoError(`non-comparable type ${sprintf('%s', [arg])}: ${typeName(arg)}`);
            truth = unwrapTyped(arg1) === unwrapTyped(arg);
          }
        }
      }
    }
    if (truth) return true;
  }
  return false;
}

function lt(arg1: unknown, arg2: unknown): boolean {
  arg1 = indirect(arg1);
  const k1 = basicKind(arg1);
  if (k1 === 'invalid') throw errBadComparisonType();
  arg2 = indirect(arg2);
  const k2 = basicKind(arg2);
  if (k2 === 'invalid') throw errBadComparisonType();
  if (k1 !== k2) {
    if (k1 === 'int' && k2 === 'uint') return BigInt(num(arg1)) < 0n || BigInt(num(arg1)) < BigInt(num(arg2));
    if (k1 === 'uint' && k2 === 'int')
      return BigInt(num(arg2)) >= 0n && BigInt(num(arg1)) < BigInt(num(arg2));
    throw incompatible(arg1, arg2);
  }
  switch (k1) {
    case 'bool':
      throw errBadComparisonType();
    case 'int':
    case 'uint':
      return BigInt(num(arg1)) < BigInt(num(arg2));
    case 'string':
      return compareStrings(unwrapTyped(arg1) as string, unwrapTyped(arg2) as string) < 0;
    default:
      return (unwrapTyped(arg1) as number) < (unwrapTyped(arg2) as number);
  }
}

const le = (a: unknown, b: unknown) => lt(a, b) || eq(a, b);

function indexArg(index: unknown, cap: number): number {
  const k = kindOf(index);
  if (k === 'int' || k === 'uint') {
    const x = BigInt(num(index));
    if (x < 0n || x > BigInt(cap)) throw new GoError(`index out of range: ${x}`);
    return Number(x);
  }
  if (index === NO_VALUE || index === null) throw new GoError('cannot index slice/array with nil');
  throw new GoError(`cannot index slice/array with type ${typeName(index)}`);
}

function index(item: unknown, ...indexes: unknown[]): unknown {
  item = indirect(item);
  if (item === NO_VALUE) throw new GoError('index of untyped nil');
  for (let idx of indexes) {
    idx = indirect(idx);
    if (item === null || item === NO_VALUE) throw new GoError('index of nil pointer');
    const k = kindOf(item);
    if (k === 'slice' || k === 'string') {
      const raw = unwrapTyped(item);
      const len = k === 'string' ? utf8Len(raw as string) : sliceOf(item).length;
      const x = indexArg(idx, len);
      if (x === len) throw new GoError(`reflect: ${k === 'string' ? 'string' : 'slice'} index out of range`);
      if (k === 'string') item = new Typed('uint8', BigInt(Buffer.from(raw as string)[x]!));
      else item = sliceOf(item)[x];
      if (item === undefined) item = null;
    } else if (k === 'map') {
      if (idx === NO_VALUE) throw new GoError(`value is nil; should be of type string`);
      if (kindOf(idx) !== 'string') throw new GoError(`value has type ${typeName(idx)}; should be string`);
      const v = mapGet(item, unwrapTyped(idx) as string);
      item = v === NO_VALUE ? null : v;
    } else {
      throw new GoError(`can't index item of type ${typeName(item)}`);
    }
  }
  return item;
}

function slice(item: unknown, ...indexes: unknown[]): unknown {
  item = indirect(item);
  if (item === NO_VALUE) throw new GoError('slice of untyped nil');
  if (indexes.length > 3) throw new GoError(`too many slice indexes: ${indexes.length}`);
  const k = kindOf(item);
  let cap: number;
  if (k === 'string') {
    if (indexes.length === 3) throw new GoError('cannot 3-index slice a string');
    cap = utf8Len(unwrapTyped(item) as string);
  } else if (k === 'slice') cap = sliceOf(item).length;
  else throw new GoError(`can't slice item of type ${typeName(item)}`);
  const idx = [0, cap];
  indexes.forEach((ix, i) => {
    const x = indexArg(indirect(ix), cap);
    idx[i] = x;
  });
  if (idx[0]! > idx[1]!) throw new GoError(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length < 3) {
    if (k === 'string')
      return Buffer.from(unwrapTyped(item) as string)
        .subarray(idx[0], idx[1])
        .toString('utf8');
    return sliceOf(item).slice(idx[0], idx[1]);
  }
  if (idx[1]! > idx[2]!) throw new GoError(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  return sliceOf(item).slice(idx[0], idx[1]);
}

function length(item: unknown): bigint {
  if (item === null) throw new GoError('len of nil pointer');
  const k = kindOf(item);
  if (k === 'string') return BigInt(utf8Len(unwrapTyped(item) as string));
  if (k === 'slice') return BigInt(sliceOf(item).length);
  if (k === 'map') return BigInt(mapLen(unwrapTyped(item)));
  if (item === NO_VALUE) throw new GoError('reflect: call of reflect.Value.Type on zero Value');
  throw new GoError(`len of type ${typeName(item)}`);
}

function evalArgs(args: unknown[]): string {
  if (args.length === 1 && kindOf(args[0]) === 'string' && !(args[0] instanceof Typed))
    return args[0] as string;
  return sprint(args.map((a) => (a === null || a === NO_VALUE ? '<no value>' : a)));
}

function htmlEscape(s: string): string {
  return s.replace(/[<>&'"\0]/g, (c) =>
    c === '<'
      ? '&lt;'
      : c === '>'
        ? '&gt;'
        : c === '&'
          ? '&amp;'
          : c === "'"
            ? '&#39;'
            : c === '"'
              ? '&#34;'
              : '\uFFFD',
  );
}

function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '\\':
        out += '\\\\';
        continue;
      case "'":
        out += "\\'";
        continue;
      case '"':
        out += '\\"';
        continue;
      case '<':
        out += '\\u003C';
        continue;
      case '>':
        out += '\\u003E';
        continue;
      case '&':
        out += '\\u0026';
        continue;
      case '=':
        out += '\\u003D';
        continue;
    }
    if (c < 0x20) out += `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

function queryEscape(s: string): string {
  let out = '';
  for (const b of Buffer.from(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function call(name: string, fn: unknown, ...args: unknown[]): unknown {
  if (fn === NO_VALUE || fn === null) throw new GoError(`call of nil`);
  if (typeof fn !== 'function') throw new GoError(`non-function ${name} of type ${typeName(fn)}`);
  return fn(...args.map((a) => (a === NO_VALUE ? null : a)));
}

export function builtinFuncs(): FuncMap {
  return {
    and: { ...def(['value', '...value'], () => null), special: 'and' },
    or: { ...def(['value', '...value'], () => null), special: 'or' },
    call: { ...def(['value', '...value'], call), special: 'call' },
    html: def(['...any'], (...a: unknown[]) => htmlEscape(evalArgs(a))),
    index: def(['value', '...value'], index),
    slice: def(['value', '...value'], slice),
    js: def(['...any'], (...a: unknown[]) => jsEscape(evalArgs(a))),
    len: def(['value'], length),
    not: def(['value'], (a: unknown) => !isTrue(a)),
    print: def(['...any'], (...a: unknown[]) => sprint(a)),
    printf: def(['string', '...any'], (f: string, ...a: unknown[]) => sprintf(f, a)),
    println: def(['...any'], (...a: unknown[]) => sprintln(a)),
    urlquery: def(['...any'], (...a: unknown[]) => queryEscape(evalArgs(a))),
    eq: def(['value', '...value'], eq),
    ge: def(['value', 'value'], (a: unknown, b: unknown) => !lt(a, b)),
    gt: def(['value', 'value'], (a: unknown, b: unknown) => !le(a, b)),
    le: def(['value', 'value'], le),
    lt: def(['value', 'value'], lt),
    ne: def(['value', 'value'], (a: unknown, b: unknown) => !eq(a, b)),
  };
}
