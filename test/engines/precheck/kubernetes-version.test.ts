import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeCluster } from '../../../src/cluster/fake.js';
import { kubernetesMinor, kubernetesVersion } from '../../../src/engines/precheck/kubernetes-version.js';
import { context } from './support.js';

describe('kubernetes-version', () => {
  it('passes at and above the minimum (1.32)', async () => {
    for (const minor of ['32', '33']) {
      const c = new FakeCluster({ version: { major: '1', minor, gitVersion: `v1.${minor}.1` } });
      assert.deepEqual(await kubernetesVersion.run(context(c)), []);
    }
  });

  it('reports IST0142 with the server version and the minimum', async () => {
    const c = new FakeCluster({ version: { major: '1', minor: '31', gitVersion: 'v1.31.4' } });
    const [m, ...rest] = await kubernetesVersion.run(context(c));
    assert.equal(rest.length, 0);
    assert.equal(m!.code, 'IST0142');
    assert.equal(m!.level, 'Error');
    assert.equal(m!.origin, 'Cluster');
    assert.match(m!.text, /v1\.31\.4/);
    assert.match(m!.text, /1\.32/);
  });

  it('reads vendor versions', () => {
    assert.equal(kubernetesMinor({ major: '1', minor: '30+', gitVersion: 'v1.30.2-eks-1234' }), 30);
    assert.equal(kubernetesMinor({ major: '1', minor: '31+', gitVersion: '' }), 31);
    assert.equal(kubernetesMinor({ major: '', minor: '', gitVersion: 'weird' }), undefined);
  });

  it('fails when the version cannot be read', async () => {
    const c = new FakeCluster().failOn('version', new Error('connection refused'));
    await assert.rejects(
      kubernetesVersion.run(context(c)),
      /failed to get the Kubernetes version: connection refused/,
    );
  });
});
