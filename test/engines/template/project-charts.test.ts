// Our own charts (manifests/charts) through our renderer and through the real Helm CLI (CI builds it with
// test/oracles/build.sh; `npm run oracle:template` builds one too) must match byte for byte, for several
// profiles. Skipped only where no Helm binary has been built.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { renderChart } from '../../../src/engines/template/index.js';
import { repoRoot } from '../../support/run-cli.js';
import { helmBin } from '../render/support/helm-source.js';

const helm = helmBin ?? join(repoRoot, '.cache', 'oracles', 'bin', 'helm');
const chartsDir = join(repoRoot, 'manifests', 'charts');
const skip = existsSync(helm) ? false : 'Helm CLI not built (bash test/oracles/build.sh)';

function readTree(dir: string): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p);
    }
  };
  walk(dir);
  return out;
}

const charts = existsSync(chartsDir)
  ? readdirSync(chartsDir).filter((c) => existsSync(join(chartsDir, c, 'Chart.yaml')))
  : [];

function helmTemplate(dir: string, sets: string[]): { out?: string; err?: string } {
  try {
    const args = [
      'template',
      'istio',
      dir,
      '--namespace',
      'istio-system',
      ...sets.flatMap((x) => ['--set', x]),
    ];
    return { out: execFileSync(helm, args, { maxBuffer: 1 << 28, stdio: 'pipe' }).toString() };
  } catch (e) {
    return {
      err: String((e as { stderr?: Buffer }).stderr ?? '')
        .split('\n')[0]!
        .replace(/^Error: /, ''),
    };
  }
}

// No profile, two real ones, and one the charts reject (the error must read the same).
for (const chart of charts) {
  for (const profile of [undefined, 'ambient', 'demo', 'no-such-profile']) {
    test(`${chart} (${profile ?? 'no profile'}) renders as helm template does`, { skip }, () => {
      const dir = join(chartsDir, chart);
      const sets = ['global.hub=example.org/istio', ...(profile ? [`profile=${profile}`] : [])];
      const want = helmTemplate(dir, sets);
      const values: Record<string, unknown> = {
        global: { hub: 'example.org/istio' },
        ...(profile ? { profile } : {}),
      };
      let got: { out?: string; err?: string };
      try {
        got = {
          out: renderChart(
            { files: readTree(dir) },
            { values, release: { name: 'istio', namespace: 'istio-system' } },
          ).manifest(),
        };
      } catch (e) {
        got = { err: (e as Error).message };
      }
      assert.deepEqual(got, want);
    });
  }
}
