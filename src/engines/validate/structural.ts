// The structural pass: the document against the kind's schema, as a strict protobuf JSON decode
// sees it: unknown fields, wrong types, unknown enum values, one-of fields set together, required
// fields, numeric ranges and duration syntax. Rules anchored at schema paths run during the walk.

import type { Schema } from '../../model/api/schema.js';
import { parseDuration } from '../../model/duration.js';
import { joinPath, type Reporter, type Rule, type RuleContext } from './types.js';

export interface WalkOptions {
  rules: Map<string, Rule[]>;
  ctx: RuleContext;
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
): void {
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) n = Number(v);
  else {
    r.error(
      path,
      `invalid value for ${s.t === 'integer' ? 'integer' : 'number'} field: ${JSON.stringify(v)}`,
    );
    return;
  }
  if (s.t === 'integer' && !Number.isInteger(n)) {
    r.error(path, `invalid value for integer field: ${n}`);
    return;
  }
  if (s.format === 'int32' && (n < -2147483648 || n > 2147483647))
    r.error(path, `value ${n} is out of range for int32`);
  if (s.minimum !== undefined && n < s.minimum) r.error(path, `value ${n} is below the minimum ${s.minimum}`);
  if (s.maximum !== undefined && n > s.maximum) r.error(path, `value ${n} is above the maximum ${s.maximum}`);
}

export function checkDuration(v: string, path: string, r: Reporter): void {
  let ms: number;
  try {
    ms = parseDuration(v);
  } catch {
    r.error(path, `invalid duration "${v}"`);
    return;
  }
  if (ms < 1) r.error(path, 'duration must be greater than 1ms');
  else if (Math.abs(ms - Math.round(ms)) > 1e-9)
    r.error(path, 'only durations to ms precision are supported');
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
        r.error(path, `invalid value for string field: ${JSON.stringify(v)}`);
        break;
      }
      if (s.enum && !s.enum.includes(v))
        r.error(path, `invalid value ${JSON.stringify(v)}, must be one of ${s.enum.join(', ')}`);
      if (s.duration) checkDuration(v, path, r);
      // the API server enforces these from the CRD
      if (s.minLength !== undefined && [...v].length < s.minLength)
        r.error(path, `should be at least ${s.minLength} chars long`);
      if (s.maxLength !== undefined && [...v].length > s.maxLength)
        r.error(path, `may not be longer than ${s.maxLength}`);
      if (s.pattern !== undefined && !new RegExp(s.pattern, 'u').test(v))
        r.error(path, `should match '${s.pattern}'`);
      if (s.format === 'byte' && !/^[A-Za-z0-9+/_-]*={0,2}$/.test(v)) r.error(path, 'invalid base64 value');
      break;
    case 'integer':
    case 'number':
      checkInteger(v, s, path, r);
      break;
    case 'boolean':
      if (typeof v !== 'boolean') r.error(path, `invalid value for bool field: ${JSON.stringify(v)}`);
      break;
    case 'int-or-string':
      if (typeof v !== 'string' && typeof v !== 'number')
        r.error(path, `expected an integer or a string, got ${typeName(v)}`);
      break;
    case 'any':
      if (!isObject(v)) r.error(path, `expected an object, got ${typeName(v)}`);
      break;
    case 'map':
      if (!isObject(v)) {
        r.error(path, `expected a map, got ${typeName(v)}`);
        return;
      }
      if (s.maxProperties !== undefined && Object.keys(v).length > s.maxProperties) {
        r.error(path, `must have at most ${s.maxProperties} items`);
      }
      for (const [k, c] of Object.entries(v)) walk(c, s.values, joinPath(path, k), `${spath}{}`, r, o);
      break;
    case 'array':
      if (!Array.isArray(v)) {
        r.error(path, `expected a list, got ${typeName(v)}`);
        return;
      }
      if (s.minItems !== undefined && v.length < s.minItems)
        r.error(path, `should have at least ${s.minItems} items`);
      if (s.maxItems !== undefined && v.length > s.maxItems)
        r.error(path, `must have at most ${s.maxItems} items`);
      for (const [i, c] of v.entries()) walk(c, s.items, joinPath(path, i), `${spath}[]`, r, o);
      if (s.mapKeys) duplicateListKeys(v, s.mapKeys, path, r);
      break;
    case 'object': {
      if (!isObject(v)) {
        r.error(path, `expected an object, got ${typeName(v)}`);
        return;
      }
      for (const [k, c] of Object.entries(v)) {
        const child = s.props[k];
        if (!child) {
          if (!s.preserve) r.error(joinPath(path, k), `unknown field "${k}"`);
          continue;
        }
        walk(c, child, joinPath(path, k), `${spath}.${k}`, r, o);
      }
      for (const group of s.oneOf ?? []) {
        const set = group.filter((f) => v[f] !== undefined && v[f] !== null);
        if (set.length > 1) r.error(path, `only one of ${set.join(', ')} may be set`);
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
    for (const rule of rules) rule.check(value, path, r, o.ctx);
  }
}

/** A list-map (x-kubernetes-list-type: map) holds each key combination once. */
function duplicateListKeys(list: unknown[], keys: readonly string[], path: string, r: Reporter): void {
  const seen = new Set<string>();
  for (const [i, item] of list.entries()) {
    if (!isObject(item)) continue;
    const key = JSON.stringify(keys.map((k) => item[k] ?? null));
    if (seen.has(key))
      r.error(
        joinPath(path, i),
        `Duplicate value: ${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(item[k])}`).join(',')}`,
      );
    seen.add(key);
  }
}
