// The ChartSource the chart tests use: our own renderer once it exists, else the helm oracle.
import type { ChartSource } from '../../../../src/engines/render/generate.js';
import { helmBin, helmChartSource } from './helm-source.js';

export async function chartSourceUnderTest(): Promise<{ charts: ChartSource; label: string }> {
  if (helmBin) return { charts: helmChartSource(), label: 'helm (oracle)' };
  throw new Error('no chart renderer available');
}
