// Precomputed documents for the static YAML our charts carry (mostly the CRDs in base/files/): for
// each document text, the object js-yaml reads (as JSON) and the text sigs.k8s.io/yaml writes for it.
// Reading and writing those CRDs cold costs more than rendering every chart, so `npm run build`
// computes them once (scripts/build-render-cache.mjs) with the same functions used at run time.
// Entries are keyed by the exact document text, so an edited chart or a user's chart (-d) simply
// misses; an object that post-processing changed is written afresh. (The text itself is the key: a
// sha256 needed node:crypto, whose loading cost more than reading the texts.)
import { isDeepStrictEqual } from 'node:util';
import { isMap, type Tree } from '../../model/iop/tree.js';

/** Where `npm run build` writes the cache, relative to the package root. */
export const DOC_CACHE_PATH = 'dist/render-doc-cache.json';
const FORMAT = 4;

export interface CachedDocument {
  /** JSON.stringify of the object the document reads as. */
  json: string;
  /** goYamlMarshal of that object. */
  yaml: string;
  /** Where the value of `spec` starts in json when `spec` is the object's last key; else 0. */
  specAt: number;
}

const SPEC_KEY = ',"spec":';

export interface DocumentCache {
  get(text: string): CachedDocument | undefined;
}

/**
 * The cache from its file's text; undefined when the text is not a cache this code writes. The file is
 * a JSON header line ({format, docs: [[text length, json length, yaml length, specAt]...]}) and then
 * each entry's text, JSON and YAML back to back: entries are slices of the file text, with no JSON.parse
 * of the ~1 MB they hold.
 */
export function readDocumentCache(fileText: string): DocumentCache | undefined {
  const nl = fileText.indexOf('\n');
  if (nl < 0) return undefined;
  let header: { format?: unknown; docs?: unknown };
  try {
    header = JSON.parse(fileText.slice(0, nl)) as typeof header;
  } catch {
    return undefined;
  }
  if (header?.format !== FORMAT || !Array.isArray(header.docs)) return undefined;
  const byText = new Map<string, CachedDocument>();
  let at = nl + 1;
  for (const d of header.docs as unknown[]) {
    if (!Array.isArray(d) || d.length !== 4 || !d.every((n) => Number.isSafeInteger(n) && n >= 0))
      return undefined;
    const [textLen, jsonLen, yamlLen, specAt] = d as [number, number, number, number];
    const take = (n: number) => {
      at += n;
      return fileText.slice(at - n, at);
    };
    const text = take(textLen);
    const json = take(jsonLen);
    byText.set(text, { json, yaml: take(yamlLen), specAt });
  }
  if (at !== fileText.length) return undefined;
  return { get: (text) => byText.get(text) };
}

/**
 * The documents of static YAML files (a chart's files/*.yaml), each trimmed: the texts a template that
 * emits them `| trim` after a `---` line yields once the rendered output is split into documents.
 */
export function staticDocumentTexts(fileTexts: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const t of fileTexts) {
    for (const doc of t.split(/^---\s*$/m)) if (doc.trim() !== '') out.add(doc.trim());
  }
  return [...out];
}

/**
 * The cache file's text for the given document texts, read with `load` and written with `marshal`.
 * Only documents that read as a kind-bearing map which JSON carries exactly (no dates, NaN, -0...)
 * are kept; the output is sorted, so the same inputs give the same bytes.
 */
export function buildDocumentCache(
  texts: Iterable<string>,
  load: (text: string) => unknown,
  marshal: (v: unknown) => string,
): string {
  const docs: Record<string, [string, string, number]> = {};
  for (const text of texts) {
    let v: unknown;
    try {
      v = load(text);
    } catch {
      continue;
    }
    if (!isMap(v) || typeof v.kind !== 'string' || v.kind === '') continue;
    const json = JSON.stringify(v);
    if (!isDeepStrictEqual(JSON.parse(json), v)) continue;
    docs[text] = [json, marshal(v), specStart(v, json)];
  }
  const sorted = Object.entries(docs).sort(([a], [b]) => (a < b ? -1 : 1));
  const header = sorted.map(([text, [json, yaml, specAt]]) => [
    text.length,
    json.length,
    yaml.length,
    specAt,
  ]);
  const body = sorted.map(([text, [json, yaml]]) => text + json + yaml).join('');
  return `${JSON.stringify({ format: FORMAT, docs: header })}\n${body}`;
}

