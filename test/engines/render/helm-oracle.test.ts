// Real `helm template` (the oracle in .cache) and our renderer produce byte-identical documents for
// each of our charts, with the values each profile gives each component. Skipped (and reported as
// such, never as passing) when either side is missing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { componentValues, enabledComponents } from '../../../src/engines/render/components.js';
import { RELEASE_NAME } from '../../../src/engines/render/generate.js';
import { effectiveValues, mergeInputs } from '../../../src/engines/render/merge.js';
import { loadOurProfile } from './support/cases.js';
import { ourChartSource } from './support/chart-source.js';
import { helmBin, helmChartSource } from './support/helm-source.js';

/** helm's SplitManifests: documents of a file, trimmed, empty ones dropped. */
function docs(files: { path: string; content: string }[]): string[] {
  return files
    .flatMap((f) =>
      f.content
        .split(/(?:^|\s*\n)---\s*/)
        .map((d) => d.trim())
        .filter((d) => d !== '')
        .map((d) => `# Source: ${f.path}\n${d}`),
    )
    .sort();
}

const ours = await ourChartSource();
const skip = !helmBin
  ? 'oracle unavailable: no helm in .cache'
  : !ours
    ? 'our chart renderer is not available yet'
    : false;
if (skip) console.log(`helm byte-identity: ${skip}; not counted as passing`);

describe('our chart renderer vs helm template', () => {
  for (const profile of [
    'default',
    'demo',
    'minimal',
    'ambient',
    'empty',
    'preview',
    'remote',
    'stable',
    'openshift',
  ]) {
    it(`${profile}: every enabled component's chart`, { skip }, async () => {
      const merged = await mergeInputs({
        files: [],
        set: [`profile=${profile}`],
        loadProfile: loadOurProfile,
        buildHubTag: { hub: 'docker.io/istio', tag: '1.30.3' },
      });
      const values = effectiveValues(merged.iop);
      const helm = helmChartSource();
      for (const inst of enabledComponents(merged.iop)) {
        const v = componentValues(inst, values);
        const release = { name: RELEASE_NAME, namespace: inst.namespace };
        const want = docs(await helm.render(inst.info.chart, v, release));
        const got = docs(await ours!.render(inst.info.chart, v, release));
        assert.deepEqual(got, want, `${profile}/${inst.info.chart} (${inst.name})`);
      }
    });
  }
});
