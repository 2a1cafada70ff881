// Envoy's /config_dump: a list of typed sections. Envoy writes proto field names in snake_case,
// protojson readers accept lowerCamelCase too, so every accessor here reads either spelling.
// Sections of types we do not know are kept but never interpreted (upstream skips them too).
import { DataError, IstioctlError } from '../../cli/errors.js';
import { positionOf, scanConfigs } from './dump-scan.js';

export type Json = Record<string, unknown>;

const PREFIX = 'type.googleapis.com/envoy.admin.v3.';
export const SECTION = {
  bootstrap: `${PREFIX}BootstrapConfigDump`,
  clusters: `${PREFIX}ClustersConfigDump`,
  listeners: `${PREFIX}ListenersConfigDump`,
  routes: `${PREFIX}RoutesConfigDump`,
  secrets: `${PREFIX}SecretsConfigDump`,
  endpoints: `${PREFIX}EndpointsConfigDump`,
  ecds: `${PREFIX}EcdsConfigDump`,
} as const;

const snakeCache = new Map<string, string>();
function snake(camel: string): string {
  let s = snakeCache.get(camel);
  if (s === undefined) {
    s = camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    snakeCache.set(camel, s);
  }
  return s;
}

/** A proto field by its JSON (lowerCamelCase) name, accepting Envoy's snake_case spelling too. */
export function f(o: unknown, camel: string): unknown {
  if (o === null || typeof o !== 'object') return undefined;
  const r = o as Json;
  const v = r[camel];
  return v !== undefined ? v : r[snake(camel)];
}

export function obj(o: unknown, camel: string): Json | undefined {
  const v = f(o, camel);
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}

export function arr(o: unknown, camel: string): Json[] {
  const v = f(o, camel);
  return Array.isArray(v) ? (v as Json[]) : [];
}

export function str(o: unknown, camel: string): string {
  const v = f(o, camel);
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

export function num(o: unknown, camel: string): number {
  const v = f(o, camel);
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v !== '') return Number(v);
  return 0;
}

/** A google.protobuf.UInt32Value (and friends): `{value: n}` in JSON form, or a bare number. */
export function wrapped(o: unknown, camel: string): number | undefined {
  const v = f(o, camel);
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return v;
  if (typeof v === 'object') return num(v, 'value');
  return Number(v);
}

interface SectionSpan {
  // (type, start, end) come from dump-scan's structural pass.
  type: string;
  start: number;
  end: number;
  /** Already parsed (small sections are kept; large ones are parsed on each use and let go). */
  value?: Json;
}

const KEEP_PARSED_BELOW = 1 << 20;

/**
 * A loaded config dump. Sections are located by a structural scan of the bytes and parsed only
 * when a subcommand reads them, so a 50 MB dump never exists twice in memory and sections a
 * subcommand does not need are never parsed.
 */
export class ConfigDump {
  private constructor(
    private readonly bytes: Uint8Array,
    private readonly spans: SectionSpan[],
    /** `source` is the file the dump came from (`-f`): bad content there is bad input (exit 65). */
    readonly source: string | undefined,
    private readonly name: string,
  ) {}

  static fromConfigs(configs: Json[], source?: string): ConfigDump {
    const spans = configs.map((c) => ({ type: String(c['@type'] ?? ''), start: 0, end: 0, value: c }));
    return new ConfigDump(new Uint8Array(0), spans, source, source ?? 'config dump');
  }

  static fromScan(
    bytes: Uint8Array,
    spans: SectionSpan[],
    source: string | undefined,
    name: string,
  ): ConfigDump {
    return new ConfigDump(bytes, spans, source, name);
  }

  /** The dump as received. */
  raw(): Uint8Array {
    return this.bytes;
  }

  types(): string[] {
    return this.spans.map((s) => s.type);
  }

  private parse(span: SectionSpan): Json {
    if (span.value) return span.value;
    const text = Buffer.from(
      this.bytes.buffer,
      this.bytes.byteOffset + span.start,
      span.end - span.start,
    ).toString('utf8');
    let v: Json;
    try {
      v = JSON.parse(text) as Json;
    } catch (err) {
      const msg = `error unmarshalling config dump response from Envoy: ${jsonErrorText(err, text)}`;
      // Offsets inside a section are characters; for the (ASCII) JSON of Envoy that is bytes.
      const local = jsonErrorOffset(err);
      const pos = positionOf(this.bytes, span.start + (local ?? 0), this.name);
      throw this.source !== undefined ? new DataError(msg, pos) : new IstioctlError(msg);
    }
    if (span.end - span.start < KEEP_PARSED_BELOW) span.value = v;
    return v;
  }

  /** The first section of a type, or an error naming it (as upstream does). */
  section(typeUrl: string): Json {
    const s = this.spans.find((c) => c.type === typeUrl);
    if (!s) {
      const msg = `config dump has no configuration type ${typeUrl}`;
      throw this.source !== undefined ? new DataError(msg, { file: this.source }) : new IstioctlError(msg);
    }
    return this.parse(s);
  }

  sections(typeUrl: string): Json[] {
    return this.spans.filter((c) => c.type === typeUrl).map((s) => this.parse(s));
  }
}

/** Parses config_dump JSON. Unreadable or mistyped input is a DataError (exit 65) for files. */
export function parseConfigDump(input: string | Uint8Array, source: string, fromFile = false): ConfigDump {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const fail = (msg: string, offset?: number): never => {
    const text = `error unmarshalling config dump response from Envoy: ${msg}`;
    if (!fromFile) throw new IstioctlError(text);
    throw new DataError(text, offset === undefined ? { file: source } : positionOf(bytes, offset, source));
  };
  return ConfigDump.fromScan(bytes, scanConfigs(bytes, fail), fromFile ? source : undefined, source);
}

function jsonErrorText(err: unknown, text: string): string {
  const m = err instanceof Error ? err.message : String(err);
  if (/Unexpected end of JSON input/i.test(m) || /Unterminated/i.test(m))
    return 'unexpected end of JSON input (truncated?)';
  return (
    m.replace(/ in JSON at position \d+.*$/s, '').replace(/, ".*$/s, '') ||
    `invalid JSON (${text.length} bytes)`
  );
}

function jsonErrorOffset(err: unknown): number | undefined {
  const m = /position (\d+)/.exec(err instanceof Error ? err.message : '');
  return m ? Number(m[1]) : undefined;
}
