// A JSON value as Go would print it after decoding it into the typed Kubernetes struct:
// unknown fields dropped, empty omitempty fields dropped, non-pointer structs always present,
// quantities canonical, keys in Go field order (encoding/json order; YAML re-sorts them).
import { fieldsOf, type ParsedSpec } from './k8s-schema.js';
import { canonicalQuantity } from './quantity.js';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonMap = { [k: string]: Json };

export class TypedDecodeError extends Error {}
/** An error from a type's own decoder (a quantity): encoding/json stops at it. */
class AbortDecodeError extends TypedDecodeError {}

export function isMap(v: unknown): v is JsonMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Decodes `v` as struct `type` and re-encodes it; errors are the one encoding/json reports. */
export function typed(v: unknown, type: string): JsonMap {
  try {
    return typedAt(v, type);
  } catch (e) {
    if (e instanceof TypedDecodeError) throw goFirstError(v, type, '', '') ?? e;
    throw e;
  }
}

/**
 * The error Go reports for a document with several: it reads the JSON that sigs.k8s.io/yaml made
 * (keys sorted), keeps the first type mismatch and goes on, but stops at a decoder's own error.
 */
function goFirstError(v: unknown, type: string, path: string, parent: string): TypedDecodeError | undefined {
  let first: TypedDecodeError | undefined;
  const note = (e: unknown): TypedDecodeError | undefined => {
    if (e instanceof AbortDecodeError) return e;
    if (e instanceof TypedDecodeError) first ??= e;
    else throw e;
    return undefined;
  };
  const fields = fieldsOf(type);
  if (!fields || (fields.length === 1 && fields[0]![0] === '*') || v === null || v === undefined)
    return undefined;
  if (!isMap(v)) return path === '' ? undefined : unmarshalError(v, parent, path, `v1.${type}`);
  const specs = new Map(fields);
  const c = compiled(type, fields);
  for (const key of Object.keys(v).sort()) {
    const k = c.exact.has(key) ? key : c.folded.get(key.toLowerCase());
    const p = k === undefined ? undefined : specs.get(k);
    const x = v[key];
    if (k === undefined || !p || x === null || x === undefined) continue;
    const at: At = { struct: type, path: path === '' ? k : `${path}.${k}` };
    const struct = !STRUCT_BASES.has(p.base);
    const items =
      p.list && Array.isArray(x)
        ? x
        : p.map && isMap(x)
          ? Object.keys(x)
              .sort()
              .map((m) => x[m])
          : undefined;
    if ((p.list || p.map) && items === undefined) {
      const err = fieldError(x, p, at);
      if (err && note(err)) return err;
      continue;
    }
    for (const item of items ?? [x]) {
      if (item === null) continue;
      const err = struct
        ? goFirstError(item, p.base, at.path, type)
        : fieldError(item, { ...p, list: false, map: false }, at);
      if (err && note(err)) return err;
    }
  }
  return first;
}

function fieldError(v: unknown, p: ParsedSpec, at: At): TypedDecodeError | undefined {
  try {
    field(v, p, at);
    return undefined;
  } catch (e) {
    if (e instanceof TypedDecodeError) return e;
    throw e;
  }
}

function typedAt(v: unknown, type: string, path = '', parent = ''): JsonMap {
  const fields = fieldsOf(type);
  if (!fields) return (isMap(v) ? v : {}) as JsonMap;
  if (v !== null && v !== undefined && !isMap(v)) {
    if (path === '')
      throw new TypedDecodeError(`json: cannot unmarshal ${jsonKind(v)} into Go value of type v1.${type}`);
    throw unmarshalError(v, parent, path, `v1.${type}`);
  }
  if (fields.length === 1 && fields[0]![0] === '*') return (v ?? {}) as JsonMap;
  const c = compiled(type, fields);
  const src = foldKeys((v ?? {}) as JsonMap, c);
  // Fields in Go order: the ones present plus the ones whose absence still prints something. A struct
  // such as Volume has some 30 fields and a value names two or three of them.
  const order: number[] = [];
  for (const k in src) {
    const i = c.index.get(k);
    if (i !== undefined && src[k] !== undefined) order.push(i);
  }
  if (c.shownAbsent.length > 0) order.push(...c.shownAbsent);
  order.sort((a, b) => a - b);
  const out: JsonMap = {};
  for (let j = 0; j < order.length; j++) {
    const i = order[j]!;
    if (j > 0 && order[j - 1] === i) continue;
    const name = c.names[i]!;
    const fv = src[name];
    if (fv === undefined) {
      // An absent field: its zero value or nothing, no path to build; structs still recurse.
      const a = c.absent[i];
      if (a === RECURSE) out[name] = typedAt(undefined, c.specs[i]!.base);
      else if (a !== undefined) out[name] = a as Json;
      continue;
    }
    const r = field(fv, c.specs[i]!, { struct: type, path: path === '' ? name : `${path}.${name}` });
    if (r !== undefined) out[name] = r;
  }
  return out;
}

