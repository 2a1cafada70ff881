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
const FORMAT = 2;

export interface CachedDocument {
  /** JSON.stringify of the object the document reads as. */
  json: string;
  /** goYamlMarshal of that object. */
  yaml: string;
}

export interface DocumentCache {
  get(text: string): CachedDocument | undefined;
}

/** The cache from its file's text; undefined when the text is not a cache this code writes. */
export function readDocumentCache(fileText: string): DocumentCache | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fileText);
  } catch {
    return undefined;
  }
  const p = parsed as { format?: unknown; docs?: unknown };
  if (p?.format !== FORMAT || typeof p.docs !== 'object' || p.docs === null) return undefined;
  const docs = p.docs as Record<string, [string, string]>;
  return {
    get(text) {
      const e = Object.hasOwn(docs, text) ? docs[text] : undefined;
      return e ? { json: e[0], yaml: e[1] } : undefined;
    },
  };
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
  const docs: Record<string, [string, string]> = {};
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
    docs[text] = [json, marshal(v)];
  }
  const sorted = Object.fromEntries(Object.entries(docs).sort(([a], [b]) => (a < b ? -1 : 1)));
  return `${JSON.stringify({ format: FORMAT, docs: sorted })}\n`;
}

/** Objects read from the cache, with the entry they came from (for writing them back unchanged). */
const origin = new WeakMap<object, CachedDocument>();

/** A fresh object for a cached document, remembered for cachedYaml. */
export function objectFromCache(entry: CachedDocument): Tree {
  const obj = JSON.parse(entry.json) as Tree;
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
  try {
    json = JSON.stringify(obj);
  } catch {
    return undefined;
  }
  return json === entry.json && exactJson(obj) ? entry.yaml : undefined;
}
