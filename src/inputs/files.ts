// The real file system behind Deps.files.
import { mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Files } from '../cli/deps.js';

export const nodeFiles: Files = {
  readFile: (p) => readFile(p, 'utf8'),
  readFileBytes: (p) => readFile(p),
  exists: async (p) => {
    try {
      await stat(p);
      return true;
    } catch {
      return false;
    }
  },
  isDirectory: async (p) => {
    try {
      return (await stat(p)).isDirectory();
    } catch {
      return false;
    }
  },
  walk: async (dir) => {
    const out: string[] = [];
    const visit = async (d: string) => {
      const entries = await readdir(d, { withFileTypes: true });
      for (const e of entries) {
        const p = join(d, e.name);
        if (e.isDirectory()) await visit(p);
        else out.push(p);
      }
    };
    await visit(dir);
    return out.sort();
  },
  writeFileAtomic: async (p, data) => {
    const tmpDir = await mkdtemp(join(dirname(p), `.${basename(p)}.`));
    const tmp = join(tmpDir, 'out');
    try {
      await writeFile(tmp, data);
      await rename(tmp, p);
    } finally {
      await rm(tmpDir, { recursive: true, force: true });
    }
  },
};
