// Sprig v3 defaults, lists, dicts, math, conversion and reflection functions.
import { sprint } from '../fmt.js';
import { def, type FuncMap, GoError } from '../func-types.js';
import { shortestFixed } from '../numbers.js';
import {
  isPlainMap,
  kindOf,
  mapGet,
  mapKeys,
  NO_VALUE,
  sliceOf,
  Typed,
  typeName,
  unwrapTyped,
} from '../values.js';
import { empty, int64, parseIntBase0, strval, toFloat64, toInt64 } from './convert.js';
import { goJson } from './json.js';
import { strslice } from './sprig-strings.js';

type Dict = Record<string, unknown>;

function listKindName(v: unknown): string {
  const k = kindOf(v);
  if (v === null || v === NO_VALUE) return 'ptr';
  return k === 'float'
    ? 'float64'
    : k === 'map'
      ? 'map'
      : k === 'struct'
        ? 'struct'
        : k === 'func'
          ? 'func'
          : typeName(v);
}

function asList(v: unknown, what: string): unknown[] {
  if (kindOf(v) === 'slice') return sliceOf(v);
  if (v === null || v === NO_VALUE)
    throw new GoError('runtime error: invalid memory address or nil pointer dereference');
  throw new GoError(`Cannot ${what} on type ${listKindName(v)}`);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === NO_VALUE) a = null;
  if (b === NO_VALUE) b = null;
  if (typeName(a) !== typeName(b)) return false;
  const ua = unwrapTyped(a);
  const ub = unwrapTyped(b);
  const k = kindOf(a);
  if (k === 'slice') {
    const la = sliceOf(a);
    const lb = sliceOf(b);
    return la.length === lb.length && la.every((x, i) => deepEqual(x, lb[i]));
  }
  if (k === 'map') {
    const ka = mapKeys(ua);
    const kb = mapKeys(ub);
    return (
      ka.length === kb.length &&
      ka.every((key) => kb.includes(key) && deepEqual(mapGet(ua, key), mapGet(ub, key)))
    );
  }
  return ua === ub;
}

function copyDeep(v: unknown): unknown {
  if (v instanceof Typed) return new Typed(v.type, copyDeep(v.value));
  if (Array.isArray(v)) return v.map(copyDeep);
  if (isPlainMap(v)) {
    const out: Dict = {};
    for (const k of Object.keys(v)) out[k] = copyDeep(v[k]);
    return out;
  }
  return v;
}

function mergeMaps(dst: Dict, src: Dict, overwrite: boolean) {
  for (const k of Object.keys(src)) {
    const sv = src[k];
    if (sv === undefined) continue;
    if (!Object.hasOwn(dst, k)) {
      dst[k] = sv;
      continue;
    }
    const dv = dst[k];
    if (isPlainMap(dv) && isPlainMap(sv)) {
      mergeMaps(dv, sv, overwrite);
      continue;
    }
    if (overwrite || empty(dv)) dst[k] = sv;
  }
}

function dictOf(v: unknown[]): Dict {
  const d: Dict = {};
  for (let i = 0; i < v.length; i += 2) {
    const key = strval(v[i]);
    d[key] = i + 1 >= v.length ? '' : v[i + 1];
  }
  return d;
}

const intList = (xs: number[]) =>
  new Typed(
    '[]int',
    xs.map((x) => BigInt(x)),
  );

function untilStep(start: number, stop: number, step: number): number[] {
  const v: number[] = [];
  if (stop < start) {
    if (step >= 0) return v;
    for (let i = start; i > stop; i += step) v.push(i);
    return v;
  }
  if (step <= 0) return v;
  for (let i = start; i < stop; i += step) v.push(i);
  return v;
}

function seq(...params: bigint[]): string {
  const p = params.map(Number);
  let inc = 1;
  switch (p.length) {
    case 1: {
      const end = p[0]!;
      if (end < 1) inc = -1;
      return untilStep(1, end + inc, inc).join(' ');
    }
    case 3: {
      const [start, step, end] = p as [number, number, number];
      if (end < start) {
        inc = -1;
        if (step > 0) return '';
      }
      return untilStep(start, end + inc, step).join(' ');
    }
    case 2: {
      const [start, end] = p as [number, number];
      const step = end < start ? -1 : 1;
      return untilStep(start, end + step, step).join(' ');
    }
    default:
      return '';
  }
}