const RECURSE = Symbol('recurse');

interface Compiled {
  names: string[];
  /** Field index by name. */
  index: Map<string, number>;
  /** Indexes of the fields that print something when absent (zero values, structs), ascending. */
  shownAbsent: number[];
  specs: ParsedSpec[];
  absent: (Json | undefined | typeof RECURSE)[];
  exact: Set<string>;
  folded: Map<string, string>;
}

/**
 * encoding/json matches a key to a field exactly, else ignoring case; keys come sorted (from
 * sigs.k8s.io/yaml), so the last of several keys for one field wins. `Name:` sets name.
 */
function foldKeys(src: JsonMap, c: Compiled): JsonMap {
  let other = false;
  for (const k in src)
    if (!c.exact.has(k)) {
      other = true;
      break;
    }
  if (!other) return src;
  const out: JsonMap = {};
  for (const k of Object.keys(src).sort()) {
    const name = c.exact.has(k) ? k : c.folded.get(k.toLowerCase());
    if (name !== undefined) out[name] = src[k]!;
  }
  return out;
}

const compiledTypes = new Map<string, Compiled>();

function compiled(type: string, fields: [string, ParsedSpec][]): Compiled {
  let c = compiledTypes.get(type);
  if (!c) {
    const absentValues = fields.map(([, p]) => (isStructSpec(p) ? RECURSE : absent(p)));
    c = {
      names: fields.map(([n]) => n),
      index: new Map(fields.map(([n], i) => [n, i])),
      shownAbsent: absentValues.flatMap((a, i) => (a === undefined ? [] : [i])),
      specs: fields.map(([, p]) => p),
      absent: absentValues,
      exact: new Set(fields.map(([n]) => n)),
      folded: new Map(fields.map(([n]) => [n.toLowerCase(), n])),
    };
    compiledTypes.set(type, c);
  }
  return c;
}

const isStructSpec = (p: ParsedSpec) => !p.list && !p.map && !p.ptr && !STRUCT_BASES.has(p.base);

/** What field() gives for an absent value of a non-struct field. */
function absent(p: ParsedSpec): Json | undefined {
  if (p.list || p.map || p.ptr) return p.always ? null : undefined;
  if (p.base === 'q' || p.base === 'io') return zero(p.base);
  if (p.base === 'time' || p.base === 'any') return undefined;
  return p.always ? zero(p.base) : undefined;
}

/** Where a field sits, for Go's "into Go struct field <Struct>.<path> of type <T>" message. */
interface At {
  struct: string;
  path: string;
}

function unmarshalError(v: unknown, struct: string, path: string, goType: string): TypedDecodeError {
  return new TypedDecodeError(
    `json: cannot unmarshal ${jsonKind(v)} into Go struct field ${struct}.${path} of type ${goType}`,
  );
}

const GO_SCALAR: Record<string, string> = {
  s: 'string',
  i: 'int32',
  b: 'bool',
  f: 'float64',
  io: 'intstr.IntOrString',
  q: 'resource.Quantity',
};
const goType = (base: string) => GO_SCALAR[base] ?? `v1.${base}`;

/**
 * sigs.k8s.io/yaml turns a YAML number or boolean into text when the Go field is a string
 * (floats with strconv's shortest float32 form), so `name: 5` or `port: 8080` in a label decode.
 */
function asGoString(v: number | boolean): string {
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Number.isInteger(v) && Math.abs(v) < 2 ** 63) return BigInt(v).toString();
  return goFloat32(v);
}

