import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ClusterError } from '../../../src/cluster/cluster.js';
import { CHECKS, runPrecheck } from '../../../src/engines/precheck/index.js';
import { IST_CODES, msg, OWN_MESSAGE_TYPES, sortedDeduped } from '../../../src/engines/precheck/messages.js';
import { repoRoot } from '../../support/run-cli.js';
import { context, ReviewingCluster } from './support.js';

const options = (over: Partial<Parameters<typeof runPrecheck>[1]> = {}) => {
  const { cluster: _c, ...rest } = context(new ReviewingCluster());
  return { ...rest, skipControlPlane: false, fromVersion: '', ...over };
};

describe('runPrecheck', () => {
  it('names each check after its file, istioctl checks first', () => {
    const names = CHECKS.map((c) => c.name);
    assert.equal(new Set(names).size, names.length);
    assert.deepEqual(names.slice(0, 4), [
      'kubernetes-version',
      'install-permissions',
      'gateway-api-crds',
      'alpha-annotations',
    ]);
    assert.ok(CHECKS.slice(0, 4).every((c) => c.upstream) && CHECKS.slice(4).every((c) => !c.upstream));
  });

  it('sorts by level, code and origin and removes duplicates', () => {
    const a = msg.insufficientPermissions('roles', 'x');
    const b = msg.alphaAnnotation('Pod a/b', 'sidecar.istio.io/proxyCPU');
    const c = msg.unsupportedKubernetesVersion('v1.30.0', '1.32');
    const d = msg.futureUnsupportedGatewayAPIVersion('CustomResourceDefinition x', 'v1beta1', 'v1');
    assert.deepEqual(
      sortedDeduped([b, d, a, c, a]).map((m) => m.code),
      ['IST0141', 'IST0142', 'IST0172', 'IST0136'],
    );
  });

  it('skips an added check the user may not read, but fails on istioctl checks', async () => {
    const cluster = new ReviewingCluster();
    const list = cluster.list.bind(cluster);
    cluster.list = async (type, opts) => {
      if (type.kind === 'Pod') throw new ClusterError('pods is forbidden', 403, 'Forbidden');
      return list(type, opts);
    };
    // alpha-annotations (istioctl's) lists pods too, so it fails the run as upstream would.
    await assert.rejects(runPrecheck(cluster, options()), /pods is forbidden/);
    const withoutAlpha = CHECKS.filter((c) => c.name !== 'alpha-annotations');
    const r = await runPrecheck(cluster, options(), withoutAlpha);
    assert.deepEqual(r.skipped, [{ check: 'proxy-versions', reason: 'pods is forbidden' }]);
  });

  it('runs nothing against the cluster with skipControlPlane and no from-version', async () => {
    const cluster = new ReviewingCluster();
    const r = await runPrecheck(cluster, options({ skipControlPlane: true }));
    assert.deepEqual(r, { messages: [], skipped: [] });
    assert.deepEqual(cluster.calls, []);
  });

  it('validates --from-version before touching the cluster', async () => {
    const cluster = new ReviewingCluster();
    await assert.rejects(runPrecheck(cluster, options({ fromVersion: 'one' })), /invalid version one/);
    assert.deepEqual(cluster.calls, []);
  });

  it('documents every check and code in the README', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    for (const c of [...CHECKS.map((x) => x.name), 'from-version']) assert.ok(readme.includes(`\`${c}\``), c);
    for (const t of OWN_MESSAGE_TYPES)
      assert.ok(readme.includes(`\`${t.code}\` ${t.name} (${t.level}`), t.code);
    for (const code of IST_CODES) assert.ok(readme.includes(code), code);
  });
});