/** Sprig's execDecimalOp uses shopspring/decimal: exact decimal arithmetic, then Float64(). */
function decimalOp(a: unknown, rest: unknown[], op: (x: number, y: number) => number): number {
  let acc = toFloat64(a);
  for (const b of rest) acc = decimalRound(op(acc, toFloat64(b)));
  return acc;
}
const decimalRound = (x: number) => (Number.isFinite(x) ? Number.parseFloat(x.toPrecision(15)) : x);

function goRound(a: unknown, p: bigint, ...rOpt: number[]): number {
  const roundOn = rOpt.length > 0 ? rOpt[0]! : 0.5;
  const val = toFloat64(a);
  const pow = 10 ** Number(p);
  const digit = pow * val;
  const div = digit - Math.trunc(digit);
  const r = div >= roundOn ? Math.ceil(digit) : Math.floor(digit);
  return r / pow;
}

function kindName(v: unknown): string {
  if (v === null || v === NO_VALUE) return 'invalid';
  const k = kindOf(v);
  if (v instanceof Typed) {
    if (v.type.startsWith('[]')) return 'slice';
    if (v.type.startsWith('map[')) return 'map';
    if (v.type.startsWith('*')) return 'ptr';
    return v.type;
  }
  switch (k) {
    case 'float':
      return 'float64';
    case 'slice':
      return 'slice';
    case 'map':
      return 'map';
    case 'func':
      return 'func';
    case 'struct':
      return 'struct';
    default:
      return typeName(v);
  }
}

const sprigTypeName = (v: unknown) => (v === null || v === NO_VALUE ? '<nil>' : typeName(v));

