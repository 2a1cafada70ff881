// A minimal protobuf codec of our own for the few xDS messages istioctl exchanges with istiod:
// DiscoveryRequest/DiscoveryResponse, Node (with its Struct metadata), Any, ControlPlane,
// ClientConfig and GenericXdsConfig. Decoding yields protojson-shaped objects (lowerCamelCase,
// enum names, RFC 3339 timestamps) in field declaration order, ready for the JSON writers.

type Json = Record<string, unknown>;

// ---- wire writer ----

class Writer {
  private readonly parts: Uint8Array[] = [];
  private len = 0;

  private push(b: Uint8Array): void {
    this.parts.push(b);
    this.len += b.length;
  }

  varint(v: number | bigint): void {
    let n = BigInt.asUintN(64, BigInt(v));
    const bytes: number[] = [];
    do {
      let b = Number(n & 0x7fn);
      n >>= 7n;
      if (n > 0n) b |= 0x80;
      bytes.push(b);
    } while (n > 0n);
    this.push(Uint8Array.from(bytes));
  }

  tag(field: number, wire: number): void {
    this.varint((field << 3) | wire);
  }

  bytes(field: number, b: Uint8Array): void {
    this.tag(field, 2);
    this.varint(b.length);
    this.push(b);
  }

  string(field: number, s: string | undefined): void {
    if (s) this.bytes(field, Buffer.from(s, 'utf8'));
  }

  message(field: number, w: Writer): void {
    this.bytes(field, w.finish());
  }

  uint(field: number, v: number | undefined): void {
    if (v) {
      this.tag(field, 0);
      this.varint(v);
    }
  }

  double(field: number, v: number): void {
    this.tag(field, 1);
    const b = Buffer.alloc(8);
    b.writeDoubleLE(v);
    this.push(b);
  }

  finish(): Uint8Array {
    return Buffer.concat(this.parts, this.len);
  }
}

// ---- wire reader ----

interface Field {
  no: number;
  wire: number;
  /** varint / fixed value */
  num?: bigint;
  /** length-delimited payload */
  data?: Buffer;
}

export class ProtoError extends Error {}

function* fields(buf: Buffer): Generator<Field> {
  let pos = 0;
  const varint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (pos >= buf.length) throw new ProtoError('truncated varint');
      const b = buf[pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 70n) throw new ProtoError('varint too long');
    }
  };
  while (pos < buf.length) {
    const key = Number(varint());
    const no = key >>> 3;
    const wire = key & 7;
    if (wire === 0) yield { no, wire, num: varint() };
    else if (wire === 1) {
      if (pos + 8 > buf.length) throw new ProtoError('truncated fixed64');
      yield { no, wire, num: buf.readBigUInt64LE(pos), data: buf.subarray(pos, pos + 8) };
      pos += 8;
    } else if (wire === 2) {
      const n = Number(varint());
      if (pos + n > buf.length) throw new ProtoError('truncated length-delimited field');
      yield { no, wire, data: buf.subarray(pos, pos + n) };
      pos += n;
    } else if (wire === 5) {
      if (pos + 4 > buf.length) throw new ProtoError('truncated fixed32');
      yield { no, wire, num: BigInt(buf.readUInt32LE(pos)), data: buf.subarray(pos, pos + 4) };
      pos += 4;
    } else throw new ProtoError(`unsupported wire type ${wire}`);
  }
}

const text = (f: Field) => (f.data ?? Buffer.alloc(0)).toString('utf8');

// ---- google.protobuf.Struct / Value ----

export function encodeStruct(s: Json): Writer {
  const w = new Writer();
  for (const [k, v] of Object.entries(s)) {
    const entry = new Writer();
    entry.string(1, k);
    entry.message(2, encodeValue(v));
    w.message(1, entry);
  }
  return w;
}

function encodeValue(v: unknown): Writer {
  const w = new Writer();
  if (v === null || v === undefined) {
    w.tag(1, 0);
    w.varint(0);
  } else if (typeof v === 'number') w.double(2, v);
  else if (typeof v === 'string') w.bytes(3, Buffer.from(v, 'utf8'));
  else if (typeof v === 'boolean') {
    w.tag(4, 0);
    w.varint(v ? 1 : 0);
  } else if (Array.isArray(v)) {
    const list = new Writer();
    for (const item of v) list.message(1, encodeValue(item));
    w.message(6, list);
  } else w.message(5, encodeStruct(v as Json));
  return w;
}

export function decodeStruct(buf: Buffer): Json {
  const out: Json = {};
  for (const f of fields(buf)) {
    if (f.no !== 1 || !f.data) continue;
    let key = '';
    let value: unknown = null;
    for (const e of fields(f.data)) {
      if (e.no === 1) key = text(e);
      else if (e.no === 2 && e.data) value = decodeValue(e.data);
    }
    out[key] = value;
  }
  return out;
}

