// Parsed templates kept from one process to the next: lexing and parsing a chart's templates costs
// more than executing them once, so `npm run build` stores the parse trees of our charts' templates
// (scripts/build-render-cache.mjs) and renderChart takes them from here instead of parsing.
// An entry is keyed by a hash of the template's name and exact text, and is used only when every
// function the template calls exists in the current function map: parsing consults the function
// map for nothing else, so the stored trees are then exactly what parseTemplates would return.
import { createHash } from 'node:crypto';
import type { Node, Tree } from './nodes.js';

const FORMAT = 1;

export interface ParseCache {
  /** Trees for a template, or undefined when not stored or when it calls a function not defined. */
  get(name: string, text: string, hasFunction: (n: string) => boolean): Map<string, Tree> | undefined;
}

interface Entry {
  /** Every function name the template calls. */
  funcs: string[];
  /** JSON of the trees: node `tree` references as tree indexes, bigints as {"$bigint": "..."}. */
  trees: string;
}

const entryKey = (name: string, text: string) =>
  createHash('sha256').update(name).update('\0').update(text).digest('base64');

/** The trees as JSON (see Entry.trees) and the function names they call. */
export function encodeTrees(trees: Map<string, Tree>): Entry {
  const list = [...trees.values()];
  const index = new Map(list.map((t, i) => [t, i]));
  const funcs = new Set<string>();
  const json = JSON.stringify(
    list.map((t) => ({ name: t.name, parseName: t.parseName, root: t.root })),
    function (this: Record<string, unknown>, key: string, v: unknown) {
      if (key === 'tree' && typeof v === 'object' && v !== null && !Array.isArray(v)) {
        const i = index.get(v as Tree);
        if (i === undefined) throw new Error('node of a tree outside the set');
        return i;
      }
      if (typeof v === 'bigint') return { $bigint: v.toString() };
      if (this.kind === 'identifier' && key === 'ident' && typeof v === 'string') funcs.add(v);
      return v;
    },
  );
  return { funcs: [...funcs].sort(), trees: json };
}

/** The trees back from encodeTrees, for the template text they were parsed from. */
export function decodeTrees(encoded: string, text: string): Map<string, Tree> {
  // One walk restores both encodings (a JSON.parse reviver, called for every value, costs more).
  const raw = JSON.parse(encoded) as { name: string; parseName: string; root: Node }[];
  const trees: Tree[] = raw.map((t) => ({ name: t.name, parseName: t.parseName, text, root: null as never }));
  const bigint = (v: unknown): bigint | undefined => {
    const b = (v as { $bigint?: unknown }).$bigint;
    return typeof b === 'string' && Object.keys(v as object).length === 1 ? BigInt(b) : undefined;
  };
  const link = (o: Record<string, unknown> | unknown[]): void => {
    for (const k in o) {
      const v = (o as Record<string, unknown>)[k];
      if (typeof v === 'object' && v !== null) {
        const b = bigint(v);
        if (b !== undefined) (o as Record<string, unknown>)[k] = b;
        else link(v as Record<string, unknown>);
      } else if (k === 'tree' && typeof v === 'number' && !Array.isArray(o)) o[k] = trees[v];
    }
  };
  raw.forEach((t, i) => {
    link(t.root as unknown as Record<string, unknown>);
    trees[i]!.root = t.root as Tree['root'];
  });
  return new Map(trees.map((t) => [t.name, t]));
}

/**
 * The cache file's text for the given templates, parsed with `parse` (templates it rejects are left
 * out). Sorted, so the same inputs give the same bytes.
 */
export function buildParseCache(
  templates: Iterable<{ name: string; text: string }>,
  parse: (name: string, text: string) => Map<string, Tree>,
): string {
  const entries: Record<string, Entry> = {};
  for (const { name, text } of templates) {
    let trees: Map<string, Tree>;
    try {
      trees = parse(name, text);
    } catch {
      continue;
    }
    entries[entryKey(name, text)] = encodeTrees(trees);
  }
  const sorted = Object.fromEntries(Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : 1)));
  return `${JSON.stringify({ format: FORMAT, entries: sorted })}\n`;
}

/** The cache from its file's text; undefined when the text is not a cache this code writes. */
export function readParseCache(fileText: string): ParseCache | undefined {
  let parsed: { format?: unknown; entries?: unknown };
  try {
    parsed = JSON.parse(fileText);
  } catch {
    return undefined;
  }
  if (parsed?.format !== FORMAT || typeof parsed.entries !== 'object' || parsed.entries === null)
    return undefined;
  const entries = parsed.entries as Record<string, Entry>;
  return {
    get(name, text, hasFunction) {
      const key = entryKey(name, text);
      const e = Object.hasOwn(entries, key) ? entries[key] : undefined;
      return e?.funcs.every(hasFunction) ? decodeTrees(e.trees, text) : undefined;
    },
  };
}