export function sprigDataFuncs(): FuncMap {
  const mustList =
    (what: string, f: (l: unknown[]) => unknown) =>
    (v: unknown): unknown =>
      f(asList(v, what));
  return {
    default: def(['any', '...any'], (d: unknown, ...given: unknown[]) =>
      given.length === 0 || empty(given[0]) ? d : given[0],
    ),
    empty: def(['any'], empty),
    coalesce: def(['...any'], (...v: unknown[]) => v.find((x) => !empty(x)) ?? null),
    all: def(['...any'], (...v: unknown[]) => v.every((x) => !empty(x))),
    any: def(['...any'], (...v: unknown[]) => v.some((x) => !empty(x))),
    compact: def(
      ['any'],
      mustList('compact', (l) => l.filter((x) => !empty(x))),
    ),
    mustCompact: def(
      ['any'],
      mustList('compact', (l) => l.filter((x) => !empty(x))),
    ),
    fromJson: def(['string'], (s: string) => {
      try {
        return goJson.parse(s);
      } catch {
        return null;
      }
    }),
    mustFromJson: def(['string'], (s: string) => goJson.parse(s)),
    toJson: def(['any'], (v: unknown) => goJson.stringify(v, { html: true }) ?? ''),
    mustToJson: def(['any'], (v: unknown) => goJson.stringify(v, { html: true, must: true })),
    toPrettyJson: def(['any'], (v: unknown) => goJson.stringify(v, { html: true, indent: '  ' }) ?? ''),
    mustToPrettyJson: def(['any'], (v: unknown) =>
      goJson.stringify(v, { html: true, indent: '  ', must: true }),
    ),
    toRawJson: def(['any'], (v: unknown) => goJson.stringify(v, { html: false }) ?? ''),
    mustToRawJson: def(['any'], (v: unknown) => goJson.stringify(v, { html: false, must: true })),
    ternary: def(['any', 'any', 'bool'], (t: unknown, f: unknown, c: boolean) => (c ? t : f)),
    deepCopy: def(['any'], (v: unknown) => {
      if (v === null) throw new GoError('deepCopy error: reflect: call of reflect.Value.Type on zero Value');
      return copyDeep(v);
    }),
    mustDeepCopy: def(['any'], (v: unknown) => {
      if (v === null) throw new GoError('copy: Copy called with nil');
      return copyDeep(v);
    }),
    typeOf: def(['any'], sprigTypeName),
    typeIs: def(['string', 'any'], (t: string, v: unknown) => t === sprigTypeName(v)),
    typeIsLike: def(['string', 'any'], (t: string, v: unknown) => {
      const s = sprigTypeName(v);
      return t === s || `*${t}` === s;
    }),
    kindOf: def(['any'], kindName),
    kindIs: def(['string', 'any'], (t: string, v: unknown) => t === kindName(v)),
    deepEqual: def(['any', 'any'], deepEqual),
    // lists
    list: def(['...any'], (...v: unknown[]) => v),
    tuple: def(['...any'], (...v: unknown[]) => v),
    append: def(['any', 'any'], (l: unknown, v: unknown) => [...asList(l, 'push'), v]),
    push: def(['any', 'any'], (l: unknown, v: unknown) => [...asList(l, 'push'), v]),
    mustAppend: def(['any', 'any'], (l: unknown, v: unknown) => [...asList(l, 'push'), v]),
    mustPush: def(['any', 'any'], (l: unknown, v: unknown) => [...asList(l, 'push'), v]),
    prepend: def(['any', 'any'], (l: unknown, v: unknown) => [v, ...asList(l, 'prepend')]),
    mustPrepend: def(['any', 'any'], (l: unknown, v: unknown) => [v, ...asList(l, 'prepend')]),
    first: def(
      ['any'],
      mustList('find first', (l) => (l.length ? l[0] : null)),
    ),
    mustFirst: def(
      ['any'],
      mustList('find first', (l) => (l.length ? l[0] : null)),
    ),
    last: def(
      ['any'],
      mustList('find last', (l) => (l.length ? l[l.length - 1] : null)),
    ),
    mustLast: def(
      ['any'],
      mustList('find last', (l) => (l.length ? l[l.length - 1] : null)),
    ),
    rest: def(
      ['any'],
      mustList('find rest', (l) => (l.length ? l.slice(1) : [])),
    ),
    mustRest: def(
      ['any'],
      mustList('find rest', (l) => (l.length ? l.slice(1) : [])),
    ),
    initial: def(
      ['any'],
      mustList('find initial', (l) => (l.length ? l.slice(0, -1) : [])),
    ),
    mustInitial: def(
      ['any'],
      mustList('find initial', (l) => (l.length ? l.slice(0, -1) : [])),
    ),
    reverse: def(
      ['any'],
      mustList('find reverse', (l) => [...l].reverse()),
    ),
    mustReverse: def(
      ['any'],
      mustList('find reverse', (l) => [...l].reverse()),
    ),
    uniq: def(['any'], mustList('find uniq', uniq)),
    mustUniq: def(['any'], mustList('find uniq', uniq)),
    without: def(['any', '...any'], (l: unknown, ...o: unknown[]) =>
      asList(l, 'find without').filter((x) => !o.some((y) => deepEqual(x, y))),
    ),
    mustWithout: def(['any', '...any'], (l: unknown, ...o: unknown[]) =>
      asList(l, 'find without').filter((x) => !o.some((y) => deepEqual(x, y))),
    ),
    has: def(['any', 'any'], has),
    mustHas: def(['any', 'any'], has),
    slice: def(['any', '...any'], sliceList),
    mustSlice: def(['any', '...any'], sliceList),
    concat: def(['...any'], (...lists: unknown[]) => {
      const out: unknown[] = [];
      for (const l of lists) {
        if (kindOf(l) !== 'slice') throw new GoError(`Cannot concat type ${listKindName(l)} as list`);
        out.push(...sliceOf(l));
      }
      return out;
    }),
    chunk: def(['int', 'any'], (size: bigint, l: unknown) => chunk(Number(size), asList(l, 'chunk'))),
    mustChunk: def(['int', 'any'], (size: bigint, l: unknown) => chunk(Number(size), asList(l, 'chunk'))),
    until: def(['int'], (c: bigint) => intList(untilStep(0, Number(c), c < 0n ? -1 : 1))),
    untilStep: def(['int', 'int', 'int'], (a: bigint, b: bigint, c: bigint) =>
      intList(untilStep(Number(a), Number(b), Number(c))),
    ),
    seq: def(['...int'], seq),
    // dicts
    dict: def(['...any'], (...v: unknown[]) => dictOf(v)),
    get: def(['map', 'string'], (d: Dict | null, k: string) => {
      const v = d ? mapGet(d, k) : NO_VALUE;
      return v === NO_VALUE ? '' : v;
    }),
    set: def(['map', 'string', 'any'], (d: Dict | null, k: string, v: unknown) => {
      if (!d) throw new GoError('assignment to entry in nil map');
      d[k] = v;
      return d;
    }),
    unset: def(['map', 'string'], (d: Dict | null, k: string) => {
      if (d) delete d[k];
      return d;
    }),
    hasKey: def(['map', 'string'], (d: Dict | null, k: string) => !!d && mapGet(d, k) !== NO_VALUE),
    pluck: def(['string', '...map'], (k: string, ...ds: (Dict | null)[]) =>
      ds.filter((d) => d && mapGet(d, k) !== NO_VALUE).map((d) => mapGet(d, k)),
    ),
    keys: def(
      ['...map'],
      (...ds: (Dict | null)[]) =>
        new Typed(
          '[]string',
          ds.flatMap((d) => (d ? mapKeys(d) : [])),
        ),
    ),
    pick: def(['map', '...string'], (d: Dict | null, ...ks: string[]) => {
      const out: Dict = {};
      for (const k of ks) if (d && mapGet(d, k) !== NO_VALUE) out[k] = mapGet(d, k);
      return out;
    }),
    omit: def(['map', '...string'], (d: Dict | null, ...ks: string[]) => {
      const out: Dict = {};
      for (const k of d ? mapKeys(d) : []) if (!ks.includes(k)) out[k] = mapGet(d, k);
      return out;
    }),
    merge: def(['map', '...map'], (dst: Dict, ...srcs: Dict[]) => {
      for (const s of srcs) if (s) mergeMaps(dst ?? {}, s, false);
      return dst;
    }),
    mustMerge: def(['map', '...map'], (dst: Dict, ...srcs: Dict[]) => {
      for (const s of srcs) if (s) mergeMaps(dst ?? {}, s, false);
      return dst;
    }),
    mergeOverwrite: def(['map', '...map'], (dst: Dict, ...srcs: Dict[]) => {
      for (const s of srcs) if (s) mergeMaps(dst ?? {}, s, true);
      return dst;
    }),
    mustMergeOverwrite: def(['map', '...map'], (dst: Dict, ...srcs: Dict[]) => {
      for (const s of srcs) if (s) mergeMaps(dst ?? {}, s, true);
      return dst;
    }),
    values: def(['map'], (d: Dict | null) => (d ? mapKeys(d).map((k) => mapGet(d, k)) : [])),
    dig: def(['...any'], (...ps: unknown[]) => {
      if (ps.length < 3) throw new GoError('dig needs at least three arguments');
      let dict = ps[ps.length - 1];
      const dflt = ps[ps.length - 2];
      const ks = ps.slice(0, -2);
      for (let i = 0; i < ks.length; i++) {
        if (kindOf(dict) !== 'map')
          throw new GoError(
            `interface conversion: interface {} is ${typeName(dict)}, not map[string]interface {}`,
          );
        if (typeof ks[i] !== 'string')
          throw new GoError(`interface conversion: interface {} is ${typeName(ks[i])}, not string`);
        const step = mapGet(dict, ks[i] as string);
        if (step === NO_VALUE) return dflt;
        if (i === ks.length - 1) return step;
        dict = step;
      }
      return dflt;
    }),
    // math
    atoi: def(['string'], (s: string) => {
      const m = /^[+-]?[0-9]+$/.test(s) ? BigInt(s) : 0n;
      return m >= -(2n ** 63n) && m < 2n ** 63n ? m : 0n;
    }),
    int64: def(['any'], (v: unknown) => int64(toInt64(v))),
    int: def(['any'], (v: unknown) => toInt64(v)),
    float64: def(['any'], (v: unknown) => toFloat64(v)),
    toDecimal: def(['any'], (v: unknown) => {
      const s = sprint([v]);
      return int64(
        /^[+-]?[0-7]+$/.test(s) ? BigInt(`0o${s.replace(/^[+-]/, '')}`) * (s.startsWith('-') ? -1n : 1n) : 0n,
      );
    }),
    add1: def(['any'], (v: unknown) => int64(toInt64(v) + 1n)),
    add: def(['...any'], (...v: unknown[]) => int64(v.reduce<bigint>((a, b) => a + toInt64(b), 0n))),
    sub: def(['any', 'any'], (a: unknown, b: unknown) => int64(toInt64(a) - toInt64(b))),
    div: def(['any', 'any'], (a: unknown, b: unknown) => {
      const d = toInt64(b);
      if (d === 0n) throw new GoError('runtime error: integer divide by zero');
      return int64(toInt64(a) / d);
    }),
    mod: def(['any', 'any'], (a: unknown, b: unknown) => {
      const d = toInt64(b);
      if (d === 0n) throw new GoError('runtime error: integer divide by zero');
      return int64(toInt64(a) % d);
    }),
    mul: def(['any', '...any'], (a: unknown, ...v: unknown[]) =>
      int64(v.reduce<bigint>((x, b) => x * toInt64(b), toInt64(a))),
    ),
    randInt: def(['int', 'int'], (min: bigint, max: bigint) => {
      if (max - min <= 0n) throw new GoError('invalid argument to Intn');
      return min + BigInt(Math.floor(Math.random() * Number(max - min)));
    }),
    add1f: def(['any'], (v: unknown) => decimalOp(v, [1n], (x, y) => x + y)),
    addf: def(['...any'], (...v: unknown[]) => decimalOp(0, v, (x, y) => x + y)),
    subf: def(['any', '...any'], (a: unknown, ...v: unknown[]) => decimalOp(a, v, (x, y) => x - y)),
    divf: def(['any', '...any'], (a: unknown, ...v: unknown[]) =>
      decimalOp(a, v, (x, y) => {
        if (y === 0) throw new GoError('decimal division by 0');
        return x / y;
      }),
    ),
    mulf: def(['any', '...any'], (a: unknown, ...v: unknown[]) => decimalOp(a, v, (x, y) => x * y)),
    biggest: def(['any', '...any'], (a: unknown, ...v: unknown[]) =>
      int64(bigPick(toInt64(a), v.map(toInt64), 1)),
    ),
    max: def(['any', '...any'], (a: unknown, ...v: unknown[]) =>
      int64(bigPick(toInt64(a), v.map(toInt64), 1)),
    ),
    min: def(['any', '...any'], (a: unknown, ...v: unknown[]) =>
      int64(bigPick(toInt64(a), v.map(toInt64), -1)),
    ),
    maxf: def(['any', '...any'], (a: unknown, ...v: unknown[]) =>
      v.map(toFloat64).reduce((x, y) => Math.max(x, y), toFloat64(a)),
    ),
    minf: def(['any', '...any'], (a: unknown, ...v: unknown[]) =>
      v.map(toFloat64).reduce((x, y) => Math.min(x, y), toFloat64(a)),
    ),
    ceil: def(['any'], (a: unknown) => Math.ceil(toFloat64(a))),
    floor: def(['any'], (a: unknown) => Math.floor(toFloat64(a))),
    round: def(['any', 'int', '...float64'], goRound),
  };
}

