// analyze's YAML reader. Upstream splits a file into documents line by line (a `---` line ends a
// document), trims each chunk and parses it on its own; the document's line is its first line that
// is neither blank nor a separator, and every field's line is that plus the field's line inside the
// trimmed chunk, minus one. Doing the same here keeps line numbers identical and the work linear in the file
// size: one pass over the lines, one small parse per document, and field lines computed only for
// the documents a message points at.
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { parseGoYamlFast } from '../engines/inject/yaml-parse.js';

export interface YamlChunk {
  /** The trimmed document text. */
  text: string;
  /** 1-based line of the document in its file. */
  line: number;
  /** 0-based index of the chunk among the file's chunks (empty ones included, as upstream counts). */
  index: number;
}

const isBlank = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12;

/** Splits a file into upstream's document chunks; empty chunks are dropped. */
export function splitChunks(text: string): YamlChunk[] {
  const out: YamlChunk[] = [];
  let lineNo = 0;
  let start = 1;
  let found = false;
  let from = -1;
  let to = -1;
  let index = 0;
  const flush = () => {
    if (from >= 0) {
      let a = from;
      let b = to;
      while (a < b && isBlank(text.charCodeAt(a))) a++;
      while (b > a && isBlank(text.charCodeAt(b - 1))) b--;
      if (b > a) out.push({ text: text.slice(a, b), line: start, index });
    }
    index++;
    from = -1;
    found = false;
  };
  let pos = 0;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    lineNo++;
    // bufio.ReadLine drops a CR before the LF
    const last = end > pos && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    const isEmpty = last === pos;
    const isSep = text.startsWith('---', pos) && text.slice(pos + 3, last).trim() === '';
    if (!found && !isEmpty && !(isSep && last - pos === 3)) {
      start = lineNo;
      found = true;
    }
    if (isSep && from >= 0) {
      flush();
    } else {
      // A separator opening a chunk stays in its text (upstream keeps it), which shifts field
      // lines in such documents down by one while the document line skips it.
      if (from < 0) from = pos;
      to = end;
    }
    pos = end + 1;
  }
  if (from >= 0) flush();
  return out;
}

/** Parses one chunk the way sigs.k8s.io/yaml reads it; errors carry chunk-relative line/col. */
export function parseChunk(chunk: YamlChunk): unknown {
  return parseGoYamlFast(chunk.text);
}

/**
 * Upstream's field map for a chunk: `{.a.b[0].c}` → line, for scalar values and scalar
 * sequence items only (mappings and sequences of mappings are walked, not recorded).
 */
export function fieldLines(text: string, firstLine: number, path?: readonly number[]): Map<string, number> {
  const lc = new LineCounter();
  const doc = parseDocument(text, { version: '1.1', lineCounter: lc, uniqueKeys: false, merge: false });
  const out = new Map<string, number>();
  let root: unknown = doc.contents;
  for (const i of path ?? []) root = isSeq(root) ? root.items[i] : undefined;
  const lineOf = (n: Node) => lc.linePos(n.range?.[0] ?? 0).line + firstLine - 1;
  const walk = (node: unknown, cur: string) => {
    if (!isMap(node)) return;
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const p = `${cur}.${key}`;
      const v = pair.value;
      if (isScalar(v)) out.set(`{${p}}`, lineOf(v));
      else if (isMap(v)) walk(v, p);
      else if (isSeq(v)) {
        v.items.forEach((item, j) => {
          if (isScalar(item)) out.set(`{${p}[${j}]}`, lineOf(item));
          else walk(item, `${p}[${j}]`);
        });
      }
    }
  };
  walk(root, '');
  return out;
}

/** A lazy, memoized field-line lookup for one chunk. */
export function fieldLineLookup(text: string, firstLine: number): (path: string) => number | undefined {
  let map: Map<string, number> | undefined;
  return (path) => {
    if (!map) {
      try {
        map = fieldLines(text, firstLine);
      } catch {
        map = new Map();
      }
    }
    return map.get(path);
  };
}
