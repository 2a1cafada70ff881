// Conversions shared by the Sprig functions: strval (fmt %v), spf13/cast's ToInt64/ToFloat64, Sprig's empty.
import { sprint } from '../fmt.js';
import { kindOf, mapLen, NO_VALUE, sliceOf, Typed, unwrapTyped } from '../values.js';

export function strval(v: unknown): string {
  const x = unwrapTyped(v);
  if (typeof x === 'string') return x;
  if (x instanceof Uint8Array) return Buffer.from(x).toString('utf8');
  if (x instanceof Error) return x.message;
  return sprint([v]);
}

function trimZeroDecimal(s: string): string {
  let foundZero = false;
  for (let i = s.length; i > 0; i--) {
    const c = s[i - 1];
    if (c === '.') {
      if (foundZero) return s.slice(0, i - 1);
    } else if (c === '0') foundZero = true;
    else return s;
  }
  return s;
}

/** strconv.ParseInt(s, 0, 64) */
export function parseIntBase0(s: string): bigint | null {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(s);
  if (!m) return null;
  let body = m[2]!;
  if (body.includes('_')) {
    if (!/^(0[xXoObB])?_?[0-9a-fA-F]+(_[0-9a-fA-F]+)*$/.test(body)) return null;
    body = body.replace(/_/g, '');
  }
  let v: bigint;
  if (/^0[xXoObB]/.test(body)) v = BigInt(body.toLowerCase());
  else if (body.length > 1 && body[0] === '0') v = BigInt(`0o${body.slice(1)}`);
  else v = BigInt(body);
  if (m[1] === '-') v = -v;
  if (v < -(2n ** 63n) || v >= 2n ** 63n) return null;
  return v;
}

export function toInt64(v: unknown): bigint {
  const x = unwrapTyped(v);
  switch (kindOf(v)) {
    case 'int':
    case 'uint':
      return BigInt(x as bigint);
    case 'float': {
      const f = x as number;
      if (!Number.isFinite(f)) return -(2n ** 63n);
      const t = Math.trunc(f);
      if (t >= 2 ** 63 || t < -(2 ** 63)) return -(2n ** 63n);
      return BigInt(t);
    }
    case 'string':
      return parseIntBase0(trimZeroDecimal(x as string)) ?? 0n;
    case 'bool':
      return x ? 1n : 0n;
  }
  return 0n;
}

/** Go's strconv.ParseFloat(s, 64) (decimal forms, Inf, NaN) */
export function parseGoFloat(s: string): number | null {
  const t = s.replace(/_/g, '');
  if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(t)) return Number.NaN;
  if (/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(t)) return Number(t);
  if (/^[+-]?0[xX]/.test(t)) {
    const i = parseIntBase0(t);
    if (i !== null) return Number(i);
  }
  return null;
}

export function toFloat64(v: unknown): number {
  const x = unwrapTyped(v);
  switch (kindOf(v)) {
    case 'int':
    case 'uint':
      return Number(x);
    case 'float':
      return x as number;
    case 'string':
      return parseGoFloat(x as string) ?? 0;
    case 'bool':
      return x ? 1 : 0;
  }
  return 0;
}

/** Sprig's empty: zero values, empty collections, nil. */
export function empty(v: unknown): boolean {
  if (v === null || v === undefined || v === NO_VALUE) return true;
  const x = unwrapTyped(v);
  switch (kindOf(v)) {
    case 'string':
      return (x as string).length === 0;
    case 'slice':
      return sliceOf(v).length === 0;
    case 'map':
      return mapLen(x) === 0;
    case 'bool':
      return !x;
    case 'int':
    case 'uint':
      return BigInt(x as bigint) === 0n;
    case 'float':
      return x === 0;
    case 'nil':
      return true;
    case 'struct':
      return false;
    case 'ptr':
      return (x as unknown) === null;
    default:
      return false;
  }
}

export const int64 = (n: bigint): Typed => new Typed('int64', BigInt.asIntN(64, n));
export const toIntNum = (v: unknown): number => Number(toInt64(v));
