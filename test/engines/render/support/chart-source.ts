// The ChartSource chart tests use: our own renderer (src/engines/render/chart-source.ts, built on the
// template engine) when it is available, else the helm oracle, labelled so reports say which.
import type { ChartSource } from '../../../../src/engines/render/generate.js';
import { nodeFiles } from '../../../../src/inputs/files.js';
import { repoRoot } from '../../../support/run-cli.js';
import { helmBin, helmChartSource } from './helm-source.js';

export async function ourChartSource(): Promise<ChartSource | undefined> {
  try {
    const mod = (await import('../../../../src/engines/render/chart-source.js' as string)) as {
      chartSource(
        src: { files: typeof nodeFiles; packageRoot: string },
        installPackagePath: string,
      ): ChartSource;
    };
    return mod.chartSource({ files: nodeFiles, packageRoot: repoRoot }, '');
  } catch {
    return undefined;
  }
}

export async function chartSourceUnderTest(): Promise<{ charts: ChartSource; label: string }> {
  const ours = await ourChartSource();
  if (ours) return { charts: ours, label: 'our template engine' };
  if (helmBin) return { charts: helmChartSource(), label: 'helm (oracle; our renderer not available yet)' };
  throw new Error('no chart renderer available');
}