/** Where `spec` starts in json, when it is the last key and json is the head's JSON plus it; else 0. */
function specStart(v: Tree, json: string): number {
  const keys = Object.keys(v);
  if (keys.length < 2 || keys[keys.length - 1] !== 'spec') return 0;
  const { spec, ...head } = v;
  const headJson = JSON.stringify(head);
  const at = headJson.length - 1 + SPEC_KEY.length;
  return `${headJson.slice(0, -1)}${SPEC_KEY}${JSON.stringify(spec)}}` === json ? at : 0;
}

/** Objects read from the cache, with the entry they came from (for writing them back unchanged). */
const origin = new WeakMap<object, CachedDocument>();
/** The accessor standing for a cached object's `spec` until something reads or replaces it. */
const unreadSpec = new WeakMap<object, () => unknown>();

/**
 * A fresh object for a cached document, remembered for cachedYaml. A CRD is mostly `spec`, which
 * manifest generate never reads: it stays JSON text until first read (or assignment), and then
 * becomes a plain data property, so every reader sees an ordinary object.
 */
export function objectFromCache(entry: CachedDocument): Tree {
  if (entry.specAt === 0) {
    const obj = JSON.parse(entry.json) as Tree;
    origin.set(obj, entry);
    return obj;
  }
  const obj = JSON.parse(`${entry.json.slice(0, entry.specAt - SPEC_KEY.length)}}`) as Tree;
  const settle = (value: unknown) =>
    Object.defineProperty(obj, 'spec', { value, writable: true, enumerable: true, configurable: true });
  const get = () => {
    const spec = JSON.parse(entry.json.slice(entry.specAt, -1)) as unknown;
    settle(spec);
    return spec;
  };
  Object.defineProperty(obj, 'spec', { get, set: settle, enumerable: true, configurable: true });
  unreadSpec.set(obj, get);
  origin.set(obj, entry);
  return obj;
}

/**
 * True when every value below `v` is one JSON carries exactly as the YAML writer prints it: plain
 * objects, arrays without holes or undefined, strings, booleans, null and finite numbers other than
 * -0. JSON.stringify equal to the cached text then means the YAML is the cached YAML: what JSON
 * prints alike but the writer does not (NaN and null, a Date and its string, a function that JSON
 * drops, an object with toJSON) is all ruled out here. A plain walk, because a JSON.stringify
 * replacer costs a call from the serializer into JavaScript for every value.
 */
function exactJson(v: unknown): boolean {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(v) && !(v === 0 && 1 / v < 0);
    case 'object': {
      if (v === null) return true;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          const x: unknown = v[i];
          if (x === undefined || !exactJson(x)) return false;
        }
        return true;
      }
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) return false;
      const o = v as Record<string, unknown>;
      for (const k in o) {
        const x = o[k];
        // An undefined property is left out by JSON and by the writer alike.
        if (x !== undefined && !exactJson(x)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/** The cached YAML for an object read from the cache, if it still equals what was read. */
export function cachedYaml(obj: Tree): string | undefined {
  const entry = origin.get(obj);
  if (!entry) return undefined;
  let json: string;
  let expected = entry.json;
  let value: unknown = obj;
  try {
    const lazy = unreadSpec.get(obj);
    if (lazy && Object.getOwnPropertyDescriptor(obj, 'spec')?.get === lazy) {
      // `spec` is still the text it was read from: compare the rest (the writer sorts keys, so
      // where `spec` sits among them does not matter).
      const head: Record<string, unknown> = {};
      for (const k of Object.keys(obj)) if (k !== 'spec') head[k] = obj[k];
      value = head;
      expected = `${entry.json.slice(0, entry.specAt - SPEC_KEY.length)}}`;
    }
    json = JSON.stringify(value);
  } catch {
    return undefined;
  }
  return json === expected && exactJson(value) ? entry.yaml : undefined;
}
