// Go's encoding/json for the Go value model: sorted map keys, Go float formatting, HTML escaping,
// MarshalIndent layout; parsing yields float64 numbers and map[string]interface{} objects.
import { GoError } from '../func-types.js';
import { formatFloat } from '../numbers.js';
import { GO_TYPE, kindOf, mapGet, NO_VALUE, sliceOf, sortedKeys, typeName, unwrapTyped } from '../values.js';

export interface JsonOptions {
  html?: boolean;
  indent?: string;
  must?: boolean;
}

export function jsonFloat(f: number): string {
  if (!Number.isFinite(f)) throw new GoError(`json: unsupported value: ${formatFloat(f, 'g', -1)}`);
  const abs = Math.abs(f);
  let fmt = 'f';
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) fmt = 'e';
  let s = formatFloat(f, fmt, -1);
  if (fmt === 'e') s = s.replace(/e([+-])0(\d)$/, 'e$1$2');
  return s;
}

export function jsonString(s: string, html: boolean): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c < 0x20) {
      if (ch === '\n') out += '\\n';
      else if (ch === '\r') out += '\\r';
      else if (ch === '\t') out += '\\t';
      else if (ch === '\b') out += '\\b';
      else if (ch === '\f') out += '\\f';
      else out += `\\u00${c.toString(16).padStart(2, '0')}`;
    } else if (html && (ch === '<' || ch === '>' || ch === '&')) out += `\\u00${c.toString(16)}`;
    else if (c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16)}`;
    else if (c >= 0xd800 && c < 0xe000) out += '\ufffd';
    else out += ch;
  }
  return `${out}"`;
}

function enc(v: unknown, o: JsonOptions, depth: string): string {
  if (v === null || v === undefined || v === NO_VALUE) return 'null';
  const raw = unwrapTyped(v);
  const nl = o.indent ? `\n${depth}${o.indent}` : '';
  const close = o.indent ? `\n${depth}` : '';
  const sep = o.indent ? ': ' : ':';
  switch (kindOf(v)) {
    case 'bool':
      return String(raw);
    case 'int':
    case 'uint':
      return String(raw);
    case 'float':
      return jsonFloat(raw as number);
    case 'string':
      return jsonString(raw as string, !!o.html);
    case 'slice': {
      if (raw instanceof Uint8Array) return `"${Buffer.from(raw).toString('base64')}"`;
      const items = sliceOf(v);
      if (items.length === 0) return '[]';
      return `[${items.map((x) => nl + enc(x, o, depth + (o.indent ?? ''))).join(',')}${close}]`;
    }
    case 'map': {
      const keys = sortedKeys(raw);
      if (keys.length === 0) return '{}';
      return `{${keys
        .map(
          (k) => `${nl}${jsonString(k, !!o.html)}${sep}${enc(mapGet(raw, k), o, depth + (o.indent ?? ''))}`,
        )
        .join(',')}${close}}`;
    }
    case 'func':
      throw new GoError(`json: unsupported type: ${typeName(v)}`);
    case 'nil':
      return 'null';
    default: {
      const obj = raw as Record<string, unknown>;
      if (typeof (obj as any).toJSON === 'function') return enc((obj as any).toJSON(), o, depth);
      const keys = Object.keys(obj).filter((k) => typeof obj[k] !== 'function' && k !== (GO_TYPE as any));
      if (keys.length === 0) return '{}';
      return `{${keys.map((k) => `${nl}${jsonString(k, !!o.html)}${sep}${enc(obj[k], o, depth + (o.indent ?? ''))}`).join(',')}${close}}`;
    }
  }
}

export const goJson = {
  /** json.Marshal(v) (or MarshalIndent); returns null on error unless `must` (then throws). */
  stringify(v: unknown, o: JsonOptions = {}): string | null {
    try {
      return enc(v, o, '');
    } catch (e) {
      if (o.must) throw e;
      return null;
    }
  },
  /** json.Unmarshal into interface{}; throws GoError with Go's message shape on bad input. */
  parse(s: string): unknown {
    try {
      return JSON.parse(s, (_k, val) => val);
    } catch {
      throw new GoError(goJsonError(s));
    }
  },
};

function goJsonError(s: string): string {
  const t = s.trim();
  if (t === '') return 'unexpected end of JSON input';
  const first = t[0]!;
  if (!'{["-0123456789tfn'.includes(first))
    return `invalid character '${first}' looking for beginning of value`;
  return 'unexpected end of JSON input';
}
