// Protobuf JSON (either field-name style) read with the schema, as protojson does with unknown
// fields discarded: Envoy's /config_dump.

import {
  need,
  type PMsg,
  ProtoReadError,
  type PScalar,
  type PValue,
  setValue,
  WIDE,
} from './proto-message.js';
import { type FieldDef, Kind, type MessageDef, type ProtoSchema } from './proto-schema.js';

const ANY = 'google.protobuf.Any';
const WRAPPERS = new Set(
  ['Double', 'Float', 'Int64', 'UInt64', 'Int32', 'UInt32', 'Bool', 'String', 'Bytes'].map(
    (n) => `google.protobuf.${n}Value`,
  ),
);

function jsonScalar(schema: ProtoSchema, f: FieldDef, v: unknown): PScalar {
  const bad = () => new ProtoReadError(`invalid value for ${f.name}: ${JSON.stringify(v)}`);
  switch (f.kind) {
    case Kind.string:
      if (typeof v !== 'string') throw bad();
      return v;
    case Kind.bool:
      if (typeof v !== 'boolean') throw bad();
      return v;
    case Kind.bytes:
      if (typeof v !== 'string') throw bad();
      return new Uint8Array(Buffer.from(v.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
    case Kind.enum: {
      if (typeof v === 'number') return v;
      const n = typeof v === 'string' ? schema.enumNumber(f.type, v) : undefined;
      if (n === undefined) throw bad();
      return n;
    }
    case Kind.double:
    case Kind.float:
      if (typeof v === 'number') return v;
      if (v === 'NaN') return Number.NaN;
      if (v === 'Infinity') return Number.POSITIVE_INFINITY;
      if (v === '-Infinity') return Number.NEGATIVE_INFINITY;
      if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
      throw bad();
    default: {
      if (typeof v !== 'number' && typeof v !== 'string') throw bad();
      if (WIDE.has(f.kind)) {
        try {
          return BigInt(typeof v === 'number' ? Math.trunc(v) : v);
        } catch {
          throw bad();
        }
      }
      const n = Number(v);
      if (!Number.isInteger(n)) throw bad();
      return n;
    }
  }
}

function parseDuration(v: unknown): [bigint, number] {
  const m = typeof v === 'string' ? /^(-)?(\d+)(?:\.(\d{1,9}))?s$/.exec(v) : null;
  if (!m) throw new ProtoReadError(`invalid google.protobuf.Duration value ${JSON.stringify(v)}`);
  const sign = m[1] ? -1 : 1;
  const nanos = Number((m[3] ?? '').padEnd(9, '0'));
  return [BigInt(sign) * BigInt(m[2]!), sign * nanos];
}

function parseTimestamp(v: unknown): [bigint, number] {
  const m =
    typeof v === 'string'
      ? /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(v)
      : null;
  if (!m) throw new ProtoReadError(`invalid google.protobuf.Timestamp value ${JSON.stringify(v)}`);
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(ms)) throw new ProtoReadError(`invalid google.protobuf.Timestamp value ${v}`);
  return [BigInt(Math.floor(ms / 1000)), Number((m[2] ?? '').padEnd(9, '0'))];
}

function structValue(schema: ProtoSchema, v: unknown): PMsg {
  const def = need(schema, 'google.protobuf.Value');
  const msg: PMsg = { def, values: new Map() };
  if (v === null) msg.values.set(1, 0);
  else if (typeof v === 'number') msg.values.set(2, v);
  else if (typeof v === 'string') msg.values.set(3, v);
  else if (typeof v === 'boolean') msg.values.set(4, v);
  else if (Array.isArray(v))
    msg.values.set(6, readJson(schema, need(schema, 'google.protobuf.ListValue'), v));
  else msg.values.set(5, readJson(schema, need(schema, 'google.protobuf.Struct'), v));
  return msg;
}

function wellKnown(schema: ProtoSchema, def: MessageDef, v: unknown): PMsg | undefined {
  const msg: PMsg = { def, values: new Map() };
  switch (def.name) {
    case 'google.protobuf.Duration':
    case 'google.protobuf.Timestamp': {
      const [s, n] = def.name.endsWith('Duration') ? parseDuration(v) : parseTimestamp(v);
      if (s !== 0n) msg.values.set(1, s);
      if (n !== 0) msg.values.set(2, n);
      return msg;
    }
    case 'google.protobuf.Value':
      return structValue(schema, v);
    case 'google.protobuf.Struct': {
      if (!v || typeof v !== 'object' || Array.isArray(v)) throw new ProtoReadError('invalid Struct');
      const entries = Object.entries(v).map(([k, x]): [PValue, PValue] => [k, structValue(schema, x)]);
      if (entries.length) msg.values.set(1, entries);
      return msg;
    }
    case 'google.protobuf.ListValue': {
      if (!Array.isArray(v)) throw new ProtoReadError('invalid ListValue');
      if (v.length)
        msg.values.set(
          1,
          v.map((x) => structValue(schema, x)),
        );
      return msg;
    }
    case 'google.protobuf.FieldMask': {
      if (typeof v !== 'string') throw new ProtoReadError('invalid FieldMask');
      const paths = v
        .split(',')
        .filter((p) => p)
        .map((p) => p.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
      if (paths.length) msg.values.set(1, paths);
      return msg;
    }
  }
  if (WRAPPERS.has(def.name)) {
    const val = jsonScalar(schema, def.byNo.get(1)!, v);
    msg.values.set(1, val);
    return msg;
  }
  return undefined;
}

function readAny(schema: ProtoSchema, def: MessageDef, v: Record<string, unknown>): PMsg {
  const url = v['@type'];
  const msg: PMsg = { def, values: new Map() };
  if (typeof url !== 'string') {
    if (Object.keys(v).length === 0) return msg;
    throw new ProtoReadError('an Any without @type');
  }
  msg.values.set(1, url);
  const innerDef = schema.messageByUrl(url);
  // Types this istioctl does not know are kept as bare type URLs.
  if (!innerDef) return msg;
  const wk = wellKnown(schema, innerDef, v.value);
  if (wk && 'value' in v) msg.inner = wk;
  else {
    const { '@type': _, ...rest } = v;
    msg.inner = readJson(schema, innerDef, rest);
  }
  return msg;
}

/** Reads protobuf JSON (either field name style); unknown fields are dropped, as upstream allows. */
export function readJson(schema: ProtoSchema, def: MessageDef, v: unknown): PMsg {
  const wk = wellKnown(schema, def, v);
  if (wk) return wk;
  if (!v || typeof v !== 'object' || Array.isArray(v)) {
    throw new ProtoReadError(`expected an object for ${def.name}`);
  }
  if (def.name === ANY) return readAny(schema, def, v as Record<string, unknown>);
  const msg: PMsg = { def, values: new Map() };
  for (const [key, val] of Object.entries(v as Record<string, unknown>)) {
    const f = def.byName.get(key);
    if (!f || val === null) {
      if (f && val === null && f.type === 'google.protobuf.Value')
        msg.values.set(f.no, structValue(schema, null));
      continue;
    }
    if (f.map) {
      if (typeof val !== 'object' || Array.isArray(val)) throw new ProtoReadError(`invalid map ${f.name}`);
      const entryDef = need(schema, f.type);
      const kf = entryDef.byNo.get(1)!;
      const vf = entryDef.byNo.get(2)!;
      const entries = Object.entries(val as Record<string, unknown>).map(([k, x]): [PValue, PValue] => [
        kf.kind === Kind.bool ? k === 'true' : jsonScalar(schema, kf, kf.kind === Kind.string ? k : k),
        element(schema, vf, x),
      ]);
      if (entries.length) msg.values.set(f.no, entries);
    } else if (f.list) {
      if (!Array.isArray(val)) throw new ProtoReadError(`expected a list for ${f.name}`);
      if (val.length)
        msg.values.set(
          f.no,
          val.map((x) => element(schema, f, x)),
        );
    } else {
      setValue(msg, f, element(schema, f, val));
    }
  }
  return msg;
}

function element(schema: ProtoSchema, f: FieldDef, v: unknown): PValue {
  if (f.kind === Kind.message) return readJson(schema, need(schema, f.type), v);
  return jsonScalar(schema, f, v);
}
