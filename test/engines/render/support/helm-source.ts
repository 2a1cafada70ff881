// A ChartSource backed by the real `helm template` (the oracle built into .cache/gotemplate/helm),
// so chart tests can compare our renderer with Helm's. Tests that need it skip when it is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChartSource, RenderedFile } from '../../../../src/engines/render/generate.js';
import { repoRoot } from '../../../support/run-cli.js';

export const helmBin = [
  join(repoRoot, '.cache', 'oracles', 'bin', 'helm'),
  join(repoRoot, '.cache', 'gotemplate', 'helm'),
].find((p) => existsSync(p));

/** Splits `helm template` output (`---\n# Source: <chart>/<path>\n<doc>` blocks) into files. */
export function splitHelmOutput(out: string): RenderedFile[] {
  const files = new Map<string, string>();
  for (const block of out.split(/^---\n(?=# Source: )/m)) {
    const m = /^# Source: [^/]+\/(.+)\n/.exec(block);
    if (!m) continue;
    const doc = block.slice(m[0].length);
    files.set(m[1]!, `${files.get(m[1]!) ?? ''}---\n${doc}`);
  }
  return [...files].map(([path, content]) => ({ path, content }));
}

export function helmTemplate(
  chartDir: string,
  values: unknown,
  release: { name: string; namespace: string },
): string {
  if (!helmBin) throw new Error('oracle unavailable');
  const dir = mkdtempSync(join(tmpdir(), 'helm-values-'));
  try {
    const file = join(dir, 'values.json');
    writeFileSync(file, JSON.stringify(values));
    const r = spawnSync(
      helmBin,
      ['template', release.name, chartDir, '--namespace', release.namespace, '-f', file],
      {
        encoding: 'utf8',
        maxBuffer: 64 << 20,
      },
    );
    if (r.status !== 0) throw new Error(`helm template ${chartDir}: ${r.stderr}`);
    return r.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function helmChartSource(chartsRoot = join(repoRoot, 'manifests', 'charts')): ChartSource {
  return {
    render: async (chart, values, release) =>
      splitHelmOutput(helmTemplate(join(chartsRoot, chart), values, release)),
  };
}
