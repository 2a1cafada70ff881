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

/** The first document that differs, as a short line-level report (undefined when all are equal). */
function firstDifference(got: string[], want: string[]): string | undefined {
  const extra = got.filter((d) => !want.includes(d));
  const missing = want.filter((d) => !got.includes(d));
  if (extra.length === 0 && missing.length === 0) return undefined;
  const a = (extra[0] ?? '').split('\n');
  const b = (missing[0] ?? '').split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return `${extra.length} documents differ; first at line ${i + 1} of ${a[0] || b[0]}:\n  ours: ${JSON.stringify(a.slice(i, i + 3))}\n  helm: ${JSON.stringify(b.slice(i, i + 3))}`;
}

const ours = await ourChartSource();
const skip = !helmBin
  ? 'oracle unavailable: no helm in .cache'
  : !ours
    ? 'our chart renderer is not available yet'
    : false;
if (skip) console.log(`helm byte-identity: ${skip}; not counted as passing`);

describe('our chart renderer vs helm template', () => {
  const scenarios = [
    ...['default', 'demo', 'minimal', 'ambient', 'empty', 'preview', 'remote', 'stable', 'openshift'].map(
      (p) => [`profile=${p}`],
    ),
    [
      'profile=ambient',
      'revision=canary',
      'values.revisionTags[0]=prod',
      'values.global.networkPolicy.enabled=true',
    ],
    ['profile=remote', 'values.global.remotePilotAddress=10.0.0.1', 'values.global.configCluster=true'],
    [
      'profile=demo',
      'values.global.proxy.tracer=zipkin',
      'values.pilot.taint.enabled=true',
      'values.gateways.istio-ingressgateway.autoscaleMin=2',
    ],
  ];
  for (const sets of scenarios) {
    const profile = sets.join(' ');
    it(`${profile}: every enabled component's chart`, { skip }, async () => {
      const merged = await mergeInputs({
        files: [],
        set: sets,
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
        assert.deepEqual(
          firstDifference(got, want),
          undefined,
          `${profile}/${inst.info.chart} (${inst.name})`,
        );
      }
    });
  }
});
