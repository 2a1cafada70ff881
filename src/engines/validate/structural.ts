// The structural pass: the document against the kind's schema, as a strict protobuf JSON decode
// sees it: unknown fields, wrong types, unknown enum values, one-of fields set together, required
// fields, numeric ranges and duration syntax. Rules anchored at schema paths run during the walk.

import { protoName } from '../../model/api/proto-names.js';
import type { Schema } from '../../model/api/schema.js';
import { parseDuration } from '../../model/duration.js';
import { joinPath, type Reporter, type Rule, type RuleContext } from './types.js';

export interface WalkOptions {
  rules: Map<string, Rule[]>;
  ctx: RuleContext;
  /** Where semantic rules report; index.ts drops it when the decode failed, as upstream never gets that far. */
  ruleReporter: Reporter;
  /** Set by the first decode error: upstream's strict decode stops there and reports only that one. */
  decodeFailed?: boolean;
  /** Test hook: wraps the value handed to a rule (used to record which fields rules read). */
  wrap?: (value: unknown, schemaPath: string) => unknown;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function checkInteger(
  v: unknown,
  s: Extract<Schema, { t: 'integer' | 'number' }>,
  path: string,
  r: Reporter,
  o: WalkOptions,
): void {
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) n = Number(v);
  else {
    decode(
      o,
      r,
      path,
      `invalid value for ${s.t === 'integer' ? 'integer' : 'number'} field: ${JSON.stringify(v)}`,
    );
    return;
  }
  if (s.t === 'integer' && !Number.isInteger(n)) {
    decode(o, r, path, `invalid value for integer field: ${n}`);
    return;
  }
  if (s.format === 'int32' && (n < -2147483648 || n > 2147483647)) {
    decode(o, r, path, `value ${n} is out of range for int32`);
    return;
  }
  // uint32 bounds are the decoder's; other bounds come from the CRD
  const uint32 = s.minimum === 0 && s.maximum === UINT32_MAX;
  if ((uint32 && n < 0) || (uint32 && n > UINT32_MAX)) {
    decode(o, r, path, `json: cannot unmarshal number ${n} into Go value of type uint32`);
    return;
  }
  if (s.minimum !== undefined && n < s.minimum)
    server(r, path, `should be greater than or equal to ${s.minimum}`);
  if (s.maximum !== undefined && n > s.maximum)
    server(r, path, `should be less than or equal to ${s.maximum}`);
}

/** A failure of upstream's strict protobuf JSON decode: only the first one is reported. */
function decode(o: WalkOptions, r: Reporter, path: string, message: string): void {
  if (o.decodeFailed) return;
  o.decodeFailed = true;
  r.error(path, `cannot parse proto message: ${message}`);
}

/** A constraint only the API server enforces (from the CRD); upstream's validate accepts it. */
function server(r: Reporter, path: string, message: string): void {
  r.warn(path, `${message} (the API server refuses this)`);
}

const UINT32_MAX = 4294967295;

function typeOf(o: WalkOptions, spath: string): string {
  return protoName(String(o.ctx.object.kind), spath) ?? spath.slice(1);
}

/** Go's time.ParseDuration error for a string it rejects, or undefined when it parses. */
export function goDurationError(text: string): string | undefined {
  const q = JSON.stringify(text);
  let s = text;
  if (s === '') return `time: invalid duration ${q}`;
  if (s[0] === '-' || s[0] === '+') s = s.slice(1);
  if (s === '0') return undefined;
  if (s === '') return `time: invalid duration ${q}`;
  while (s !== '') {
    const num = /^(\d*)(\.\d*)?/.exec(s)!;
    if (!num[1] && (!num[2] || num[2] === '.')) return `time: invalid duration ${q}`;
    s = s.slice(num[0].length);
    let i = 0;
    while (i < s.length && s[i] !== '.' && !(s[i]! >= '0' && s[i]! <= '9')) i++;
    const unit = s.slice(0, i);
    if (unit === '') return `time: missing unit in duration ${q}`;
    if (!['ns', 'us', 'µs', 'μs', 'ms', 's', 'm', 'h'].includes(unit))
      return `time: unknown unit ${JSON.stringify(unit)} in duration ${q}`;
    s = s.slice(i);
  }
  return undefined;
}

export function checkDuration(v: string, path: string, r: Reporter, o: WalkOptions): void {
  const bad = goDurationError(v);
  if (bad) {
    decode(o, r, path, `bad Duration: ${bad}`);
    return;
  }
  const ms = parseDuration(v);
  if (ms < 1) r.error(path, 'duration must be greater than 1ms');
  else if (Math.abs(ms - Math.round(ms)) > 1e-9)
    r.error(path, 'only durations to ms precision are supported');
}

const patterns = new Map<string, RegExp>();
/** A schema pattern compiled once per process (10,000 resources check the same few patterns). */
function patternOf(source: string): RegExp {
  let re = patterns.get(source);
  if (!re) {
    re = new RegExp(source, 'u');
    patterns.set(source, re);
  }
  return re;
}

