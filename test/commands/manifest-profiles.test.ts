// default, demo, minimal and ambient with no other flags: our object sets equal upstream's render at
// 1.30.3 (the real istioctl built into .cache/oracles/bin is the oracle; skipped, never passed, without it).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { generateManifests } from '../../src/engines/render/generate.js';
import { getPath, type Tree } from '../../src/model/iop/tree.js';
import { loadOurProfile } from '../engines/render/support/cases.js';
import { chartSourceUnderTest } from '../engines/render/support/chart-source.js';
import { repoRoot } from '../support/run-cli.js';

const istioctl = join(repoRoot, '.cache', 'oracles', 'bin', 'istioctl');
const oracle = existsSync(istioctl);
const { charts, label } = await chartSourceUnderTest();

const keyOf = (o: Tree) =>
  `${o.apiVersion} ${o.kind} ${getPath(o, 'metadata.namespace') ?? ''} ${getPath(o, 'metadata.name')}`;

async function ours(profile: string): Promise<Tree[]> {
  const { manifests } = await generateManifests({
    files: [],
    set: [`profile=${profile}`],
    force: false,
    charts: () => charts,
    loadProfile: loadOurProfile,
    buildHubTag: { hub: 'docker.io/istio', tag: '1.30.3' },
    warn: () => {},
  });
  return manifests.flatMap((m) => m.objects);
}

function upstream(profile: string): Tree[] {
  const r = spawnSync(istioctl, ['manifest', 'generate', '--set', `profile=${profile}`], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  assert.equal(r.status, 0, r.stderr);
  return parseAllDocuments(r.stdout)
    .map((d) => d.toJS() as Tree)
    .filter((o) => o && typeof o.kind === 'string');
}

describe(`profile object sets (ours rendered by ${label})`, () => {
  for (const profile of ['default', 'demo', 'minimal', 'ambient']) {
    it(`${profile} matches upstream istioctl 1.30.3`, {
      skip: oracle ? false : 'oracle unavailable: no .cache/oracles/bin/istioctl',
    }, async () => {
      const mine = (await ours(profile)).map(keyOf).sort();
      const theirs = upstream(profile).map(keyOf).sort();
      assert.deepEqual(mine, theirs);
    });
  }
  if (!oracle)
    console.log(
      'profile object sets: oracle unavailable (no .cache/oracles/bin/istioctl); not counted as passing',
    );

  it('default renders the components the profile enables, and no others', async () => {
    const objs = await ours('default');
    const components = new Set(
      objs.map((o) => getPath(o, 'metadata.labels.operator\\.istio\\.io/component')).filter(Boolean),
    );
    assert.deepEqual([...components].sort(), ['IngressGateways', 'Pilot']);
    assert.ok(objs.some((o) => o.kind === 'Deployment' && getPath(o, 'metadata.name') === 'istiod'));
    assert.ok(!objs.some((o) => o.kind === 'DaemonSet'));
  });
});
