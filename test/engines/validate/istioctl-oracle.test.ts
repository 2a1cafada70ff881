// The real istioctl 1.30 (the oracle built into .cache/oracles by test/oracles/build.sh) and our
// validate give the same verdict on every conformance Istio document and on every document of ours
// (fixtures.ts, probes.ts). Each document gets a unique name so one istioctl run tells them apart.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { stringify } from 'yaml';
import { validateResource } from '../../../src/engines/validate/index.js';
import { conformanceIstioDocs } from '../../support/istio-docs.js';
import { repoRoot } from '../../support/run-cli.js';
import { CASES, sampleDoc } from './fixtures.js';
import { PROBES } from './probes.js';

type Obj = Record<string, any>;

const istioctl = join(repoRoot, '.cache', 'oracles', 'bin', 'istioctl');
const skip = existsSync(istioctl) ? false : 'oracle unavailable: no istioctl in .cache/oracles/bin';
if (skip) console.log(`istioctl validate verdicts: ${skip}; not counted as passing`);

async function documents(): Promise<{ key: string; value: Obj }[]> {
  const out = (await conformanceIstioDocs()).map((d) => ({ key: d.key, value: d.value }));
  for (const [kind, c] of Object.entries(CASES)) {
    out.push({ key: `fixture ${kind} valid`, value: sampleDoc(kind, structuredClone(c.valid)) });
    for (const [i, [path, mutate]] of c.invalid.entries()) {
      const spec = structuredClone(c.valid);
      mutate(spec);
      out.push({ key: `fixture ${kind} #${i} ${path}`, value: sampleDoc(kind, spec) });
    }
  }
  for (const [i, p] of PROBES.entries()) out.push({ key: `probe #${i} ${p.kind}`, value: p });
  return out;
}

describe('validate verdicts against istioctl 1.30', { skip }, () => {
  it('agree on every document', async () => {
    const docs = await documents();
    const dir = mkdtempSync(join(tmpdir(), 'validate-oracle-'));
    const named = docs.map((d, i) => ({
      ...d,
      value: { ...d.value, metadata: { ...d.value.metadata, name: `doc-${i}` } },
    }));
    // JSON keeps YAML 1.1 scalars (`y`, `on`) exactly as we read them
    writeFileSync(
      join(dir, 'all.yaml'),
      named.map((d) => stringify(JSON.parse(JSON.stringify(d.value)))).join('---\n'),
    );
    const run = spawnSync(istioctl, ['validate', '-f', join(dir, 'all.yaml')], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: dir },
      maxBuffer: 1 << 26,
    });
    const errorBlock = run.stderr.slice(Math.max(0, run.stderr.search(/errors? occurred:/)));
    const rejected = new Set([...errorBlock.matchAll(/^\t\* \w+\/[^/]*\/(doc-\d+):/gm)].map((m) => m[1]));
    const wrong: string[] = [];
    for (const [i, d] of named.entries()) {
      const upstream = rejected.has(`doc-${i}`);
      const ours = validateResource(d.value).some((x) => x.level === 'Error');
      if (upstream !== ours)
        wrong.push(
          `${docs[i]!.key}: istioctl ${upstream ? 'rejects' : 'accepts'}, we ${ours ? 'reject' : 'accept'}`,
        );
    }
    console.log(
      `istioctl validate verdicts: ${docs.length - wrong.length}/${docs.length} agree (${rejected.size} rejected)`,
    );
    assert.ok(rejected.size > 50);
    assert.deepEqual(wrong, []);
  });
});