function decodeValue(buf: Buffer): unknown {
  let v: unknown = null;
  for (const f of fields(buf)) {
    if (f.no === 1) v = null;
    else if (f.no === 2 && f.data) v = f.data.readDoubleLE(0);
    else if (f.no === 3) v = text(f);
    else if (f.no === 4) v = f.num !== 0n;
    else if (f.no === 5 && f.data) v = decodeStruct(f.data);
    else if (f.no === 6 && f.data) {
      const list: unknown[] = [];
      for (const item of fields(f.data)) if (item.no === 1 && item.data) list.push(decodeValue(item.data));
      v = list;
    }
  }
  return v;
}

// ---- envoy.config.core.v3.Node (the fields istioctl reads or sends) ----

export interface NodeInput {
  id?: string;
  cluster?: string;
  metadata?: Json;
}

export function encodeNode(n: NodeInput): Writer {
  const w = new Writer();
  w.string(1, n.id);
  w.string(2, n.cluster);
  if (n.metadata) w.message(3, encodeStruct(n.metadata));
  return w;
}

function decodeNode(buf: Buffer): Json {
  const out: Json = {};
  for (const f of fields(buf)) {
    if (f.no === 1) out.id = text(f);
    else if (f.no === 2) out.cluster = text(f);
    else if (f.no === 3 && f.data) out.metadata = decodeStruct(f.data);
    else if (f.no === 6) out.userAgentName = text(f);
    else if (f.no === 7) out.userAgentVersion = text(f);
  }
  return out;
}

// ---- envoy.service.discovery.v3.DiscoveryRequest ----

export interface DiscoveryRequestInput {
  versionInfo?: string;
  node?: NodeInput;
  resourceNames?: string[];
  typeUrl: string;
  responseNonce?: string;
}

export function encodeDiscoveryRequest(r: DiscoveryRequestInput): Buffer {
  const w = new Writer();
  w.string(1, r.versionInfo);
  if (r.node) w.message(2, encodeNode(r.node));
  for (const n of r.resourceNames ?? []) w.bytes(3, Buffer.from(n, 'utf8'));
  w.string(4, r.typeUrl);
  w.string(5, r.responseNonce);
  return Buffer.from(w.finish());
}

export function decodeDiscoveryRequest(buf: Buffer): Json {
  const out: Json = {};
  const names: string[] = [];
  for (const f of fields(buf)) {
    if (f.no === 1) out.versionInfo = text(f);
    else if (f.no === 2 && f.data) out.node = decodeNode(f.data);
    else if (f.no === 3) names.push(text(f));
    else if (f.no === 4) out.typeUrl = text(f);
    else if (f.no === 5) out.responseNonce = text(f);
  }
  if (names.length) out.resourceNames = names;
  return out;
}

// ---- envoy.service.status.v3.ClientConfig ----

const CONFIG_STATUS = ['UNKNOWN', 'SYNCED', 'NOT_SENT', 'STALE', 'ERROR'];
const CLIENT_STATUS = [
  'UNKNOWN',
  'REQUESTED',
  'DOES_NOT_EXIST',
  'ACKED',
  'NACKED',
  'RECEIVED_ERROR',
  'TIMEOUT',
];

function enumName(names: string[], v: bigint | undefined): string | number {
  const n = Number(v ?? 0n);
  return names[n] ?? n;
}

/** protojson's Timestamp: RFC 3339 in UTC with 0, 3, 6 or 9 fractional digits. */
export function timestampText(seconds: bigint, nanos: number): string {
  const base = new Date(Number(seconds) * 1000).toISOString().replace(/\.\d{3}Z$/, '');
  if (nanos === 0) return `${base}Z`;
  let frac = String(nanos).padStart(9, '0');
  if (frac.endsWith('000000')) frac = frac.slice(0, 3);
  else if (frac.endsWith('000')) frac = frac.slice(0, 6);
  return `${base}.${frac}Z`;
}

function decodeTimestamp(buf: Buffer): string {
  let seconds = 0n;
  let nanos = 0;
  for (const f of fields(buf)) {
    if (f.no === 1) seconds = BigInt.asIntN(64, f.num ?? 0n);
    else if (f.no === 2) nanos = Number(BigInt.asIntN(32, f.num ?? 0n));
  }
  return timestampText(seconds, nanos);
}

function decodeAnyHeader(buf: Buffer): Json {
  for (const f of fields(buf)) if (f.no === 1) return { '@type': text(f) };
  return {};
}