function goFloat32(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf';
  const f = Math.fround(v);
  let digits = '';
  for (let p = 1; p <= 9; p++) {
    digits = f.toExponential(p - 1);
    if (Math.fround(Number(digits)) === f) break;
  }
  // 'g' with the shortest digits: exponent form below 1e-4 or from 1e6 (strconv: exp < -4 || exp >= 6).
  const [mant, e] = digits.split('e') as [string, string];
  const exp = Number(e);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    const abs = Math.abs(exp);
    return `${mant}e${sign}${abs < 10 ? `0${abs}` : abs}`;
  }
  return String(Number(digits));
}

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return 'object';
}

function zero(base: string): Json {
  switch (base) {
    case 's':
      return '';
    case 'i':
    case 'f':
    case 'io':
      return 0;
    case 'b':
      return false;
    case 'q':
      return '0';
    default:
      return null;
  }
}

function isZero(v: Json, base: string): boolean {
  if (base === 's') return v === '';
  if (base === 'i' || base === 'f') return v === 0;
  if (base === 'b') return v === false;
  return false;
}

function scalar(v: unknown, base: string, at: At): Json {
  switch (base) {
    case 'q': {
      const q = canonicalQuantity(v as string);
      if (q === undefined)
        throw new AbortDecodeError(
          `quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
        );
      return q;
    }
    case 's':
      if (typeof v === 'number' || typeof v === 'boolean') return asGoString(v);
      if (typeof v !== 'string') throw unmarshalError(v, at.struct, at.path, 'string');
      return v;
    case 'i':
      if (typeof v !== 'number') throw unmarshalError(v, at.struct, at.path, 'int32');
      return v;
    case 'b':
      if (typeof v !== 'boolean') throw unmarshalError(v, at.struct, at.path, 'bool');
      return v;
    case 'io':
      if (typeof v !== 'number' && typeof v !== 'string')
        throw unmarshalError(v, at.struct, at.path, 'intstr.IntOrString');
      return v;
    case 'any':
    case 'f':
      return v as Json;
    default:
      return typedAt(v, base, at.path, at.struct);
  }
}

const STRUCT_BASES = new Set(['s', 'i', 'b', 'q', 'io', 'any', 'f', 'time']);

function field(v: unknown, p: ParsedSpec, at: At): Json | undefined {
  const isStruct = !STRUCT_BASES.has(p.base);
  if (p.list || p.map) {
    if (v === null || v === undefined) return p.always ? null : undefined;
    if (p.list) {
      if (!Array.isArray(v)) throw unmarshalError(v, at.struct, at.path, `[]${goType(p.base)}`);
      if (v.length === 0) return p.always ? [] : undefined;
      return v.map((x) =>
        x === null && isStruct ? typedAt({}, p.base) : x === null ? zero(p.base) : scalar(x, p.base, at),
      );
    }
    if (!isMap(v)) throw unmarshalError(v, at.struct, at.path, `map[string]${goType(p.base)}`);
    const keys = Object.keys(v);
    if (keys.length === 0) return p.always ? {} : undefined;
    const m: JsonMap = {};
    for (const k of keys) m[k] = v[k] === null ? zero(p.base) : scalar(v[k], p.base, at);
    return m;
  }
  if (p.base === 'time') return v === null || v === undefined ? undefined : (v as Json);
  if (p.ptr) {
    if (v === null || v === undefined) return p.always ? null : undefined;
    return scalar(v, p.base, at);
  }
  if (isStruct) return typedAt(v, p.base, at.path, at.struct);
  if (p.base === 'q' || p.base === 'io') {
    if (v === null || v === undefined) return zero(p.base);
    return scalar(v, p.base, at);
  }
  if (p.base === 'any') return v === undefined ? undefined : (v as Json);
  if (v === null || v === undefined) return p.always ? zero(p.base) : undefined;
  const s = scalar(v, p.base, at);
  if (!p.always && isZero(s, p.base)) return undefined;
  return s;
}

/** The struct type of field `name` inside `type` (for descending), or undefined. */
export function fieldType(
  type: string | undefined,
  name: string,
): { type?: string; list: boolean; mergeKey?: string } {
  if (!type) return { list: false };
  const f = fieldsOf(type)?.find(([n]) => n === name);
  if (!f) return { list: false };
  const p = f[1];
  const t = STRUCT_BASES.has(p.base) || p.map ? undefined : p.base;
  return { ...(t ? { type: t } : {}), list: p.list, ...(p.mergeKey ? { mergeKey: p.mergeKey } : {}) };
}
