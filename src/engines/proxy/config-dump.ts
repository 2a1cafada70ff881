// Envoy's /config_dump: a list of typed sections. Envoy writes proto field names in snake_case,
// protojson readers accept lowerCamelCase too, so every accessor here reads either spelling.
// Sections of types we do not know are kept but never interpreted (upstream skips them too).
import { DataError, IstioctlError } from '../../cli/errors.js';

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

export class ConfigDump {
  /** `source` is the file the dump came from (`-f`): a missing section is then bad input (exit 65). */
  constructor(
    readonly configs: Json[],
    readonly source?: string,
  ) {}

  /** The first section of a type, or an error naming it (as upstream does). */
  section(typeUrl: string): Json {
    const s = this.configs.find((c) => c['@type'] === typeUrl);
    if (!s) {
      const msg = `config dump has no configuration type ${typeUrl}`;
      throw this.source !== undefined ? new DataError(msg, { file: this.source }) : new IstioctlError(msg);
    }
    return s;
  }

  sections(typeUrl: string): Json[] {
    return this.configs.filter((c) => c['@type'] === typeUrl);
  }
}

/** Parses config_dump JSON. Unreadable or mistyped input is a DataError (exit 65). */
export function parseConfigDump(text: string, source: string, fromFile = false): ConfigDump {
  if (text.trim() === '')
    throw new DataError('error unmarshalling config dump response from Envoy: empty input', { file: source });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new DataError(
      `error unmarshalling config dump response from Envoy: ${jsonErrorText(err, text)}`,
      jsonPosition(err, text, source),
    );
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new DataError('error unmarshalling config dump response from Envoy: not a JSON object', {
      file: source,
    });
  }
  const configs = (parsed as Json).configs;
  if (configs === undefined) return new ConfigDump([], fromFile ? source : undefined);
  if (
    !Array.isArray(configs) ||
    configs.some((c) => c === null || typeof c !== 'object' || Array.isArray(c))
  ) {
    throw new DataError(
      'error unmarshalling config dump response from Envoy: "configs" must be a list of objects',
      {
        file: source,
      },
    );
  }
  for (const [i, c] of (configs as Json[]).entries()) {
    if (typeof c['@type'] !== 'string') {
      throw new DataError(
        `error unmarshalling config dump response from Envoy: configs[${i}] has no "@type"`,
        {
          file: source,
        },
      );
    }
  }
  return new ConfigDump(configs as Json[], fromFile ? source : undefined);
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

function jsonPosition(
  err: unknown,
  text: string,
  file: string,
): { file: string; line?: number; col?: number } {
  const m = /position (\d+)/.exec(err instanceof Error ? err.message : '');
  if (!m) return { file };
  const pos = Number(m[1]);
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i !== -1 && i < pos; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { file, line, col: pos - last };
}
