import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { effectiveValues, mergeInputs, userConfig } from '../../../src/engines/render/merge.js';
import { getPath, type Tree } from '../../../src/model/iop/tree.js';
import { conformanceRoot, repoRoot } from '../../support/run-cli.js';

const ourProfile = (name: string) =>
  parse(readFileSync(join(repoRoot, 'profiles', `${name}.yaml`), 'utf8')) as Tree;
const loadProfile = async (name: string) => {
  try {
    return ourProfile(name);
  } catch {
    throw new Error(`profile "${name}" not found`);
  }
};

describe('profiles', () => {
  const upstreamDir = join(conformanceRoot, 'profiles');
  const upstream = readdirSync(upstreamDir).filter((f) => f.endsWith('.yaml'));
  for (const file of upstream) {
    it(`${file} is equivalent to upstream's`, () => {
      const theirs = parse(readFileSync(join(upstreamDir, file), 'utf8'));
      assert.deepEqual(ourProfile(file.replace(/\.yaml$/, '')), theirs);
    });
  }
  it('ships every profile upstream ships', () => {
    const ours = readdirSync(join(repoRoot, 'profiles')).sort();
    assert.deepEqual(ours, upstream.sort());
  });
});

describe('mergeInputs precedence: default < profile < build hub/tag < files < --set', () => {
  it('applies each layer over the one before', async () => {
    const m = await mergeInputs({
      files: [
        {
          name: 'a.yaml',
          documents: [{ spec: { profile: 'demo', hub: 'file-hub', values: { global: { x: 'a' } } } }],
        },
        { name: 'b.yaml', documents: [{ spec: { values: { global: { x: 'b', y: 'b' } } } }] },
      ],
      set: ['values.global.y=set1', 'values.global.y=set2'],
      loadProfile,
      buildHubTag: { hub: 'docker.io/istio', tag: '1.30.3' },
    });
    assert.equal(m.profile, 'demo');
    const values = getPath(m.iop, 'spec.values') as Tree;
    assert.equal(getPath(values, 'global.hub'), 'file-hub', 'a file beats the build hub');
    assert.equal(getPath(values, 'global.tag'), '1.30.3', 'the build tag beats the profile placeholder');
    assert.equal(getPath(values, 'global.x'), 'b');
    assert.equal(getPath(values, 'global.y'), 'set2');
    assert.equal(getPath(values, 'profile'), 'demo');
    assert.equal(getPath(m.iop, 'spec.components.egressGateways[0].enabled'), true);
    assert.equal(getPath(values, 'global.istioNamespace'), 'istio-system', 'default profile underneath');
  });

  it('translates top-level fields, letting explicit values win', async () => {
    const m = await mergeInputs({
      files: [],
      set: ['revision=canary', 'meshConfig.a=1', 'values.meshConfig.a=2', 'components.cni.enabled=true'],
      loadProfile,
    });
    const values = getPath(m.iop, 'spec.values') as Tree;
    assert.equal(values.revision, 'canary');
    assert.equal(getPath(values, 'meshConfig.a'), 2);
    assert.equal(getPath(values, 'pilot.cni.enabled'), true);
    assert.equal(getPath(values, 'pilot.enabled'), true);
  });

  it('maps -d and -r to installPackagePath and revision, ignoring -r default', () => {
    const u = userConfig({ files: [], set: [], manifests: '/m', revision: 'default' });
    assert.deepEqual(u.spec, { installPackagePath: '/m' });
  });

  it('rejects several documents in one file and stdin before the last file', () => {
    assert.throws(
      () => userConfig({ files: [{ name: 'x', documents: [{}, {}] }], set: [] }),
      /contains multiple IstioOperator CRs/,
    );
    assert.throws(
      () =>
        userConfig({
          files: [
            { name: '-', documents: [] },
            { name: 'y', documents: [] },
          ],
          set: [],
        }),
      /stdin is only allowed as the last filename/,
    );
  });

  it('adds unvalidatedValues after validation only', async () => {
    const m = await mergeInputs({
      files: [{ name: 'f', documents: [{ spec: { unvalidatedValues: { custom: 1 } } }] }],
      set: [],
      loadProfile,
    });
    assert.equal(getPath(m.iop, 'spec.values.custom'), undefined);
    assert.equal(effectiveValues(m.iop).custom, 1);
  });
});
