// Prints a message the way github.com/golang/protobuf/jsonpb (v1.5) does with an indent, which is
// how istioctl renders both config dumps before diffing them: fields in declaration order, set
// fields only, int64 quoted, enums by name, Any with "@type" first, maps sorted by key, and that
// package's own list/map indentation.

import { type PMsg, ProtoReadError, type PValue } from './proto-message.js';
import { type FieldDef, Kind, type ProtoSchema } from './proto-schema.js';
import { decodeMessage } from './proto-wire.js';

const WRAPPER_NAMES = ['Bool', 'Bytes', 'String', 'Int32', 'UInt32', 'Float', 'Int64', 'UInt64', 'Double'];
const WRAPPERS = new Set(WRAPPER_NAMES.map((n) => `google.protobuf.${n}Value`));
const WELL_KNOWN = new Set([
  ...WRAPPERS,
  'google.protobuf.Any',
  'google.protobuf.Duration',
  'google.protobuf.Timestamp',
  'google.protobuf.Value',
  'google.protobuf.Struct',
  'google.protobuf.ListValue',
]);

/** encoding/json's string quoting: HTML-sensitive characters and U+2028/9 escaped too. */
export function goQuote(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** encoding/json's float text (shortest round trip; 32-bit values at 32-bit precision). */
function goFloat(v: number, bits: 32 | 64): string {
  let x = v;
  if (bits === 32) {
    for (let p = 1; p <= 9; p++) {
      const c = Number(v.toPrecision(p));
      if (Math.fround(c) === v) {
        x = c;
        break;
      }
    }
  }
  if (Object.is(x, -0)) return '-0';
  return String(x);
}

function isSet(f: FieldDef, v: unknown): boolean {
  if (v === undefined) return false;
  if (f.list || f.map) return (v as unknown[]).length > 0;
  if (f.presence || f.kind === Kind.message) return true;
  if (typeof v === 'bigint') return v !== 0n;
  if (typeof v === 'number') return v !== 0 || Object.is(v, -0);
  if (typeof v === 'string') return v !== '';
  if (typeof v === 'boolean') return v;
  if (v instanceof Uint8Array) return v.length > 0;
  return true;
}

class Writer {
  private out = '';

  constructor(
    private readonly schema: ProtoSchema,
    private readonly ind: string,
  ) {}

  text(): string {
    return this.out;
  }

  private w(s: string): void {
    this.out += s;
  }

  message(m: PMsg, indent: string, typeUrl: string): void {
    const name = m.def.name;
    const get = (no: number) => m.values.get(no);
    if (WELL_KNOWN.has(name)) {
      if (name === 'google.protobuf.Any') {
        this.any(m, indent);
        return;
      }
      if (WRAPPERS.has(name)) {
        const f = m.def.byNo.get(1)!;
        this.value(f, get(1) ?? zeroScalar(f), indent);
        return;
      }
      if (name === 'google.protobuf.Duration') {
        this.duration(m);
        return;
      }
      if (name === 'google.protobuf.Timestamp') {
        this.timestamp(m);
        return;
      }
      if (name === 'google.protobuf.Value') {
        const f = m.def.fields.find((x) => m.values.has(x.no));
        if (!f) throw new ProtoReadError('nil Value');
        this.value(f, get(f.no)!, indent);
        return;
      }
      // Struct and ListValue print their single field's value directly.
      const f = m.def.byNo.get(1)!;
      this.value(f, get(1) ?? [], indent);
      return;
    }
    this.w('{');
    if (this.ind) this.w('\n');
    let first = true;
    if (typeUrl) {
      this.typeUrl(indent, typeUrl);
      first = false;
    }
    const fields = m.def.fields;
    for (let i = 0; i < fields.length; ) {
      let f = fields[i]!;
      if (f.oneof >= 0) {
        const group = fields.filter((x) => x.oneof === f.oneof);
        i += group.length;
        const chosen = group.find((x) => m.values.has(x.no));
        if (!chosen) continue;
        f = chosen;
      } else {
        i++;
        if (!isSet(f, get(f.no))) continue;
      }
      if (!first) this.comma();
      this.field(f, get(f.no)!, indent);
      first = false;
    }
    if (this.ind) this.w(`\n${indent}`);
    this.w('}');
  }

  private comma(): void {
    this.w(this.ind ? ',\n' : ',');
  }

  private typeUrl(indent: string, url: string): void {
    if (this.ind) this.w(indent + this.ind);
    this.w('"@type":');
    if (this.ind) this.w(' ');
    this.w(goQuote(url));
  }

  private any(m: PMsg, indent: string): void {
    const url = (m.values.get(1) as string | undefined) ?? '';
    const def = this.schema.messageByUrl(url);
    let inner = m.inner;
    if (!inner && def)
      inner = decodeMessage(this.schema, def, (m.values.get(2) as Uint8Array) ?? new Uint8Array());
    if (!inner) {
      // A type unknown to this schema: its content cannot be named, only its type.
      this.w('{');
      if (this.ind) this.w('\n');
      this.typeUrl(indent, url);
      if (this.ind) this.w(`\n${indent}`);
      this.w('}');
      return;
    }
    if (!WELL_KNOWN.has(inner.def.name)) {
      this.message(inner, indent, url);
      return;
    }
    this.w('{');
    if (this.ind) this.w('\n');
    this.typeUrl(indent, url);
    this.comma();
    if (this.ind) this.w(`${indent}${this.ind}"value": `);
    else this.w('"value":');
    this.message(inner, indent + this.ind, '');
    if (this.ind) this.w(`\n${indent}`);
    this.w('}');
  }

  private duration(m: PMsg): void {
    let s = (m.values.get(1) as bigint | undefined) ?? 0n;
    let ns = (m.values.get(2) as number | undefined) ?? 0;
    let sign = '';
    if (s < 0n || ns < 0) {
      sign = '-';
      s = -s;
      ns = -ns;
    }
    let x = `${sign}${s}.${String(ns).padStart(9, '0')}`;
    x = trimSuffix(trimSuffix(x, '000'), '000');
    x = trimSuffix(x, '.000');
    this.w(`"${x}s"`);
  }

  private timestamp(m: PMsg): void {
    const s = (m.values.get(1) as bigint | undefined) ?? 0n;
    const ns = (m.values.get(2) as number | undefined) ?? 0;
    const iso = new Date(Number(s) * 1000).toISOString().slice(0, 19);
    let x = `${iso}.${String(ns).padStart(9, '0')}`;
    x = trimSuffix(trimSuffix(x, '000'), '000');
    x = trimSuffix(x, '.000');
    this.w(`"${x}Z"`);
  }

  private field(f: FieldDef, v: unknown, indent: string): void {
    if (this.ind) this.w(indent + this.ind);
    this.w(`"${f.json}":`);
    if (this.ind) this.w(' ');
    this.value(f, v, indent);
  }

  private value(f: FieldDef, v: unknown, indent: string): void {
    if (f.list) {
      this.w('[');
      let comma = '';
      for (const x of v as PValue[]) {
        this.w(comma);
        if (this.ind) this.w(`\n${indent}${this.ind}${this.ind}`);
        this.singular(f, x, indent + this.ind);
        comma = ',';
      }
      if (this.ind) this.w(`\n${indent}${this.ind}`);
      this.w(']');
      return;
    }
    if (f.map) {
      const entryDef = this.schema.message(f.type)!;
      const kf = entryDef.byNo.get(1)!;
      const vf = entryDef.byNo.get(2)!;
      const entries = [...(v as Array<[PValue, PValue]>)].sort(([a], [b]) => compareKeys(a, b));
      this.w('{');
      let comma = '';
      for (const [k, x] of entries) {
        this.w(comma);
        if (this.ind) this.w(`\n${indent}${this.ind}${this.ind}`);
        this.w(goQuote(String(k)));
        this.w(':');
        if (this.ind) this.w(' ');
        this.singular(vf, x, indent + this.ind);
        comma = ',';
      }
      void kf;
      if (this.ind) this.w(`\n${indent}${this.ind}`);
      this.w('}');
      return;
    }
    this.singular(f, v, indent);
  }

  private singular(f: FieldDef, v: unknown, indent: string): void {
    if (f.kind === Kind.message) {
      this.message(v as PMsg, indent + this.ind, '');
      return;
    }
    if (f.kind === Kind.enum) {
      if (f.type === 'google.protobuf.NullValue') {
        this.w('null');
        return;
      }
      const name = this.schema.enumName(f.type, v as number);
      this.w(name === undefined ? String(v) : `"${name}"`);
      return;
    }
    if (f.kind === Kind.double || f.kind === Kind.float) {
      const n = v as number;
      if (n === Number.POSITIVE_INFINITY) {
        this.w('"Infinity"');
        return;
      }
      if (n === Number.NEGATIVE_INFINITY) {
        this.w('"-Infinity"');
        return;
      }
      if (Number.isNaN(n)) {
        this.w('"NaN"');
        return;
      }
      this.w(goFloat(n, f.kind === Kind.float ? 32 : 64));
      return;
    }
    if (typeof v === 'bigint') {
      this.w(`"${v}"`);
      return;
    }
    if (typeof v === 'string') {
      this.w(goQuote(v));
      return;
    }
    if (v instanceof Uint8Array) {
      this.w(`"${Buffer.from(v).toString('base64')}"`);
      return;
    }
    this.w(String(v));
  }
}

function zeroScalar(f: FieldDef): PValue {
  if (f.kind === Kind.string) return '';
  if (f.kind === Kind.bytes) return new Uint8Array();
  if (f.kind === Kind.bool) return false;
  if (f.kind === Kind.int64 || f.kind === Kind.uint64) return 0n;
  return 0;
}

function compareKeys(a: PValue, b: PValue): number {
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean') return Number(a) - Number(b as boolean);
  const x = BigInt(a as number | bigint);
  const y = BigInt(b as number | bigint);
  return x < y ? -1 : x > y ? 1 : 0;
}

function trimSuffix(s: string, suffix: string): string {
  return s.endsWith(suffix) ? s.slice(0, -suffix.length) : s;
}

/** jsonpb text of a message with the given indent (no trailing newline). */
export function jsonpb(schema: ProtoSchema, m: PMsg, indent: string): string {
  const w = new Writer(schema, indent);
  w.message(m, '', '');
  return w.text();
}
