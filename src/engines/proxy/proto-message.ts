// Schema-driven protobuf messages: decoded from the wire (istiod's typed config dump) or read from
// protobuf JSON (Envoy's /config_dump), into one form the jsonpb printer walks.
import { type FieldDef, Kind, type MessageDef, type ProtoSchema } from './proto-schema.js';

export type PScalar = number | bigint | boolean | string | Uint8Array;
export type PValue = PScalar | PMsg;

/** A message; only fields that were set are present (lists as arrays, maps as entry pairs). */
export interface PMsg {
  def: MessageDef;
  values: Map<number, PValue | PValue[] | Array<[PValue, PValue]>>;
  /** For google.protobuf.Any read from JSON: the embedded message, already parsed. */
  inner?: PMsg;
}

export class ProtoReadError extends Error {}

const ANY = 'google.protobuf.Any';
const WIDE = new Set<number>([Kind.int64, Kind.uint64, Kind.sint64, Kind.fixed64, Kind.sfixed64]);

function need(schema: ProtoSchema, name: string): MessageDef {
  const def = schema.message(name);
  if (!def) throw new ProtoReadError(`unknown message type ${name}`);
  return def;
}

// ---- wire format ----

class Reader {
  pos = 0;
  constructor(
    readonly buf: Uint8Array,
    readonly end = buf.length,
  ) {}

  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.end) throw new ProtoReadError('truncated varint');
      const b = this.buf[this.pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return result;
      shift += 7n;
    }
  }

  fixed(n: 4 | 8): Uint8Array {
    if (this.pos + n > this.end) throw new ProtoReadError('truncated fixed field');
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  bytes(): Uint8Array {
    const len = Number(this.varint());
    if (this.pos + len > this.end) throw new ProtoReadError('truncated length-delimited field');
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }

  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.fixed(8);
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.fixed(4);
    else throw new ProtoReadError(`unsupported wire type ${wire}`);
  }
}

function fromVarint(kind: number, v: bigint): PScalar {
  switch (kind) {
    case Kind.int64:
      return BigInt.asIntN(64, v);
    case Kind.uint64:
      return BigInt.asUintN(64, v);
    case Kind.sint64: {
      const u = BigInt.asUintN(64, v);
      return (u >> 1n) ^ -(u & 1n);
    }
    case Kind.int32:
    case Kind.enum:
      return Number(BigInt.asIntN(32, v));
    case Kind.uint32:
      return Number(BigInt.asUintN(32, v));
    case Kind.sint32: {
      const u = Number(BigInt.asUintN(32, v));
      return (u >>> 1) ^ -(u & 1);
    }
    case Kind.bool:
      return v !== 0n;
    default:
      throw new ProtoReadError(`varint for kind ${kind}`);
  }
}

function fromFixed(kind: number, b: Uint8Array): PScalar {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  switch (kind) {
    case Kind.double:
      return dv.getFloat64(0, true);
    case Kind.float:
      return dv.getFloat32(0, true);
    case Kind.fixed32:
      return dv.getUint32(0, true);
    case Kind.sfixed32:
      return dv.getInt32(0, true);
    case Kind.fixed64:
      return dv.getBigUint64(0, true);
    case Kind.sfixed64:
      return dv.getBigInt64(0, true);
    default:
      throw new ProtoReadError(`fixed value for kind ${kind}`);
  }
}

function scalarFromWire(f: FieldDef, wire: number, r: Reader): PScalar {
  if (wire === 0) return fromVarint(f.kind, r.varint());
  if (wire === 1) return fromFixed(f.kind, r.fixed(8));
  if (wire === 5) return fromFixed(f.kind, r.fixed(4));
  const b = r.bytes();
  if (f.kind === Kind.string) return new TextDecoder().decode(b);
  if (f.kind === Kind.bytes) return b;
  throw new ProtoReadError(`field ${f.name} has the wrong wire type`);
}

function setValue(msg: PMsg, f: FieldDef, v: PValue): void {
  if (f.list) {
    const list = (msg.values.get(f.no) as PValue[] | undefined) ?? [];
    list.push(v);
    msg.values.set(f.no, list);
    return;
  }
  if (f.oneof >= 0) {
    for (const other of msg.def.fields) if (other.oneof === f.oneof) msg.values.delete(other.no);
  }
  msg.values.set(f.no, v);
}

function mergeMessages(schema: ProtoSchema, prev: PValue | undefined, buf: Uint8Array, type: string): PMsg {
  const m = decodeMessage(schema, need(schema, type), buf);
  if (!prev || typeof prev !== 'object' || !('def' in prev)) return m;
  // A repeated occurrence of a singular message field merges into the earlier one.
  for (const [k, v] of m.values) prev.values.set(k, v);
  return prev;
}

export function decodeMessage(schema: ProtoSchema, def: MessageDef, buf: Uint8Array): PMsg {
  const msg: PMsg = { def, values: new Map() };
  const r = new Reader(buf);
  while (r.pos < r.end) {
    const tag = r.varint();
    const no = Number(tag >> 3n);
    const wire = Number(tag & 7n);
    const f = def.byNo.get(no);
    if (!f) {
      r.skip(wire);
      continue;
    }
    if (f.map) {
      const entryDef = need(schema, f.type);
      const entry = decodeMessage(schema, entryDef, r.bytes());
      const kf = entryDef.byNo.get(1)!;
      const vf = entryDef.byNo.get(2)!;
      const key = (entry.values.get(1) as PValue | undefined) ?? zeroOf(schema, kf);
      const val = (entry.values.get(2) as PValue | undefined) ?? zeroOf(schema, vf);
      const list = (msg.values.get(no) as Array<[PValue, PValue]> | undefined) ?? [];
      const at = list.findIndex(([k]) => k === key);
      if (at >= 0) list[at] = [key, val];
      else list.push([key, val]);
      msg.values.set(no, list);
    } else if (f.kind === Kind.message) {
      const b = r.bytes();
      if (f.list) setValue(msg, f, decodeMessage(schema, need(schema, f.type), b));
      else setValue(msg, f, mergeMessages(schema, msg.values.get(no) as PValue | undefined, b, f.type));
    } else if (f.kind === Kind.group) {
      throw new ProtoReadError(`group field ${f.name} is not supported`);
    } else if (f.list && wire === 2 && f.kind !== Kind.string && f.kind !== Kind.bytes) {
      const b = r.bytes();
      const packed = new Reader(b);
      const w = f.kind === Kind.double || f.kind === Kind.fixed64 || f.kind === Kind.sfixed64 ? 1 : 0;
      const w32 = f.kind === Kind.float || f.kind === Kind.fixed32 || f.kind === Kind.sfixed32;
      while (packed.pos < packed.end) setValue(msg, f, scalarFromWire(f, w32 ? 5 : w, packed));
    } else {
      setValue(msg, f, scalarFromWire(f, wire, r));
    }
  }
  return msg;
}

export function zeroOf(schema: ProtoSchema, f: FieldDef): PValue {
  switch (f.kind) {
    case Kind.string:
      return '';
    case Kind.bytes:
      return new Uint8Array();
    case Kind.bool:
      return false;
    case Kind.message:
      return { def: need(schema, f.type), values: new Map() };
    default:
      return WIDE.has(f.kind) ? 0n : 0;
  }
}

// ---- protobuf JSON ----

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
