// Multi-document YAML with origins: every document keeps its file and starting line, and a
// parse error becomes a DataError naming file:line:col (exit 65). Shared by validate, analyze,
// kube-inject and the IstioOperator reader.
import { DataError } from '../cli/errors.js';

export interface YamlDocument {
  /** The parsed document (null for an empty document). */
  value: unknown;
  file: string;
  /** 1-based line where the document's content starts. */
  line: number;
  /** 0-based index of the document in its file. */
  index: number;
  /** The document's own source text, without the `---` separator. */
  source: string;
}

export interface ParseYamlOptions {
  /** Keep empty documents (value null); default false. */
  keepEmpty?: boolean;
  /** YAML 1.1 booleans and octals, as Go's yaml.v2/v3 read Kubernetes manifests; default true. */
  yaml11?: boolean;
}

/** Line and column (1-based) of a character offset. */
export function positionOf(text: string, offset: number): { line: number; col: number } {
  return lineCursor(text)(offset);
}

/**
 * positionOf for offsets that only grow (documents in file order): each call scans on from the
 * previous offset, so a file of many documents is read once, not once per document.
 */
function lineCursor(text: string): (offset: number) => { line: number; col: number } {
  let at = 0;
  let line = 1;
  let last = -1;
  return (offset) => {
    if (offset < at) {
      at = 0;
      line = 1;
      last = -1;
    }
    for (; at < offset && at < text.length; at++) {
      if (text.charCodeAt(at) === 10) {
        line++;
        last = at;
      }
    }
    return { line, col: offset - last };
  };
}

export async function parseYamlDocuments(
  text: string,
  file: string,
  opts: ParseYamlOptions = {},
): Promise<YamlDocument[]> {
  const { parseAllDocuments } = await import('yaml');
  if (text.includes('\u0000')) throw new DataError('binary data is not YAML', { file });
  const docs = parseAllDocuments(text, {
    version: opts.yaml11 === false ? '1.2' : '1.1',
    uniqueKeys: false,
    merge: true,
  });
  const list = Array.isArray(docs) ? docs : [docs];
  const out: YamlDocument[] = [];
  const position = lineCursor(text);
  for (const [index, doc] of list.entries()) {
    const err = doc.errors[0];
    if (err) {
      const { line, col } = position(err.pos[0]);
      throw new DataError(err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''), {
        file,
        line,
        col,
      });
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      const start = doc.contents?.range?.[0] ?? 0;
      const { line, col } = position(start);
      throw new DataError((e as Error).message, { file, line, col });
    }
    if ((value === null || value === undefined) && !opts.keepEmpty) continue;
    const start = doc.contents?.range?.[0] ?? doc.range[0];
    const end = doc.range[1];
    out.push({
      value: value ?? null,
      file,
      line: position(start).line,
      index,
      source: text.slice(doc.range[0], end),
    });
  }
  return out;
}
