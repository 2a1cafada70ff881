// Runs upstream's manifest-generate cases (conformance cases.json) through our pipeline.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { type ChartSource, generateManifests } from '../../../../src/engines/render/generate.js';
import type { Tree } from '../../../../src/model/iop/tree.js';
import { conformanceRoot, repoRoot } from '../../../support/run-cli.js';

export const caseDir = join(conformanceRoot, 'manifest-generate');

export interface GenerateCase {
  name: string;
  kind: string;
  inputs: string[];
  flags: string[];
  diffSelect: string | null;
  want: string | null;
  expect?: string[];
}

export function loadCases(): GenerateCase[] {
  return (JSON.parse(readFileSync(join(caseDir, 'cases.json'), 'utf8')) as { cases: GenerateCase[] }).cases;
}

/** The case's --set flags and --force; `installPackagePath=<CHARTS_*>` means our built-in charts. */
export function caseFlags(c: GenerateCase): { set: string[]; force: boolean; revision?: string } {
  const set: string[] = [];
  let force = false;
  let revision: string | undefined;
  for (let i = 0; i < c.flags.length; i++) {
    const f = c.flags[i]!;
    if (f === '--set' || f === '-s') {
      const v = c.flags[++i]!;
      if (!v.startsWith('installPackagePath=<')) set.push(v);
    } else if (f === '--force') force = true;
    else if (f.startsWith('--revision=')) revision = f.slice('--revision='.length);
  }
  return { set, force, revision };
}

export const loadOurProfile = async (name: string): Promise<Tree> => {
  try {
    return parse(readFileSync(join(repoRoot, 'profiles', `${name}.yaml`), 'utf8')) as Tree;
  } catch {
    throw new Error(`profile "${name}" not found`);
  }
};

/** Renders a case the way upstream's test binary does: no compiled-in hub/tag over the profile. */
export async function renderCase(c: GenerateCase, charts: ChartSource) {
  const { set, force, revision } = caseFlags(c);
  const files = c.inputs.map((f) => ({
    name: f,
    documents: parseAllDocuments(readFileSync(join(caseDir, f), 'utf8')).map((d) => d.toJS() as unknown),
  }));
  const warnings: string[] = [];
  const out = await generateManifests({
    files,
    set,
    revision,
    force,
    charts: () => charts,
    loadProfile: loadOurProfile,
    warn: (w) => warnings.push(w),
  });
  return { ...out, warnings };
}
