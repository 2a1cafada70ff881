// Helm's additions to the Sprig map (pkg/engine/funcs.go): YAML/JSON/TOML converters and the lookup
// placeholder; include/tpl/required/fail are bound per render in chart.ts.
import { def, type FuncMap } from '../func-types.js';
import { formatFloat } from '../numbers.js';
import { kindOf, mapGet, NO_VALUE, sliceOf, sortedKeys, unwrapTyped } from '../values.js';
import { goJson, jsonString } from './json.js';
import { parseToml } from './toml.js';
import { toYamlString } from './yaml.js';
import { yamlToGo } from './yaml-read.js';

export { yamlToGo };

function yamlError(e: unknown): string {
  return `error converting YAML to JSON: yaml: ${(e as Error).message.split('\n')[0]}`;
}

function tomlString(s: string): string {
  return jsonString(s, false).replace(/\\u00([0-9a-f]{2})/g, (_m, h: string) => `\\u00${h.toUpperCase()}`);
}

function tomlValue(v: unknown): string {
  const raw = unwrapTyped(v);
  switch (kindOf(v)) {
    case 'string':
      return tomlString(raw as string);
    case 'int':
    case 'uint':
      return String(raw);
    case 'float': {
      const f = raw as number;
      if (Number.isNaN(f)) return 'nan';
      if (!Number.isFinite(f)) return f > 0 ? 'inf' : '-inf';
      const s = formatFloat(f, 'f', -1);
      return Number.isInteger(f) && !s.includes('e') ? `${s}.0` : s;
    }
    case 'bool':
      return String(raw);
    case 'slice':
      return `[${sliceOf(v).map(tomlValue).join(', ')}]`;
    case 'map':
      return `{${sortedKeys(raw)
        .map((k) => `${tomlKey(k)} = ${tomlValue(mapGet(raw, k))}`)
        .join(', ')}}`;
  }
  return '""';
}

const tomlKey = (k: string) => (/^[A-Za-z0-9_-]+$/.test(k) ? k : tomlString(k));

function toToml(v: unknown): string {
  const out: string[] = [];
  const isTable = (x: unknown) => kindOf(x) === 'map';
  const isTableArray = (x: unknown) =>
    kindOf(x) === 'slice' && sliceOf(x).length > 0 && sliceOf(x).every(isTable);
  const table = (m: unknown, path: string[], indent: string) => {
    const raw = unwrapTyped(m);
    const keys = sortedKeys(raw);
    for (const k of keys) {
      const x = mapGet(raw, k);
      if (x === null || x === NO_VALUE || isTable(x) || isTableArray(x)) continue;
      out.push(`${indent}${tomlKey(k)} = ${tomlValue(x)}`);
    }
    for (const k of keys) {
      const x = mapGet(raw, k);
      if (isTable(x)) {
        const p = [...path, k];
        if (out.length && p.length === 1) out.push('');
        out.push(`${indent}[${p.map(tomlKey).join('.')}]`);
        table(x, p, `${indent}  `);
      } else if (isTableArray(x)) {
        const p = [...path, k];
        for (const item of sliceOf(x)) {
          if (out.length) out.push('');
          out.push(`${indent}[[${p.map(tomlKey).join('.')}]]`);
          table(item, p, `${indent}  `);
        }
      }
    }
  };
  if (kindOf(v) !== 'map') return 'toml: top-level values must be Go maps or structs';
  table(v, [], '');
  return out.length ? `${out.join('\n')}\n` : '';
}

export function helmFuncs(): FuncMap {
  return {
    toYaml: def(['any'], (v: unknown) => {
      try {
        return toYamlString(v).replace(/\n$/, '');
      } catch {
        return '';
      }
    }),
    toYamlPretty: def(['any'], (v: unknown) => {
      try {
        return toYamlString(v, true).replace(/\n$/, '');
      } catch {
        return '';
      }
    }),
    fromYaml: def(['string'], (s: string) => {
      try {
        const v = yamlToGo(s);
        if (v === null) return {};
        if (kindOf(v) !== 'map')
          return {
            Error: `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v === 'string' ? 'string' : 'number'} into Go value of type map[string]interface {}`,
          };
        return v;
      } catch (e) {
        return { Error: yamlError(e) };
      }
    }),
    fromYamlArray: def(['string'], (s: string) => {
      try {
        const v = yamlToGo(s);
        if (v === null) return [];
        if (!Array.isArray(v))
          return [
            `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${kindOf(v) === 'map' ? 'object' : typeof v === 'string' ? 'string' : 'number'} into Go value of type []interface {}`,
          ];
        return v;
      } catch (e) {
        return [yamlError(e)];
      }
    }),
    toJson: def(['any'], (v: unknown) => goJson.stringify(v, { html: true }) ?? ''),
    mustToJson: def(['any'], (v: unknown) => goJson.stringify(v, { html: true, must: true })),
    fromJson: def(['string'], (s: string) => {
      try {
        const v = goJson.parse(s);
        if (kindOf(v) !== 'map')
          return {
            Error: `json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v} into Go value of type map[string]interface {}`,
          };
        return v;
      } catch (e) {
        return { Error: (e as Error).message };
      }
    }),
    fromJsonArray: def(['string'], (s: string) => {
      try {
        const v = goJson.parse(s);
        if (!Array.isArray(v))
          return [
            `json: cannot unmarshal ${kindOf(v) === 'map' ? 'object' : typeof v} into Go value of type []interface {}`,
          ];
        return v;
      } catch (e) {
        return [(e as Error).message];
      }
    }),
    toToml: def(['any'], toToml),
    fromToml: def(['string'], (s: string) => {
      try {
        return parseToml(s);
      } catch (e) {
        return { Error: (e as Error).message };
      }
    }),
    lookup: def(['string', 'string', 'string', 'string'], () => ({})),
    getHostByName: def(['string'], () => ''),
  };
}
