// The Go value model over JS values. Convention (documented in the README):
//   string -> string, number -> float64, bigint -> int, boolean -> bool, null -> nil,
//   Array -> []interface {}, plain object or Map -> map[string]interface {},
//   function -> func (as a property of an object it is a method),
//   instance of a class (or object tagged with GO_TYPE) -> a struct: a missing field is an error, not <no value>.
// NO_VALUE is Go's invalid reflect.Value: what a missing map key yields; it prints as "<no value>".

export const NO_VALUE: unique symbol = Symbol.for('gotemplate.noValue');
export type NoValue = typeof NO_VALUE;

/** Tag an object with a Go type name to make it a struct (e.g. `{ [GO_TYPE]: 'v1.ObjectMeta', ... }`). */
export const GO_TYPE: unique symbol = Symbol.for('gotemplate.type');

/** A typed Go value that JS cannot express directly (int64, []string, map[string]string, ...). */
export class Typed {
  constructor(
    readonly type: string,
    readonly value: unknown,
    /** Go methods of the type (e.g. String of a protobuf enum), called on field access. */
    readonly methods?: Record<string, (...args: any[]) => unknown>,
  ) {}
}

export type Kind =
  | 'invalid'
  | 'nil'
  | 'bool'
  | 'int'
  | 'uint'
  | 'float'
  | 'string'
  | 'slice'
  | 'map'
  | 'struct'
  | 'func'
  | 'ptr';

export function unwrapTyped(v: unknown): unknown {
  return v instanceof Typed ? v.value : v;
}

export function isPlainMap(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  if (Array.isArray(v) || v instanceof Typed) return false;
  if ((v as any)[GO_TYPE] !== undefined) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

export function kindOf(v: unknown): Kind {
  if (v === NO_VALUE || v === undefined) return 'invalid';
  if (v === null) return 'nil';
  if (v instanceof Typed) {
    const t = v.type;
    if (/^u?int(8|16|32|64)?$|^uint8$|^int32$/.test(t)) return t.startsWith('u') ? 'uint' : 'int';
    if (t.startsWith('float')) return 'float';
    if (t.startsWith('[]')) return 'slice';
    if (t.startsWith('map[')) return 'map';
    if (t.startsWith('*')) return v.value === null ? 'nil' : 'ptr';
    return kindOf(v.value);
  }
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return 'float';
    case 'bigint':
      return 'int';
    case 'boolean':
      return 'bool';
    case 'function':
      return 'func';
    case 'object':
      if (Array.isArray(v)) return 'slice';
      if (v instanceof Map) return 'map';
      if (v instanceof Uint8Array) return 'slice';
      if (isPlainMap(v)) return 'map';
      return 'struct';
  }
  return 'invalid';
}

export function typeName(v: unknown): string {
  if (v instanceof Typed) return v.type;
  switch (kindOf(v)) {
    case 'invalid':
      return '<nil>';
    case 'nil':
      return '<nil>';
    case 'bool':
      return 'bool';
    case 'int':
      return 'int';
    case 'float':
      return 'float64';
    case 'string':
      return 'string';
    case 'slice':
      return v instanceof Uint8Array ? '[]uint8' : '[]interface {}';
    case 'map':
      return 'map[string]interface {}';
    case 'func':
      return 'func()';
    default: {
      const o = v as any;
      return o[GO_TYPE] ?? o.constructor?.name ?? 'struct';
    }
  }
}

/** Go's map[string]interface{} with missing keys handled by the caller. */
export function mapGet(m: unknown, key: string): unknown {
  const x = unwrapTyped(m);
  if (x instanceof Map) return x.has(key) ? x.get(key) : NO_VALUE;
  if (x !== null && typeof x === 'object' && Object.hasOwn(x, key)) {
    const v = (x as Record<string, unknown>)[key];
    return v === undefined ? NO_VALUE : v;
  }
  return NO_VALUE;
}

export function mapKeys(m: unknown): string[] {
  const x = unwrapTyped(m);
  if (x instanceof Map) return [...x.keys()].map(String);
  return Object.keys(x as object).filter((k) => (x as any)[k] !== undefined);
}

export function sortedKeys(m: unknown): string[] {
  return mapKeys(m).sort(compareStrings);
}

export function compareStrings(a: string, b: string): number {
  // Go compares strings bytewise (UTF-8). UTF-16 code units order the same way below the surrogates,
  // so only a first difference at a unit from U+D800 up needs the bytes.
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) return a.length < b.length ? -1 : 1;
  const x = a.charCodeAt(i);
  const y = b.charCodeAt(i);
  if (x < 0xd800 && y < 0xd800) return x < y ? -1 : 1;
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

export function mapLen(m: unknown): number {
  return mapKeys(m).length;
}

export function sliceOf(v: unknown): unknown[] {
  const x = unwrapTyped(v);
  if (x instanceof Uint8Array) return [...x].map((b) => new Typed('uint8', BigInt(b)));
  return (x as unknown[]) ?? [];
}

/** Go's isTrue (text/template). Returns null when the value has no truth (never for our kinds). */
export function isTrue(v: unknown): boolean {
  const x = unwrapTyped(v);
  switch (kindOf(v)) {
    case 'invalid':
    case 'nil':
      return false;
    case 'bool':
      return x as boolean;
    case 'int':
    case 'uint':
      return x !== 0n && x !== 0;
    case 'float':
      return (x as number) !== 0;
    case 'string':
      return (x as string).length > 0;
    case 'slice':
      return (x as unknown[]).length > 0;
    case 'map':
      return mapLen(x) > 0;
    default:
      return true;
  }
}

export function toNumber(v: unknown): number {
  const x = unwrapTyped(v);
  return typeof x === 'bigint' ? Number(x) : (x as number);
}

export function toBig(v: unknown): bigint {
  const x = unwrapTyped(v);
  if (typeof x === 'bigint') return x;
  return BigInt(Math.trunc(x as number));
}

/** Helper for callers building data: wrap a JS value as a Go int. */
export const goInt = (n: number | bigint): bigint => BigInt(n);
