// Reads the IstioOperator files of -f/--filename (`-` = stdin) into parsed documents, with
// parse errors naming file:line:col.
import { isAbsolute, resolve } from 'node:path';
import type { Deps } from '../cli/deps.js';
import { DataError } from '../cli/errors.js';
import type { IopFile } from '../engines/render/merge.js';
import { parseYamlDocuments } from './yaml-documents.js';

export async function readIopFiles(deps: Deps, names: string[]): Promise<IopFile[]> {
  const out: IopFile[] = [];
  for (const raw of names) {
    const name = raw.trim();
    let text: string;
    if (name === '-') text = await deps.io.readStdin();
    else {
      const path = isAbsolute(name) ? name : resolve(deps.cwd, name);
      try {
        text = await deps.files.readFile(path);
      } catch (e) {
        throw new DataError(
          `open ${name}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`,
        );
      }
    }
    const docs = await parseYamlDocuments(text, name);
    out.push({ name, documents: docs.map((d) => d.value) });
  }
  return out;
}
