// Acceptance: every golden case of upstream's manifest-generate corpus, compared semantically.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { caseDir, loadCases, renderCase } from '../engines/render/support/cases.js';
import { chartSourceUnderTest } from '../engines/render/support/chart-source.js';
import {
  compareManifests,
  NORMALISATIONS,
  parseManifest,
  selectObjects,
} from '../engines/render/support/compare.js';

const source = await chartSourceUnderTest();
const rates: string[] = [];

describe(`manifest generate goldens (charts rendered by ${source.label})`, () => {
  for (const c of loadCases().filter((x) => x.kind === 'golden' && x.want)) {
    it(c.name, async () => {
      const { manifests } = await renderCase(c, source.charts);
      const ours = selectObjects(
        manifests.flatMap((m) => m.objects),
        c.diffSelect,
      );
      const golden = selectObjects(parseManifest(readFileSync(join(caseDir, c.want!), 'utf8')), c.diffSelect);
      const r = compareManifests(ours, golden);
      const passed = r.checks - r.failures.length;
      rates.push(
        `${c.name}: ${passed}/${r.checks} checks (${r.checks ? Math.round((100 * passed) / r.checks) : 100}%)`,
      );
      assert.deepEqual(r.failures, [], r.failures.join('\n'));
    });
  }
  after(() => {
    console.log(`normalised: \n  - ${NORMALISATIONS.join('\n  - ')}\npass rates:\n  ${rates.join('\n  ')}`);
  });
});
