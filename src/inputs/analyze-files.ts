// analyze's file input: files, directories (recursive) and `-` (stdin) read into snapshot
// resources with file:line origins. Parse problems are collected per file so the other files
// are still analyzed (upstream reports them together and exits 65 afterwards).
import { extname, join, relative, resolve } from 'node:path';
import type { Files } from '../cli/deps.js';
import { errorMessage, formatPosition } from '../cli/errors.js';
import {
  dropsKind,
  type ResourceProblem,
  type ToResourceOptions,
  toResources,
} from '../engines/analyze/resources.js';
import type { Origin, Resource } from '../engines/analyze/types.js';
import { StreamError } from '../engines/inject/resources.js';
import { fieldLineLookup, parseChunk, peekKind, plainBlockYaml, splitChunks } from './analyze-yaml.js';

export const ANALYZE_EXTENSIONS = ['.json', '.yaml', '.yml'];

export interface FileInputResult {
  resources: Resource[];
  /** Problems that make the run exit 65 (unless --ignore-unknown). */
  errors: string[];
  /** Notes for stderr (skipped files, unknown kinds). */
  notes: string[];
  /** The files actually read, for the success line. */
  files: string[];
}

export interface FileInputOptions extends ToResourceOptions {
  files: Files;
  cwd: string;
  readStdin?: () => Promise<string>;
}

export async function readAnalyzeFiles(
  paths: readonly string[],
  opts: FileInputOptions,
): Promise<FileInputResult> {
  const res: FileInputResult = { resources: [], errors: [], notes: [], files: [] };
  const targets: Array<{ name: string; read: () => Promise<string> }> = [];
  for (const p of paths) {
    if (p === '-') {
      targets.push({ name: '-', read: () => (opts.readStdin ? opts.readStdin() : Promise.resolve('')) });
      continue;
    }
    const abs = resolve(opts.cwd, p);
    if (!(await opts.files.exists(abs))) throw new Error(`stat ${p}: no such file or directory`);
    const list = (await opts.files.isDirectory(abs))
      ? // named as filepath.Walk names them: the directory as given, then the path inside it
        (await opts.files.walk(abs)).map((f) => join(p, relative(abs, f)))
      : [p];
    for (const f of list) {
      if (!ANALYZE_EXTENSIONS.includes(extname(f).toLowerCase())) {
        res.notes.push(
          `Skipping file ${f}, recognized file extensions are: [${ANALYZE_EXTENSIONS.join(' ')}]`,
        );
        continue;
      }
      targets.push({ name: f, read: () => opts.files.readFile(resolve(opts.cwd, f)) });
    }
  }
  for (const t of targets) {
    res.files.push(t.name);
    await readOne(t.name, await t.read(), opts, res);
  }
  return res;
}

async function readOne(
  file: string,
  text: string,
  opts: ToResourceOptions,
  res: FileInputResult,
): Promise<void> {
  if (text.includes('\u0000')) {
    res.errors.push(`${file}: binary data is not YAML`);
    return;
  }
  const problems: ResourceProblem[] = [];
  // JSON files report no line (upstream leaves it out for .json).
  const json = extname(file).toLowerCase() === '.json';
  for (const chunk of splitChunks(text)) {
    // Documents that would be dropped unread (Pods in a files-only run, kinds no selected analyzer
    // reads) are not parsed when their kind shows on a top-level line of well-formed block YAML.
    // (the scanner's acceptance stands in for the parse's syntax check)
    const peek = peekKind(chunk);
    if (peek && dropsKind(peek.apiVersion, peek.kind, opts) && plainBlockYaml(chunk)) continue;
    let value: unknown;
    try {
      value = parseChunk(chunk);
    } catch (e) {
      const at = e instanceof StreamError && e.line ? e : undefined;
      const where = formatPosition({
        file,
        line: chunk.line + (at?.line ?? 1) - 1,
        ...(at?.col ? { col: at.col } : {}),
      });
      // the parsers recurse per nesting level: a pathological depth overflows the stack
      const overflow = e instanceof RangeError || /Maximum call stack size exceeded/.test(errorMessage(e));
      const text = overflow ? 'document nests too deeply to read' : errorMessage(e);
      res.errors.push(`${where}: ${text}`);
      continue;
    }
    if (value === null || value === undefined) continue;
    const origin: Origin = json
      ? { file }
      : { file, line: chunk.line, fieldLine: fieldLineLookup(chunk.text, chunk.line) };
    toResources(value, origin, opts, res.resources, problems);
  }
  for (const p of problems) {
    const where = formatPosition({ file: p.origin.file ?? file, line: p.origin.line });
    (p.fatal ? res.errors : res.notes).push(`${where}: ${p.message}`);
  }
}
