import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { runCli } from '../support/run-cli.js';

describe('istioctl profile (extension)', () => {
  it('lists the built-in profiles', async () => {
    const r = await runCli(['profile', 'list']);
    assert.equal(r.code, 0, r.stderr);
    const names = r.stdout
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((l) => l.trim());
    assert.equal(r.stdout.split('\n')[0], 'Istio configuration profiles:');
    assert.ok(r.stdout.includes('\n    demo\n'));
    assert.deepEqual(names, [...names].sort());
    for (const n of ['ambient', 'default', 'demo', 'empty', 'minimal', 'preview', 'remote', 'stable'])
      assert.ok(names.includes(n));
  });

  it('dumps a profile merged over default, with the release hub and tag', async () => {
    const r = await runCli(['profile', 'dump', 'demo']);
    assert.equal(r.code, 0, r.stderr);
    const iop = parse(r.stdout);
    assert.equal(iop.spec.profile, 'demo');
    assert.equal(iop.spec.hub, 'docker.io/istio');
    assert.equal(iop.spec.tag, '1.30.3');
    assert.equal(iop.spec.components.egressGateways[0].enabled, true);
    assert.equal(iop.spec.values.global.istioNamespace, 'istio-system');
  });

  it('dumps a subtree as JSON or as --set flags', async () => {
    const j = await runCli(['profile', 'dump', 'ambient', '-p', 'components.ztunnel', '-o', 'json']);
    assert.equal(j.code, 0, j.stderr);
    assert.deepEqual(JSON.parse(j.stdout), { enabled: true });
    assert.match(j.stdout, /^\{\n {4}"enabled"/);
    const f = await runCli(['profile', 'dump', 'minimal', '--config-path', 'components', '-o', 'flags']);
    assert.ok(f.stdout.split('\n').includes('ingressGateways[0].enabled=false'), f.stdout);
  });

  it('diffs two profiles, exiting 1 when they differ', async () => {
    const same = await runCli(['profile', 'diff', 'default', 'default']);
    assert.equal(same.code, 0);
    assert.equal(same.stdout, 'Profiles are identical\n');
    const d = await runCli(['profile', 'diff', 'default', 'demo']);
    assert.equal(d.code, 1);
    assert.match(d.stdout, /^The difference between profiles:\n--- default\n\+\+\+ demo\n/);
    assert.match(d.stdout, /\n\+ {4}profile: demo\n/);
  });

  it('rejects unknown profiles and conflicting inputs with exit 64', async () => {
    const u = await runCli(['profile', 'dump', 'nope']);
    assert.equal(u.code, 64);
    assert.match(u.stderr, /profile "nope" not found/);
    const c = await runCli(['profile', 'dump', 'demo', '-f', 'x.yaml']);
    assert.equal(c.code, 64);
    assert.match(c.stderr, /cannot specify both profile name and filename flag/);
  });
});
