// Schema-driven protobuf messages, decoded from the wire (proto-wire.ts, istiod's typed config dump)
// or read from protobuf JSON (proto-json-read.ts, Envoy's /config_dump), in the one form the jsonpb
// printer walks.
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

export const WIDE = new Set<number>([Kind.int64, Kind.uint64, Kind.sint64, Kind.fixed64, Kind.sfixed64]);

export function need(schema: ProtoSchema, name: string): MessageDef {
  const def = schema.message(name);
  if (!def) throw new ProtoReadError(`unknown message type ${name}`);
  return def;
}

export function setValue(msg: PMsg, f: FieldDef, v: PValue): void {
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
