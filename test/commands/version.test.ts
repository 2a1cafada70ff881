import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeCluster } from '../../src/cluster/fake.js';
import { runCli } from '../support/run-cli.js';

function istiodPod(name: string, opts: { ready?: boolean; rev?: string; image?: string } = {}) {
  const labels: Record<string, string> = { app: 'istiod', istio: 'pilot' };
  if (opts.rev) labels['istio.io/rev'] = opts.rev;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'istio-system', labels },
    spec: { containers: [{ name: 'discovery', image: opts.image ?? 'docker.io/istio/pilot:1.30.3' }] },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True' }],
    },
  };
}

const versionBody = (v: string) =>
  JSON.stringify({
    clientVersion: { version: v, revision: 'abc', golang_version: 'go1.24', status: 'Clean', tag: v },
  });

describe('version', () => {
  it('prints the client version with --remote=false', async () => {
    const r = await runCli(['version', '--remote=false']);
    assert.deepEqual(r, { code: 0, stdout: 'client version: 1.30.3\n', stderr: '' });
  });

  it('prints JSON with clientVersion keys as upstream', async () => {
    const r = await runCli(['version', '--remote=false', '-o', 'json']);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(doc.clientVersion), [
      'version',
      'revision',
      'golang_version',
      'status',
      'tag',
    ]);
    assert.equal(doc.clientVersion.version, '1.30.3');
    assert.equal(doc.meshVersion, undefined);
  });

  it('prints YAML', async () => {
    const r = await runCli(['version', '--remote=false', '-o', 'yaml']);
    assert.match(r.stdout, /^clientVersion:\n {2}version: 1\.30\.3\n/);
  });

  it('collapses equal control-plane versions read through the monitoring port', async () => {
    const cluster = new FakeCluster({
      objects: [istiodPod('istiod-a'), istiodPod('istiod-b'), istiodPod('istiod-c', { ready: false })],
      forwards: {
        'istio-system/istiod-a:15014': { '/version': versionBody('1.30.3') },
        'istio-system/istiod-b:15014': { '/version': versionBody('1.30.3') },
      },
    });
    const r = await runCli(['version'], { cluster });
    assert.equal(r.stdout, 'client version: 1.30.3\ncontrol plane version: 1.30.3\n');
  });

  it('prints one line per instance when versions differ', async () => {
    const cluster = new FakeCluster({
      objects: [istiodPod('istiod-a'), istiodPod('istiod-b', { rev: 'canary' })],
      forwards: {
        'istio-system/istiod-a:15014': { '/version': versionBody('1.30.3') },
        'istio-system/istiod-b:15014': { '/version': versionBody('1.29.1') },
      },
    });
    const r = await runCli(['version'], { cluster });
    assert.equal(r.stdout, 'client version: 1.30.3\npilot version: 1.30.3\npilot version: 1.29.1\n');
    const j = JSON.parse((await runCli(['version', '-o', 'json'], { cluster })).stdout);
    assert.deepEqual(
      j.meshVersion.map((m: { Revision: string; Info: { version: string } }) => [m.Revision, m.Info.version]),
      [
        ['default', '1.30.3'],
        ['canary', '1.29.1'],
      ],
    );
  });

  it('falls back to the image tag when the port-forward fails, and says so', async () => {
    const cluster = new FakeCluster({
      objects: [istiodPod('istiod-a', { image: 'docker.io/istio/pilot:1.30.1' })],
    });
    const r = await runCli(['version'], { cluster });
    assert.equal(r.stdout, 'client version: 1.30.3\ncontrol plane version: 1.30.1\n');
    assert.match(r.stderr, /image tag/);
  });

  it('says Istio is not present when no istiod runs', async () => {
    const r = await runCli(['version'], { cluster: new FakeCluster() });
    assert.equal(r.code, 0);
    assert.equal(r.stdout, 'client version: 1.30.3\n');
    assert.equal(
      r.stderr,
      'Istio is not present in the cluster: no running Istio pods in namespace "istio-system"\n',
    );
  });

  it('filters by revision', async () => {
    const cluster = new FakeCluster({
      objects: [istiodPod('istiod-a'), istiodPod('istiod-b', { rev: 'canary', image: 'x/pilot:1.29.0' })],
    });
    const r = await runCli(['version', '-r', 'canary'], { cluster });
    assert.equal(r.stdout, 'client version: 1.30.3\ncontrol plane version: 1.29.0\n');
  });
});