export function walk(v: unknown, s: Schema, path: string, spath: string, r: Reporter, o: WalkOptions): void {
  if (v === null || v === undefined) {
    // protobuf JSON treats null as "not set" for every field
    return;
  }
  switch (s.t) {
    case 'string':
      if (typeof v !== 'string') {
        if (s.enum && typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < s.enum.length) break;
        decode(o, r, path, `invalid value for string field: ${JSON.stringify(v)}`);
        break;
      }
      if (s.enum && !s.enum.includes(v))
        decode(o, r, path, `unknown value ${JSON.stringify(JSON.stringify(v))} for enum ${typeOf(o, spath)}`);
      if (s.duration) checkDuration(v, path, r, o);
      // the API server enforces these from the CRD
      // Lengths count code points: between v.length / 2 and v.length, so most texts need no counting.
      if (s.minLength !== undefined && v.length < 2 * s.minLength && [...v].length < s.minLength)
        server(r, path, `should be at least ${s.minLength} chars long`);
      if (s.maxLength !== undefined && v.length > s.maxLength && [...v].length > s.maxLength)
        server(r, path, `may not be longer than ${s.maxLength}`);
      if (s.pattern !== undefined && !patternOf(s.pattern).test(v))
        server(r, path, `should match '${s.pattern}'`);
      if (s.format === 'byte' && !/^[A-Za-z0-9+/_-]*={0,2}$/.test(v))
        decode(o, r, path, 'illegal base64 data');
      break;
    case 'integer':
    case 'number':
      checkInteger(v, s, path, r, o);
      break;
    case 'boolean':
      if (typeof v !== 'boolean') decode(o, r, path, `invalid value for bool field: ${JSON.stringify(v)}`);
      break;
    case 'int-or-string':
      if (typeof v !== 'string' && typeof v !== 'number')
        decode(o, r, path, `expected an integer or a string, got ${typeName(v)}`);
      break;
    case 'any':
      if (!isObject(v)) decode(o, r, path, `expected an object, got ${typeName(v)}`);
      break;
    case 'map':
      if (!isObject(v)) {
        decode(o, r, path, `expected a map, got ${typeName(v)}`);
        return;
      }
      if (s.maxProperties !== undefined && Object.keys(v).length > s.maxProperties) {
        server(r, path, `must have at most ${s.maxProperties} items`);
      }
      for (const [k, c] of Object.entries(v)) walk(c, s.values, joinPath(path, k), `${spath}{}`, r, o);
      break;
    case 'array':
      if (!Array.isArray(v)) {
        decode(o, r, path, `expected a list, got ${typeName(v)}`);
        return;
      }
      if (s.minItems !== undefined && v.length < s.minItems)
        server(r, path, `should have at least ${s.minItems} items`);
      if (s.maxItems !== undefined && v.length > s.maxItems)
        server(r, path, `must have at most ${s.maxItems} items`);
      for (const [i, c] of v.entries()) walk(c, s.items, joinPath(path, i), `${spath}[]`, r, o);
      if (s.mapKeys) duplicateListKeys(v, s.mapKeys, path, r);
      break;
    case 'object': {
      if (!isObject(v)) {
        decode(o, r, path, `expected an object, got ${typeName(v)}`);
        return;
      }
      for (const [k, c] of Object.entries(v)) {
        const child = s.props[k];
        if (!child) {
          if (!s.preserve) decode(o, r, joinPath(path, k), `unknown field "${k}" in ${typeOf(o, spath)}`);
          continue;
        }
        walk(c, child, joinPath(path, k), `${spath}.${k}`, r, o);
      }
      for (const group of s.oneOf ?? []) {
        const set = group.filter((f) => v[f] !== undefined && v[f] !== null);
        if (set.length > 1) server(r, path, `only one of ${set.join(', ')} may be set`);
      }
      for (const f of s.required ?? []) {
        if (v[f] === undefined || v[f] === null) r.error(joinPath(path, f), `${f} is required`);
      }
      break;
    }
  }
  const rules = o.rules.get(spath);
  if (rules) {
    const value = o.wrap ? o.wrap(v, spath) : v;
    for (const rule of rules) rule.check(value, path, o.ruleReporter, o.ctx);
  }
}

/** A list-map (x-kubernetes-list-type: map) holds each key combination once. */
function duplicateListKeys(list: unknown[], keys: readonly string[], path: string, r: Reporter): void {
  const seen = new Set<string>();
  for (const [i, item] of list.entries()) {
    if (!isObject(item)) continue;
    const key = JSON.stringify(keys.map((k) => item[k] ?? null));
    if (seen.has(key))
      server(
        r,
        joinPath(path, i),
        `Duplicate value: ${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(item[k])}`).join(',')}`,
      );
    seen.add(key);
  }
}
