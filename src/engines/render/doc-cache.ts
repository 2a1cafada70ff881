// Precomputed documents for the static YAML our charts carry (mostly the CRDs in base/files/): for
// each document text, the object js-yaml reads (as JSON) and the text sigs.k8s.io/yaml writes for it.
// Reading and writing those CRDs cold costs more than rendering every chart, so `npm run build`
// computes them once (scripts/build-render-cache.mjs) with the same functions used at run time.
// Entries are keyed by a hash of the exact document text, so an edited chart or a user's chart
// (-d) simply misses; an object that post-processing changed is written afresh.
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { isMap, type Tree } from '../../model/iop/tree.js';

/** Where `npm run build` writes the cache, relative to the package root. */
export const DOC_CACHE_PATH = 'dist/render-doc-cache.json';
const FORMAT = 1;

export interface CachedDocument {
  /** JSON.stringify of the object the document reads as. */
  json: string;
  /** goYamlMarshal of that object. */
  yaml: string;
}

export interface DocumentCache {
  get(text: string): CachedDocument | undefined;
}

const docKey = (text: string) => createHash('sha256').update(text).digest('base64');

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
      const key = docKey(text);
      const e = Object.hasOwn(docs, key) ? docs[key] : undefined;
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
    docs[docKey(text)] = [json, marshal(v)];
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
 * Throws on anything JSON would carry differently from how the YAML writer prints it: NaN, ±Infinity,
 * -0, and values other than plain objects, arrays, strings, finite numbers, booleans and null
 * (a Date or a typed value would JSON-print like a string). Looks at the holder's raw value, before toJSON.
 */
function exactJson(this: Record<string, unknown>, key: string, v: unknown): unknown {
  const raw = this[key];
  switch (typeof raw) {
    case 'number':
      if (!Number.isFinite(raw) || Object.is(raw, -0)) throw new RangeError('inexact');
      return v;
    case 'string':
    case 'boolean':
      return v;
    case 'undefined':
      if (Array.isArray(this)) throw new RangeError('inexact');
      return v;
    case 'object': {
      if (raw === null || Array.isArray(raw)) return v;
      const proto = Object.getPrototypeOf(raw);
      if (proto === Object.prototype || proto === null) return v;
      throw new RangeError('inexact');
    }
    default:
      throw new RangeError('inexact');
  }
}

/** The cached YAML for an object read from the cache, if it still equals what was read. */
export function cachedYaml(obj: Tree): string | undefined {
  const entry = origin.get(obj);
  if (!entry) return undefined;
  try {
    return JSON.stringify(obj, exactJson) === entry.json ? entry.yaml : undefined;
  } catch {
    return undefined;
  }
}
