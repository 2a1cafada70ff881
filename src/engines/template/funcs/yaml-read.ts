// YAML text to Go values the way sigs.k8s.io/yaml.Unmarshal does (YAML 1.1, then JSON, so numbers
// become float64 and timestamps strings). The full YAML 1.1 reader (the `yaml` package) is slow to load
// and to warm up, and most texts (Chart.yaml, values.yaml, value profiles) are plain YAML that js-yaml's
// YAML 1.2 core schema reads to the same values an order of magnitude faster. A text with anything the
// two read differently takes the full reader; so does every error, which then carries its wording.
import { createRequire } from 'node:module';
import jsyaml from 'js-yaml';
import { readBlockYaml } from './yaml-block.js';

type YamlModule = typeof import('yaml');
const require = createRequire(import.meta.url);
let yamlModule: YamlModule | undefined;
/** Loaded on first use only (a synchronous require of the same module `import 'yaml'` gives). */
const yaml = (): YamlModule => (yamlModule ??= require('yaml') as YamlModule);

/**
 * Plain scalars YAML 1.1 reads differently from YAML 1.2 (y/yes/on/off... booleans, also as keys;
 * 0-prefixed octals, 0b binaries, underscores in numbers, `-.5`, a lone `.`; `0o17` is text there;
 * timestamps; sexagesimal numbers such as 1:20), null, empty and collection keys, merge keys, anchors, aliases, tags,
 * explicit keys, directives and document markers. Matching is generous: a false positive only
 * costs time.
 */
const NEEDS_YAML_11 = new RegExp(
  [
    String.raw`(?:^|[\s:,[{?-])(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?0[0-7_]+|[-+]?\.)\s*(?:$|[,\]}#:])`,
    String.raw`(?:^|[\s,[{?-])(?:~|null|Null|NULL)\s*:(?:\s|$)`,
    '0[bo]',
    String.raw`\d_`,
    String.raw`[-+]\.\d`,
    String.raw`\d{4}-\d\d?-\d\d?`,
    String.raw`\d:[0-5]?\d`,
    '<<',
    String.raw`[{,]\s*[{[]`,
    String.raw`^\s*(?:-\s+)*[{[].*[}\]]\s*:(?:\s|$)`,
    String.raw`[&*!%][^\s'"]`,
    String.raw`(?:^\s*(?:-\s+)*|[{[,]\s*)[?:](?:\s|$|,)`,
    String.raw`^(?:---|\.\.\.)`,
  ].join('|'),
  'm',
);

function fullRead(text: string): unknown {
  return yaml().parse(text, { version: '1.1', merge: true, uniqueKeys: false, maxAliasCount: -1 });
}

/**
 * The value of a plain YAML text that every YAML version reads alike (see NEEDS_YAML_11), read
 * quickly; undefined for anything else (the caller then uses its own full reader).
 */
export function readPlainYaml(text: string): { value: unknown } | undefined {
  return fastRead(text);
}

function fastRead(text: string): { value: unknown } | undefined {
  if (NEEDS_YAML_11.test(text)) return undefined;
  const block = readBlockYaml(text);
  if (block) return block;
  try {
    const docs = jsyaml.loadAll(text, undefined, { schema: jsyaml.CORE_SCHEMA, json: true });
    return docs.length <= 1 ? { value: docs[0] ?? null } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether yamlToGo reads the text without the full reader (for tests and benchmarks). */
export const readsFast = (text: string): boolean => fastRead(text) !== undefined;

/** YAML text to Go values the way sigs.k8s.io/yaml.Unmarshal does (numbers become float64). */
export function yamlToGo(text: string): unknown {
  const fast = fastRead(text);
  const v = fast ? fast.value : fullRead(text);
  return JSON.parse(JSON.stringify(v ?? null));
}

/** The same, always through the full YAML 1.1 reader (what the fast path must agree with). */
export function yamlToGoFull(text: string): unknown {
  return JSON.parse(JSON.stringify(fullRead(text) ?? null));
}
