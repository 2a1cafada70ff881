// Loading a chart directory (Chart.yaml, values.yaml, templates/, files/) into memory, once per
// process and directory, for the template engine's chart renderer.
import { join, normalize, relative, sep } from 'node:path';
import { DataError } from '../../cli/errors.js';
import type { Sources } from './sources.js';

export interface ChartFiles {
  dir: string;
  /** Every file of the chart by path relative to the chart root (`/` separators), sorted. */
  files: Map<string, string>;
}

const cache = new Map<string, Promise<ChartFiles>>();

export function loadChartFiles(src: Sources, dir: string): Promise<ChartFiles> {
  let p = cache.get(dir);
  if (!p) {
    p = readChart(src, dir);
    cache.set(dir, p);
    p.catch(() => cache.delete(dir));
  }
  return p;
}

async function readChart(src: Sources, dir: string): Promise<ChartFiles> {
  if (!(await src.files.exists(join(dir, 'Chart.yaml')))) {
    throw new DataError(`chart not found: ${dir} has no Chart.yaml`);
  }
  const files = new Map<string, string>();
  const paths = await src.files.walk(dir);
  const texts = await Promise.all(paths.map((p) => src.files.readFile(p)));
  const prefix = `${normalize(dir)}${sep}`;
  paths.forEach((p, i) => {
    const rel = p.startsWith(prefix) ? p.slice(prefix.length) : relative(dir, p);
    files.set(rel.split('\\').join('/'), texts[i]!);
  });
  return { dir, files };
}
