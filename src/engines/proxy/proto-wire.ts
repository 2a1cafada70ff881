// The protobuf wire format, decoded with the schema (istiod's typed config dump sections).

import {
  need,
  type PMsg,
  ProtoReadError,
  type PScalar,
  type PValue,
  setValue,
  zeroOf,
} from './proto-message.js';
import { type FieldDef, Kind, type MessageDef, type ProtoSchema } from './proto-schema.js';

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
