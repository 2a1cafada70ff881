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
        map = scanFieldLines(text, firstLine) ?? fieldLines(text, firstLine);
      } catch {
        map = new Map();
      }
    }
    return map.get(path);
  };
}

interface Frame {
  kind: 'map' | 'seq';
  indent: number;
  path: string;
  index: number;
}

const PLAIN_KEY = /^([^\s'"#[\]{}&*!|>%@`,?:-][^:#]*?|-[^\s:#][^:#]*?)\s*:(?:\s+(.*))?$/;
const QUOTED_KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')\s*:(?:\s+(.*))?$/;

/** A value the scanner can place on one line: a plain or fully quoted scalar, maybe with a comment. */
function scalarOnLine(v: string): boolean {
  if (/^[[{|>&*!%@`]/.test(v)) return false;
  if (v.startsWith('"')) return /^"(?:[^"\\]|\\.)*"\s*(?:#.*)?$/.test(v);
  if (v.startsWith("'")) return /^'(?:[^']|'')*'\s*(?:#.*)?$/.test(v);
  return !v.includes(': ');
}

/**
 * Records a one-line value: a scalar, or a flow sequence/map of scalars (every item on that line).
 * False when the value needs the real parser.
 */
function placeValue(out: Map<string, number>, path: string, value: string, line: number): boolean {
  const flow = /^([[{])(.*)([\]}])\s*(?:#.*)?$/.exec(value);
  if (!flow) {
    if (!scalarOnLine(value)) return false;
    out.set(`{${path}}`, line);
    return true;
  }
  const body = flow[2]!.trim();
  if ((flow[1] === '[') !== (flow[3] === ']') || /[[\]{}#]/.test(body)) return false;
  const items = splitFlow(body);
  if (!items) return false;
  for (const [i, item] of items.entries()) {
    if (flow[1] === '[') {
      if (item === '' || !scalarOnLine(item) || item.includes(':')) return false;
      out.set(`{${path}[${i}]}`, line);
      continue;
    }
    const m = QUOTED_KEY.exec(item) ?? PLAIN_KEY.exec(item);
    if (!m?.[2] || !scalarOnLine(m[2])) return false;
    out.set(`{${path}.${keyText(m[1]!)}}`, line);
  }
  return true;
}

/** Comma-separated flow items, commas inside quotes kept; undefined for an unclosed quote. */
function splitFlow(body: string): string[] | undefined {
  const items: string[] = [];
  let quote = '';
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ',') {
      items.push(body.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (quote) return undefined;
  const last = body.slice(start).trim();
  if (last !== '' || items.length === 0) items.push(last);
  return body.trim() === '' ? [] : items;
}

function keyText(raw: string): string {
  if (raw.startsWith('"')) return JSON.parse(raw) as string;
  if (raw.startsWith("'")) return raw.slice(1, -1).replace(/''/g, "'");
  return raw;
}

/**
 * The field map of a plain block-style document without a full YAML parse: keys, nested maps and
 * sequences by indentation, one-line scalars. Returns undefined for anything else (flow
 * collections, block scalars, anchors, multi-line scalars…), where the real parser takes over.
 */
export function scanFieldLines(text: string, firstLine: number): Map<string, number> | undefined {
  const out = new Map<string, number>();
  const stack: Frame[] = [];
  let pending: { path: string; indent: number } | undefined;
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n]!.replace(/\r$/, '');
    const content = raw.trimStart();
    if (content === '' || content.startsWith('#')) continue;
    if (n === 0 && raw === '---') continue;
    if (raw.includes('\t')) return undefined;
    const line = firstLine + n;
    let col = raw.length - content.length;
    let rest = content;
    if (pending) {
      // An empty value is a null scalar on the key's line, unless a collection follows.
      const seqHere = rest === '-' || rest.startsWith('- ');
      const opens = (seqHere && col >= pending.indent) || col > pending.indent;
      if (opens) out.delete(`{${pending.path}}`);
      if (seqHere && col >= pending.indent)
        stack.push({ kind: 'seq', indent: col, path: pending.path, index: -1 });
      else if (col > pending.indent) stack.push({ kind: 'map', indent: col, path: pending.path, index: 0 });
      pending = undefined;
    }
    if (stack.length === 0) {
      if (col !== 0) return undefined;
      stack.push({ kind: 'map', indent: 0, path: '', index: 0 });
    }
    for (;;) {
      let top = stack.at(-1);
      while (
        top &&
        (top.indent > col || (top.kind === 'seq' && top.indent === col && !rest.startsWith('-')))
      ) {
        stack.pop();
        top = stack.at(-1);
      }
      if (!top || top.indent !== col) return undefined;
      if (top.kind === 'seq') {
        if (rest !== '-' && !rest.startsWith('- ')) return undefined;
        top.index++;
        const item = `${top.path}[${top.index}]`;
        const after = rest.slice(1).trimStart();
        if (after === '' || after.startsWith('#')) {
          pending = { path: item, indent: col };
          out.set(`{${item}}`, line);
          break;
        }
        const itemCol = col + (rest.length - after.length);
        if (PLAIN_KEY.test(after) || QUOTED_KEY.test(after)) {
          stack.push({ kind: 'map', indent: itemCol, path: item, index: 0 });
          col = itemCol;
          rest = after;
          continue;
        }
        if (after.startsWith('-') || !placeValue(out, item, after, line)) return undefined;
        break;
      }
      const m = QUOTED_KEY.exec(rest) ?? PLAIN_KEY.exec(rest);
      if (!m) return undefined;
      const path = `${top.path}.${keyText(m[1]!)}`;
      const value = m[2]?.trim() ?? '';
      if (value === '' || value.startsWith('#')) {
        pending = { path, indent: col };
        out.set(`{${path}}`, line);
      } else if (!placeValue(out, path, value, line)) return undefined;
      break;
    }
  }
  return out;
}

const TOP_KIND = /^kind:[ \t]*([A-Za-z0-9]+)[ \t]*\r?$/gm;
const TOP_API = /^apiVersion:[ \t]*([A-Za-z0-9./-]+)[ \t]*\r?$/gm;

/** A chunk's apiVersion and kind read from its top-level lines without parsing, when each shows once. */
export function peekKind(chunk: YamlChunk): { apiVersion: string; kind: string } | undefined {
  const kinds = [...chunk.text.matchAll(TOP_KIND)];
  const apis = [...chunk.text.matchAll(TOP_API)];
  if (kinds.length !== 1 || apis.length !== 1) return undefined;
  return { apiVersion: apis[0]![1]!, kind: kinds[0]![1]! };
}

/** Whether the field scanner accepts the chunk: plain block YAML that is sure to parse. */
export function plainBlockYaml(chunk: YamlChunk): boolean {
  return scanFieldLines(chunk.text, chunk.line) !== undefined;
}
