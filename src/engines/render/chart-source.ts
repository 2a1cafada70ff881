// Our ChartSource: the chart directory (built-in or from -d/installPackagePath) rendered by our
// template engine's Helm chart renderer, exactly as `helm template` would.
import { join } from 'node:path';
import { renderChart } from '../template/index.js';
import { loadChartFiles } from './chart-files.js';
import { DOC_CACHE_PATH, type DocumentCache, readDocumentCache } from './doc-cache.js';
import type { ChartSource, RenderedFile } from './generate.js';
import { chartDir, type Sources } from './sources.js';

export function chartSource(src: Sources, installPackagePath: string): ChartSource {
  return {
    async render(chart, values, release): Promise<RenderedFile[]> {
      const files = await loadChartFiles(src, chartDir(src, installPackagePath, chart));
      const out = renderChart({ files: Object.fromEntries(files.files) }, { values, release });
      // Paths come back as <chart name>/templates/...; callers use chart-relative paths.
      return [...out.files].map(([path, content]) => ({ path: path.slice(path.indexOf('/') + 1), content }));
    },
    documentCache: () => loadDocumentCache(src),
  };
}

/** The build's document cache (absent before `npm run build`; then everything is read and written afresh). */
async function loadDocumentCache(src: Sources): Promise<DocumentCache | undefined> {
  const path = join(src.packageRoot, DOC_CACHE_PATH);
  if (!(await src.files.exists(path))) return undefined;
  return readDocumentCache(await src.files.readFile(path));
}