/** Largest (dir 1) or smallest (dir -1) of bigints, first wins on ties. */
function bigPick(first: bigint, rest: bigint[], dir: 1 | -1): bigint {
  let best = first;
  for (const x of rest) if (dir === 1 ? x > best : x < best) best = x;
  return best;
}

function uniq(l: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const x of l) if (!out.some((y) => deepEqual(x, y))) out.push(x);
  return out;
}

function has(needle: unknown, hay: unknown): boolean {
  if (hay === null || hay === NO_VALUE) return false;
  if (kindOf(hay) !== 'slice') throw new GoError(`Cannot find has on type ${listKindName(hay)}`);
  return sliceOf(hay).some((x) => deepEqual(needle, x));
}

function sliceList(list: unknown, ...idx: unknown[]): unknown {
  if (kindOf(list) !== 'slice') {
    if (list === null) throw new GoError('reflect: call of reflect.Value.Type on zero Value');
    throw new GoError(`list should be type of slice or array but ${listKindName(list)}`);
  }
  const l = sliceOf(list);
  if (l.length === 0) return null;
  const start = idx.length > 0 ? Number(toInt64(idx[0])) : 0;
  const end = idx.length < 2 ? l.length : Number(toInt64(idx[1]));
  if (start < 0 || end > l.length || start > end) throw new GoError(`reflect: slice index out of range`);
  const out = l.slice(start, end);
  return list instanceof Typed ? new Typed(list.type, out) : out;
}

function chunk(size: number, l: unknown[]): unknown[][] {
  if (size <= 0) throw new GoError('runtime error: integer divide by zero');
  const out: unknown[][] = [];
  for (let i = 0; i < l.length; i += size) out.push(l.slice(i, i + size));
  return out;
}

export { parseIntBase0, shortestFixed, strslice };