function decodeGenericXdsConfig(buf: Buffer): Json {
  const out: Json = {};
  for (const f of fields(buf)) {
    if (f.no === 1) out.typeUrl = text(f);
    else if (f.no === 2) out.name = text(f);
    else if (f.no === 3) out.versionInfo = text(f);
    else if (f.no === 4 && f.data) out.xdsConfig = decodeAnyHeader(f.data);
    else if (f.no === 5 && f.data) out.lastUpdated = decodeTimestamp(f.data);
    else if (f.no === 6) out.configStatus = enumName(CONFIG_STATUS, f.num);
    else if (f.no === 7) out.clientStatus = enumName(CLIENT_STATUS, f.num);
    else if (f.no === 9) out.isStaticResource = f.num !== 0n;
  }
  // protojson leaves out proto3 defaults.
  if (out.configStatus === 'UNKNOWN') delete out.configStatus;
  if (out.clientStatus === 'UNKNOWN') delete out.clientStatus;
  if (out.isStaticResource === false) delete out.isStaticResource;
  return out;
}

const PER_XDS_KIND: Record<number, string> = {
  2: 'listenerConfig',
  3: 'clusterConfig',
  4: 'routeConfig',
  5: 'scopedRouteConfig',
  6: 'endpointConfig',
};

function decodePerXdsConfig(buf: Buffer): Json {
  const out: Json = {};
  for (const f of fields(buf)) {
    if (f.no === 1) {
      const s = enumName(CONFIG_STATUS, f.num);
      if (s !== 'UNKNOWN') out.status = s;
    } else if (PER_XDS_KIND[f.no]) out[PER_XDS_KIND[f.no]!] = {};
  }
  return out;
}

export const CLIENT_CONFIG_TYPE = 'type.googleapis.com/envoy.service.status.v3.ClientConfig';

export function decodeClientConfig(buf: Buffer): Json {
  const out: Json = { '@type': CLIENT_CONFIG_TYPE };
  const legacy: Json[] = [];
  const generic: Json[] = [];
  for (const f of fields(buf)) {
    if (f.no === 1 && f.data) out.node = decodeNode(f.data);
    else if (f.no === 2 && f.data) legacy.push(decodePerXdsConfig(f.data));
    else if (f.no === 3 && f.data) generic.push(decodeGenericXdsConfig(f.data));
    else if (f.no === 4) out.clientScope = text(f);
  }
  if (legacy.length) out.xdsConfig = legacy;
  if (generic.length) out.genericXdsConfigs = generic;
  if (out.clientScope === '') delete out.clientScope;
  return out;
}

// ---- envoy.service.discovery.v3.DiscoveryResponse ----

export function decodeDiscoveryResponse(buf: Buffer): Json {
  const out: Json = {};
  const resources: Json[] = [];
  for (const f of fields(buf)) {
    if (f.no === 1) out.versionInfo = text(f);
    else if (f.no === 2 && f.data) {
      let typeUrl = '';
      let value: Buffer = Buffer.alloc(0);
      for (const a of fields(f.data)) {
        if (a.no === 1) typeUrl = text(a);
        else if (a.no === 2 && a.data) value = a.data;
      }
      resources.push(typeUrl === CLIENT_CONFIG_TYPE ? decodeClientConfig(value) : { '@type': typeUrl });
    } else if (f.no === 3) out.canary = f.num !== 0n;
    else if (f.no === 4) out.typeUrl = text(f);
    else if (f.no === 5) out.nonce = text(f);
    else if (f.no === 6 && f.data) {
      const cp: Json = {};
      for (const c of fields(f.data)) if (c.no === 1) cp.identifier = text(c);
      out.controlPlane = cp;
    }
  }
  const ordered: Json = {};
  if (out.versionInfo) ordered.versionInfo = out.versionInfo;
  if (resources.length) ordered.resources = resources;
  if (out.canary) ordered.canary = true;
  if (out.typeUrl) ordered.typeUrl = out.typeUrl;
  if (out.nonce) ordered.nonce = out.nonce;
  if (out.controlPlane && Object.keys(out.controlPlane as Json).length)
    ordered.controlPlane = out.controlPlane;
  return ordered;
}

/** The resources of a DiscoveryResponse as raw Anys (debug config dumps are typed payloads). */
export interface RawResource {
  typeUrl: string;
  value: Buffer;
}

export function decodeRawResources(buf: Buffer): RawResource[] {
  const out: RawResource[] = [];
  for (const f of fields(buf)) {
    if (f.no !== 2 || !f.data) continue;
    const r: RawResource = { typeUrl: '', value: Buffer.alloc(0) };
    for (const a of fields(f.data)) {
      if (a.no === 1) r.typeUrl = text(a);
      else if (a.no === 2 && a.data) r.value = a.data;
    }
    out.push(r);
  }
  return out;
}
