// Our ChartSource: the chart directory (built-in or from -d/installPackagePath) rendered by our
// template engine's Helm chart renderer, exactly as `helm template` would.
import { isAscii } from 'node:buffer';
import { join } from 'node:path';
import type { Files } from '../../cli/deps.js';
import { renderChart } from '../template/chart.js';
import { type ParseCache, readParseCache } from '../template/parse-cache.js';
import { loadChartFiles } from './chart-files.js';
import { DOC_CACHE_PATH, readDocumentCache } from './doc-cache.js';
import type { ChartSource, RenderedFile } from './generate.js';
import { chartDir, type Sources } from './sources.js';

/** Where `npm run build` stores the parse trees of our charts' templates, relative to the package root. */
export const PARSE_CACHE_PATH = 'dist/render-parse-cache.json';

export function chartSource(src: Sources, installPackagePath: string): ChartSource {
  let parseCache: Promise<ParseCache | undefined> | undefined;
  return {
    async render(chart, values, release): Promise<RenderedFile[]> {
      const files = await loadChartFiles(src, chartDir(src, installPackagePath, chart));
      parseCache ??= readBuilt(src, PARSE_CACHE_PATH, readParseCache);
      const out = renderChart(
        { files: Object.fromEntries(files.files) },
        { values, release, parseCache: await parseCache },
      );
      // Paths come back as <chart name>/templates/...; callers use chart-relative paths.
      return [...out.files].map(([path, content]) => ({ path: path.slice(path.indexOf('/') + 1), content }));
    },
    documentCache: () => readBuilt(src, DOC_CACHE_PATH, readDocumentCache),
  };
}

/** A cache the build wrote (absent before `npm run build`; then everything is computed afresh). */
async function readBuilt<T>(
  src: { files: Files; packageRoot: string },
  path: string,
  read: (text: string) => T | undefined,
): Promise<T | undefined> {
  const file = join(src.packageRoot, path);
  if (!(await src.files.exists(file))) return undefined;
  const raw = await src.files.readFileBytes(file);
  const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  // The caches are ASCII, which latin1 decodes at about half the cost of UTF-8 (~1.5 ms for the doc cache).
  return read(bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8'));
}
