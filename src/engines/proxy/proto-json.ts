// JSON/YAML output of Envoy objects the way istioctl prints them: protojson field names
// (lowerCamelCase), re-indented by Go's encoding/json (4 spaces, HTML-safe escapes), and YAML
// through sigs.k8s.io/yaml. Envoy's dump spells fields in snake_case; map keys and
// google.protobuf.Struct contents are data, so they keep their spelling.
import { goYamlMarshal } from '../inject/go-yaml.js';
import type { Json } from './config-dump.js';

const camelCache = new Map<string, string>();
function camel(k: string): string {
  let c = camelCache.get(k);
  if (c === undefined) {
    c = k.replace(/_([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());
    camelCache.set(k, c);
  }
  return c;
}

/** Fields whose value is a map or a Struct: their keys are data, not field names. */
const OPAQUE = new Set(['filterMetadata', 'keyValues', 'labels', 'fields', 'headersToRemove']);

function isStructMetadata(parent: Json): boolean {
  // Node.metadata and BuildVersion.metadata are Structs; everywhere else `metadata` is a message.
  return (
    'version' in parent ||
    'id' in parent ||
    'user_agent_name' in parent ||
    'userAgentName' in parent ||
    'user_agent_build_version' in parent ||
    'userAgentBuildVersion' in parent
  );
}

function opaqueChild(key: string, parent: Json): boolean {
  if (OPAQUE.has(key)) return true;
  if (key === 'metadata') return isStructMetadata(parent);
  // An Any holding a Struct or TypedStruct carries its data under `value`.
  if (key === 'value' && ('@type' in parent || 'type_url' in parent || 'typeUrl' in parent)) return true;
  return false;
}

/** Maps whose values are messages: keys sorted (protojson orders map entries), values converted. */
const MESSAGE_MAPS = new Set(['typedFilterMetadata', 'typedPerFilterConfig']);

/** Struct and map data: protojson writes map entries (and so Struct fields) in key order. */
function sortedData(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortedData);
  if (v === null || typeof v !== 'object') return v;
  const src = v as Json;
  const out: Json = {};
  for (const k of Object.keys(src).sort()) out[k] = sortedData(src[k]);
  return out;
}

/** A copy of an Envoy object with protojson (lowerCamelCase) field names. */
export function toProtoJson(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(toProtoJson);
  if (v === null || typeof v !== 'object') return v;
  const src = v as Json;
  const out: Json = {};
  for (const k of Object.keys(src)) {
    const nk = k.includes('_') && k !== '@type' ? camel(k) : k;
    const child = src[k];
    if (opaqueChild(nk, src)) out[nk] = sortedData(child);
    else if (MESSAGE_MAPS.has(nk) && child !== null && typeof child === 'object' && !Array.isArray(child)) {
      const m: Json = {};
      for (const mk of Object.keys(child as Json).sort()) m[mk] = toProtoJson((child as Json)[mk]);
      out[nk] = m;
    } else if (Array.isArray(child) && child.length === 0) {
      // protojson leaves out empty repeated fields.
    } else out[nk] = toProtoJson(child);
  }
  return out;
}

const HTML_UNSAFE = /[<>&\u2028\u2029]/g;
const ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/** Go's json.MarshalIndent(v, "", indent) of already-protojson data. */
export function goJsonIndent(v: unknown, indent = '    '): string {
  const s = JSON.stringify(v, null, indent) ?? 'null';
  return s.replace(HTML_UNSAFE, (c) => ESCAPES[c]!);
}

/** istioctl's `-o json|yaml` of a list or object: indented JSON, or JSON converted to YAML, plus a newline. */
export function renderStructured(v: unknown, format: 'json' | 'yaml'): string {
  if (format === 'yaml') return `${goYamlMarshal(v)}\n`;
  return `${goJsonIndent(v)}\n`;
}

type StructKind = 'struct' | 'value';

/**
 * The text golang/protobuf's jsonpb writes with an indent (istio's protomarshal.ToJSONWithIndent):
 * ordinary messages, lists and maps indent normally, but a google.protobuf.Struct is written one
 * level deeper than its key and closed half a level in, a quirk users see in `bootstrap -o json`.
 * `v` must already carry protojson field names.
 */
export function jsonpbIndent(v: unknown, indent = '    '): string {
  const out: string[] = [];
  const q = (s: string) => JSON.stringify(s).replace(HTML_UNSAFE, (c) => ESCAPES[c]!);

  // A message at `ind`: fields at ind+indent, closing brace at ind.
  const message = (m: Json, ind: string) => {
    const keys = Object.keys(m);
    // jsonpb opens every message with a newline, even one without fields.
    out.push('{\n');
    if (keys.length === 0) {
      out.push(`\n${ind}}`);
      return;
    }
    keys.forEach((k, i) => {
      if (i > 0) out.push(',\n');
      out.push(`${ind}${indent}${q(k)}: `);
      field(k, m[k], m, ind);
    });
    out.push(`\n${ind}}`);
  };
  // A field of a message whose own indent is `ind`.
  const field = (key: string, val: unknown, parent: Json, ind: string) => {
    const kind = structKind(key, parent);
    if (kind === 'struct' && isPlainObject(val)) return structFields(val, `${ind}${indent}`);
    if (key === 'filterMetadata' && isPlainObject(val)) {
      return map(val, ind, (x, entryInd) =>
        isPlainObject(x) ? structFields(x, `${entryInd}${indent}`) : scalar(x),
      );
    }
    if (Array.isArray(val)) {
      if (val.length === 0) {
        out.push('[]');
        return;
      }
      out.push('[');
      val.forEach((item, i) => {
        if (i > 0) out.push(',');
        out.push(`\n${ind}${indent}${indent}`);
        single(item, `${ind}${indent}`);
      });
      out.push(`\n${ind}${indent}]`);
      return;
    }
    single(val, ind);
  };
  const single = (val: unknown, ind: string) => {
    if (isPlainObject(val)) message(val, `${ind}${indent}`);
    else scalar(val);
  };
  // A map field (keys sorted) of a message at `ind`; `value` writes each entry's value.
  const map = (m: Json, ind: string, value: (x: unknown, entryInd: string) => void) => {
    const keys = Object.keys(m).sort();
    if (keys.length === 0) {
      out.push(`{\n${ind}${indent}}`);
      return;
    }
    out.push('{');
    keys.forEach((k, i) => {
      if (i > 0) out.push(',');
      out.push(`\n${ind}${indent}${indent}${q(k)}: `);
      value(m[k], `${ind}${indent}`);
    });
    out.push(`\n${ind}${indent}}`);
  };
  // Struct.fields written by marshalValue at `ind` (the Struct message's own indent).
  const structFields = (s: Json, ind: string) =>
    map(s, ind, (x, entryInd) => jsonValue(x, `${entryInd}${indent}`));
  // A google.protobuf.Value message at `ind`.
  const jsonValue = (x: unknown, ind: string) => {
    if (isPlainObject(x)) structFields(x, `${ind}${indent}`);
    else if (Array.isArray(x)) {
      const inner = `${ind}${indent}`;
      if (x.length === 0) {
        out.push('[]');
        return;
      }
      out.push('[');
      x.forEach((item, i) => {
        if (i > 0) out.push(',');
        out.push(`\n${inner}${indent}${indent}`);
        jsonValue(item, `${inner}${indent}${indent}`);
      });
      out.push(`\n${inner}${indent}]`);
    } else scalar(x);
  };
  const scalar = (x: unknown) => {
    out.push(typeof x === 'string' ? q(x) : x === undefined ? 'null' : JSON.stringify(x));
  };

  if (isPlainObject(v)) message(v, '');
  else scalar(v);
  return out.join('');
}

function isPlainObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function structKind(key: string, parent: Json): StructKind | undefined {
  if (key === 'metadata' && isStructMetadata(parent)) return 'struct';
  if (key === 'value' && typeof parent['@type'] === 'string' && /(Struct)$/.test(parent['@type'] as string)) {
    return 'struct';
  }
  return undefined;
}
