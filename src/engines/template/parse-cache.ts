// Parsed templates kept from one process to the next: lexing and parsing a chart's templates costs
// more than executing them once, so `npm run build` stores the parse trees of our charts' templates
// (scripts/build-render-cache.mjs) and renderChart takes them from here instead of parsing.
// An entry is found by the template's name and used only when the text it was parsed from is
// exactly the template's text (stored alongside and compared in full) and every function the
// template calls exists in the current function map: parsing consults the function map for nothing
// else, so the stored trees are then exactly what parseTemplates would return. A file of another
// FORMAT, or one that does not read as this format, is ignored (bump FORMAT when the encoding
// changes).
//
// Reading the cache is on every manifest command's path, so the file is laid out for that: a small
// JSON header line (per template name: the functions called and where its text and trees are in
// the body), then the body, of which only the entries asked for are read. An entry's trees are one
// flat JSON array (parse-cache-codec.ts). Decoded trees are kept for the process (a chart rendered
// twice, like the gateway chart for ingress and egress, decodes once): parse trees are never
// modified once built.
import type { Tree } from './nodes.js';
import { decodeTrees, encodeTrees } from './parse-cache-codec.js';

const FORMAT = 5;

export interface ParseCache {
  /** Trees for a template, or undefined when not stored or when it calls a function not defined. */
  get(name: string, text: string, hasFunction: (n: string) => boolean): Map<string, Tree> | undefined;
}

/** Where one stored template is: the functions it calls, then spans in the body of its text and trees. */
type HeaderEntry = [
  funcs: string[],
  textStart: number,
  textEnd: number,
  treesStart: number,
  treesEnd: number,
];

/**
 * The cache file's text for the given templates, parsed with `parse` (templates it rejects are left
 * out). Sorted, so the same inputs give the same bytes.
 */
export function buildParseCache(
  templates: Iterable<{ name: string; text: string }>,
  parse: (name: string, text: string) => Map<string, Tree>,
): string {
  const stored: { name: string; text: string; funcs: string[]; data: unknown[] }[] = [];
  for (const { name, text } of templates) {
    let trees: Map<string, Tree>;
    try {
      trees = parse(name, text);
    } catch {
      continue;
    }
    if (stored.some((e) => e.name === name && e.text === text)) continue;
    // decodeTrees gives every tree the text it is asked for.
    if ([...trees.values()].some((t) => t.text !== text))
      throw new Error(`parse cache: ${name} trees of other text`);
    stored.push({ name, text, ...encodeTrees(trees) });
  }
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  stored.sort((a, b) => order(a.name, b.name) || order(a.text, b.text));
  const header: Record<string, HeaderEntry[]> = {};
  let body = '';
  for (const { name, text, funcs, data } of stored) {
    const json = JSON.stringify(data);
    const textStart = body.length;
    body += `${text}\n`;
    const treesStart = body.length;
    body += `${json}\n`;
    const spans: HeaderEntry = [
      funcs,
      textStart,
      textStart + text.length,
      treesStart,
      treesStart + json.length,
    ];
    if (Object.hasOwn(header, name)) header[name]!.push(spans);
    else header[name] = [spans];
  }
  return `${JSON.stringify({ format: FORMAT, entries: header })}\n${body}`;
}

/** The cache from its file's text; undefined when the text is not a cache this code writes. */
export function readParseCache(fileText: string): ParseCache | undefined {
  const eol = fileText.indexOf('\n');
  let parsed: { format?: unknown; entries?: unknown };
  try {
    parsed = JSON.parse(eol < 0 ? fileText : fileText.slice(0, eol));
  } catch {
    return undefined;
  }
  if (parsed?.format !== FORMAT || typeof parsed.entries !== 'object' || parsed.entries === null)
    return undefined;
  const entries = parsed.entries as Record<string, HeaderEntry[]>;
  const at = (start: number, end: number) => fileText.slice(eol + 1 + start, eol + 1 + end);
  const decoded = new Map<HeaderEntry, Map<string, Tree>>();
  const decode = (e: HeaderEntry, text: string) => {
    let trees = decoded.get(e);
    if (!trees) {
      trees = decodeTrees(JSON.parse(at(e[3], e[4])), text);
      decoded.set(e, trees);
    }
    // The caller's own map (trees are shared: they are not modified once parsed).
    return new Map(trees);
  };
  return {
    get(name, text, hasFunction) {
      if (!Object.hasOwn(entries, name)) return undefined;
      try {
        const e = entries[name]!.find((c) => c[2] - c[1] === text.length && at(c[1], c[2]) === text);
        return e?.[0].every(hasFunction) ? decode(e, text) : undefined;
      } catch {
        return undefined; // not a header this code wrote
      }
    },
  };
}
