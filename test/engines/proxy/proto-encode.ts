// Test-side protobuf wire encoder for schema-driven messages: turns an Envoy JSON config dump into
// the typed binary sections istiod sends for the `istio.io/debug/config_dump` debug request.
import { readJson } from '../../../src/engines/proxy/proto-json-read.js';
import type { PMsg, PValue } from '../../../src/engines/proxy/proto-message.js';
import { type FieldDef, Kind, type ProtoSchema } from '../../../src/engines/proxy/proto-schema.js';

class Out {
  private readonly parts: number[] = [];
  varint(v: bigint): void {
    let x = BigInt.asUintN(64, v);
    while (x >= 0x80n) {
      this.parts.push(Number(x & 0x7fn) | 0x80);
      x >>= 7n;
    }
    this.parts.push(Number(x));
  }
  raw(b: Uint8Array): void {
    for (const x of b) this.parts.push(x);
  }
  bytes(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

function tag(o: Out, no: number, wire: number): void {
  o.varint(BigInt((no << 3) | wire));
}

function fixed(n: number | bigint, kind: number): Uint8Array {
  const wide = kind === Kind.double || kind === Kind.fixed64 || kind === Kind.sfixed64;
  const dv = new DataView(new ArrayBuffer(wide ? 8 : 4));
  if (kind === Kind.double) dv.setFloat64(0, Number(n), true);
  else if (kind === Kind.float) dv.setFloat32(0, Number(n), true);
  else if (kind === Kind.fixed32) dv.setUint32(0, Number(n), true);
  else if (kind === Kind.sfixed32) dv.setInt32(0, Number(n), true);
  else if (kind === Kind.fixed64) dv.setBigUint64(0, BigInt(n), true);
  else dv.setBigInt64(0, BigInt(n), true);
  return new Uint8Array(dv.buffer);
}

function writeValue(schema: ProtoSchema, o: Out, f: FieldDef, v: PValue): void {
  switch (f.kind) {
    case Kind.message: {
      const b = encodeMessage(schema, v as PMsg);
      tag(o, f.no, 2);
      o.varint(BigInt(b.length));
      o.raw(b);
      return;
    }
    case Kind.string:
    case Kind.bytes: {
      const b = typeof v === 'string' ? new TextEncoder().encode(v) : (v as Uint8Array);
      tag(o, f.no, 2);
      o.varint(BigInt(b.length));
      o.raw(b);
      return;
    }
    case Kind.double:
    case Kind.fixed64:
    case Kind.sfixed64:
      tag(o, f.no, 1);
      o.raw(fixed(v as number | bigint, f.kind));
      return;
    case Kind.float:
    case Kind.fixed32:
    case Kind.sfixed32:
      tag(o, f.no, 5);
      o.raw(fixed(v as number | bigint, f.kind));
      return;
    case Kind.sint32:
    case Kind.sint64: {
      const n = BigInt(v as number | bigint);
      tag(o, f.no, 0);
      o.varint(n >= 0n ? n << 1n : (-n << 1n) - 1n);
      return;
    }
    case Kind.bool:
      tag(o, f.no, 0);
      o.varint(v ? 1n : 0n);
      return;
    default:
      tag(o, f.no, 0);
      o.varint(BigInt(v as number | bigint));
  }
}

/** The values of `count` unpacked occurrences of field `no`, without their tags. */
function stripTags(b: Uint8Array, no: number, count: number): Uint8Array {
  const out: number[] = [];
  let pos = 0;
  for (let n = 0; n < count; n++) {
    let tagValue = 0;
    let shift = 0;
    for (;;) {
      const x = b[pos++]!;
      tagValue |= (x & 0x7f) << shift;
      shift += 7;
      if (x < 0x80) break;
    }
    if (tagValue >>> 3 !== no) throw new Error('unexpected tag while packing');
    const wire = tagValue & 7;
    const start = pos;
    if (wire === 0) while (b[pos++]! >= 0x80);
    else pos += wire === 1 ? 8 : 4;
    out.push(...b.subarray(start, pos));
  }
  return Uint8Array.from(out);
}

export function encodeMessage(schema: ProtoSchema, m: PMsg): Uint8Array {
  const o = new Out();
  if (m.def.name === 'google.protobuf.Any' && m.inner) {
    const url = m.values.get(1) as string;
    writeValue(schema, o, m.def.byNo.get(1)!, url);
    writeValue(schema, o, m.def.byNo.get(2)!, encodeMessage(schema, m.inner));
    return o.bytes();
  }
  const fields = [...m.def.fields].sort((a, b) => a.no - b.no);
  for (const f of fields) {
    const v = m.values.get(f.no);
    if (v === undefined) continue;
    if (f.map) {
      const entryDef = schema.message(f.type)!;
      for (const [k, x] of v as Array<[PValue, PValue]>) {
        const entry: PMsg = {
          def: entryDef,
          values: new Map<number, PValue>([
            [1, k],
            [2, x],
          ]),
        };
        writeValue(schema, o, { ...f, kind: Kind.message }, entry);
      }
    } else if (f.list && f.kind !== Kind.message && f.kind !== Kind.string && f.kind !== Kind.bytes) {
      // proto3 packs repeated numbers (as Go's marshaller does): one length-delimited run.
      const run = new Out();
      for (const x of v as PValue[]) writeValue(schema, run, f, x);
      const body = stripTags(run.bytes(), f.no, (v as PValue[]).length);
      tag(o, f.no, 2);
      o.varint(BigInt(body.length));
      o.raw(body);
    } else if (f.list) {
      for (const x of v as PValue[]) writeValue(schema, o, f, x);
    } else {
      writeValue(schema, o, f, v as PValue);
    }
  }
  return o.bytes();
}

/** The sections of a JSON config dump as istiod would send them: typed binary Anys. */
export function dumpResources(
  schema: ProtoSchema,
  dump: unknown,
  keep: (typeUrl: string) => boolean = () => true,
): Array<{ typeUrl: string; value: Uint8Array }> {
  const cd = readJson(schema, schema.message('envoy.admin.v3.ConfigDump')!, dump);
  return ((cd.values.get(1) as PMsg[] | undefined) ?? [])
    .map((any) => ({ typeUrl: any.values.get(1) as string, value: encodeMessage(schema, any.inner!) }))
    .filter((r) => keep(r.typeUrl));
}
