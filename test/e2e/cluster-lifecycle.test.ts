// The cluster scripts themselves, on a second, isolated cluster (its own state folder and ports) so the shared
// one keeps serving the other e2e tests: up is idempotent, and down ends exactly the processes up started.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { connect } from '../../src/cluster/kube.js';
import { clusterScript, startFreshCluster } from './support/cluster.js';

interface State {
  processes: Array<{ name: string; bin: string; pid: number }>;
  readyAfterMs: number;
}

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

describe('cluster up/down scripts', () => {
  const parent = mkdtempSync(join(tmpdir(), 'e2e-lifecycle-'));
  const dir = join(parent, 'cluster');
  const env = { CLUSTER_DIR: dir, CLUSTER_NODES: '1' };

  after(() => {
    if (existsSync(join(dir, 'state.json'))) clusterScript('down', env);
    rmSync(parent, { recursive: true, force: true });
  });

  it('starts, reuses a healthy cluster, and stops leaving no process behind', async () => {
    const up = clusterScript('up', env);
    assert.equal(up.status, 0, up.stderr);
    assert.equal(up.stdout.trim(), `export KUBECONFIG=${join(dir, 'kubeconfig')}`);
    const state = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as State;
    assert.deepEqual(
      state.processes.map((p) => p.name),
      ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kwok'],
    );
    for (const p of state.processes) assert.ok(alive(p.pid), `${p.name} (${p.pid}) runs`);
    const cluster = await connect({ kubeconfig: join(dir, 'kubeconfig') }, {});
    const nodes = await cluster.list({ apiVersion: 'v1', kind: 'Node' });
    assert.deepEqual(
      nodes.map((n) => n.metadata.name),
      ['kwok-node-0'],
    );

    const again = clusterScript('up', env);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stderr, /reusing the running cluster/);
    const state2 = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as State;
    assert.deepEqual(
      state2.processes.map((p) => p.pid),
      state.processes.map((p) => p.pid),
      'a second up starts nothing new',
    );

    const down = clusterScript('down', env);
    assert.equal(down.status, 0, down.stderr);
    assert.match(down.stderr, /stopped 5 process\(es\)/);
    for (const p of state.processes)
      assert.equal(alive(p.pid), false, `${p.name} (${p.pid}) was left running`);
    assert.equal(existsSync(dir), false, 'the state folder is removed');
    assert.equal(clusterScript('down', env).status, 0, 'down on a stopped cluster is a no-op');
  });

  it('gives a test a private fresh cluster that nothing else touches', async () => {
    const fresh = await startFreshCluster();
    try {
      const namespaces = (await fresh.cluster.list({ apiVersion: 'v1', kind: 'Namespace' })).map(
        (n) => n.metadata.name,
      );
      assert.deepEqual(namespaces.sort(), ['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    } finally {
      fresh.stop();
    }
    assert.equal(existsSync(fresh.kubeconfig), false);
  });
});
