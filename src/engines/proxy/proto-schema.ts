// The protobuf schema of the Envoy/Istio messages a config dump holds (schemas/envoy-proto.json,
// generated from the Go descriptors istioctl links): fields in declaration order, with what the
// JSON printer needs (kind, list/map, presence, oneof, type, JSON name).

/** protoreflect.Kind numbers. */
export const Kind = {
  double: 1,
  float: 2,
  int64: 3,
  uint64: 4,
  int32: 5,
  fixed64: 6,
  fixed32: 7,
  bool: 8,
  string: 9,
  group: 10,
  message: 11,
  bytes: 12,
  uint32: 13,
  enum: 14,
  sfixed32: 15,
  sfixed64: 16,
  sint32: 17,
  sint64: 18,
} as const;

export interface FieldDef {
  name: string;
  json: string;
  no: number;
  kind: number;
  list: boolean;
  map: boolean;
  presence: boolean;
  /** Index of the containing oneof (synthetic ones for proto3 optional included), or -1. */
  oneof: number;
  /** Message or enum full name. */
  type: string;
}

export interface MessageDef {
  name: string;
  fields: FieldDef[];
  byNo: Map<number, FieldDef>;
  byName: Map<string, FieldDef>;
}

type RawField = [string, number, number, number, number, string, string?];
export interface RawSchema {
  messages: Record<string, RawField[]>;
  enums: Record<string, Record<string, string>>;
}

function camel(s: string): string {
  return s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()).replace(/_/g, '');
}

export class ProtoSchema {
  private readonly cache = new Map<string, MessageDef>();
  private readonly enumNumbers = new Map<string, Map<string, number>>();

  constructor(private readonly raw: RawSchema) {}

  message(name: string): MessageDef | undefined {
    const hit = this.cache.get(name);
    if (hit) return hit;
    const raw = this.raw.messages[name];
    if (!raw) return undefined;
    const fields = raw.map(
      ([fname, no, kind, flags, oneof, type, json]): FieldDef => ({
        name: fname,
        json: json ?? camel(fname),
        no,
        kind,
        list: (flags & 1) !== 0,
        map: (flags & 2) !== 0,
        presence: (flags & 4) !== 0,
        oneof,
        type,
      }),
    );
    const def: MessageDef = {
      name,
      fields,
      byNo: new Map(fields.map((f) => [f.no, f])),
      byName: new Map(fields.flatMap((f) => [[f.json, f] as const, [f.name, f] as const])),
    };
    this.cache.set(name, def);
    return def;
  }

  /** The message named by an Any type URL (text after the last '/'). */
  messageByUrl(url: string): MessageDef | undefined {
    return this.message(url.slice(url.lastIndexOf('/') + 1));
  }

  enumName(type: string, n: number): string | undefined {
    return this.raw.enums[type]?.[String(n)];
  }

  enumNumber(type: string, name: string): number | undefined {
    let m = this.enumNumbers.get(type);
    if (!m) {
      m = new Map(Object.entries(this.raw.enums[type] ?? {}).map(([n, v]) => [v, Number(n)]));
      this.enumNumbers.set(type, m);
    }
    return m.get(name);
  }
}
