import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeCluster } from '../../src/cluster/fake.js';
import { injectorWebhookConfig, istiod, ReviewingCluster, service } from '../engines/precheck/support.js';
import { runCli } from '../support/run-cli.js';

const OK_LINE = '✔ No issues found when checking the cluster. Istio is safe to install or upgrade!\n';
const plain = { NO_COLOR: '1' };

describe('x precheck', () => {
  it('passes a clean cluster: exit 0, the all-clear on stderr, nothing on stdout', async () => {
    for (const alias of ['x', 'exp', 'experimental']) {
      const r = await runCli([alias, 'precheck'], { cluster: new ReviewingCluster() });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, '');
      assert.ok(r.stderr.startsWith(OK_LINE), r.stderr);
      assert.match(r.stderr, /getting-started/);
    }
  });

  it('prints denials as IST0141 lines and fails', async () => {
    const cluster = new ReviewingCluster({
      deny: { namespaces: '', customresourcedefinitions: 'forbidden' },
    });
    const r = await runCli(['x', 'precheck'], { cluster, env: plain });
    assert.equal(r.code, 1);
    assert.equal(
      r.stdout,
      'Error [IST0141] (Cluster) No permission to create customresourcedefinitions: forbidden\n' +
        'Error [IST0141] (Cluster) No permission to create namespaces: permission denied\n',
    );
    assert.match(r.stderr, /^Error: Issues found when checking the cluster\. Istio may not be safe/);
    assert.match(r.stderr, /See https:\/\/istio\.io\/v1\.30\/docs\/reference\/config\/analysis for more/);
    assert.doesNotMatch(r.stderr, /✔/);
  });

  it('colours log lines as istioctl does unless NO_COLOR is set', async () => {
    const cluster = new ReviewingCluster({ deny: { namespaces: '' } });
    const r = await runCli(['x', 'precheck'], { cluster });
    assert.ok(r.stdout.startsWith('\x1b[1;31mError\x1b[0m [IST0141] (Cluster) '), JSON.stringify(r.stdout));
  });

  it('filters output by --output-threshold but fails on warnings regardless', async () => {
    const cluster = new ReviewingCluster({ objects: [istiod({ image: 'istio/pilot:1.29.0' })] });
    const quiet = await runCli(['x', 'precheck'], { cluster, env: plain });
    assert.equal(quiet.code, 0);
    assert.equal(quiet.stdout, '');
    const info = await runCli(['x', 'precheck', '--output-threshold', 'info'], { cluster, env: plain });
    assert.equal(info.code, 0);
    assert.match(
      info.stdout,
      /^Info \[ITS1002\] \(Deployment istio-system\/istiod\) Control plane revision "default"/,
    );
    const old = new ReviewingCluster({ objects: [istiod({ image: 'istio/pilot:1.27.0' })] });
    const errOnly = await runCli(['x', 'precheck', '--output-threshold=Error'], { cluster: old, env: plain });
    assert.equal(errOnly.code, 1);
    assert.equal(errOnly.stdout, '');
    assert.match(errOnly.stderr, /✔ No issues found/);
  });

  it('writes the documented JSON schema, [] when clean', async () => {
    const clean = await runCli(['x', 'precheck', '-o', 'json'], { cluster: new ReviewingCluster() });
    assert.equal(clean.code, 0);
    assert.deepEqual(JSON.parse(clean.stdout), []);
    const cluster = new ReviewingCluster({
      deny: { namespaces: '' },
      objects: [
        injectorWebhookConfig('istio-sidecar-injector', undefined, [
          { name: 'namespace.sidecar-injector.istio.io' },
        ]),
      ],
    });
    const r = await runCli(['x', 'precheck', '-o', 'json'], { cluster });
    assert.equal(r.code, 1);
    assert.ok(r.stdout.includes('\n\t{\n\t\t"check"'), 'tab-indented like istioctl');
    const out = JSON.parse(r.stdout) as Array<Record<string, string>>;
    assert.deepEqual(
      out.map((m) => m.code),
      ['IST0139', 'IST0141'],
      'sorted by level, then code',
    );
    assert.deepEqual(out[1], {
      check: 'install-permissions',
      code: 'IST0141',
      documentationUrl: 'https://istio.io/v1.30/docs/reference/config/analysis/ist0141/',
      level: 'Error',
      message: 'No permission to create namespaces: permission denied',
      origin: 'Cluster',
    });
    const hook = out.find((m) => m.check === 'webhook-backends')!;
    assert.deepEqual(Object.keys(hook), [
      'check',
      'code',
      'documentationUrl',
      'hint',
      'level',
      'message',
      'origin',
    ]);
    for (const m of out) assert.deepEqual(Object.keys(m), Object.keys(m).sort());
  });

  it('writes YAML', async () => {
    const cluster = new ReviewingCluster({ deny: { namespaces: '' } });
    const r = await runCli(['x', 'precheck', '-o', 'yaml'], { cluster });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^- check: install-permissions\n {2}code: IST0141\n/);
  });

  it('--skip-controlplane needs no cluster; --from-version still checks', async () => {
    const r = await runCli(['x', 'precheck', '--skip-controlplane']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /✔ No issues found/);
    const c = new FakeCluster({ objects: [service('zipkin')] });
    const f = await runCli(['x', 'precheck', '--skip-controlplane', '-f', '1.21'], {
      cluster: c,
      env: plain,
    });
    assert.equal(f.code, 1);
    assert.match(f.stdout, /^Warning \[IST0169\] \(Service istio-system\/zipkin\) /m);
    assert.deepEqual(
      c.calls.map((x) => x.method).filter((m) => m === 'create' || m === 'version'),
      [],
    );
  });

  it('rejects bad flag values', async () => {
    const bad = await runCli(['x', 'precheck', '--from-version', '2.0'], { cluster: new ReviewingCluster() });
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /Error: expected major version 1, got 2\.0/);
    const fmt = await runCli(['x', 'precheck', '-o', 'table'], { cluster: new ReviewingCluster() });
    assert.equal(fmt.code, 1);
    assert.match(fmt.stderr, /invalid output format "table"/);
    const lvl = await runCli(['x', 'precheck', '--output-threshold', 'loud']);
    assert.equal(lvl.code, 64);
    assert.match(lvl.stderr, /invalid argument "loud" for "--output-threshold/);
  });

  it('lists precheck under experimental in help', async () => {
    const r = await runCli(['x', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /precheck/);
  });

  it('scopes namespaced findings with -n', async () => {
    const pods = ['shop', 'cart'].map((ns) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: ns },
      spec: { containers: [{ name: 'istio-proxy', image: 'istio/proxyv2:1.27.0' }] },
    }));
    const r = await runCli(['x', 'precheck', '-n', 'shop'], {
      cluster: new ReviewingCluster({ objects: pods }),
      env: plain,
    });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /\(Namespace shop\)/);
    assert.doesNotMatch(r.stdout, /Namespace cart/);
  });

  it("asks about what the rendered default install creates, istioctl's eleven first", async () => {
    const cluster = new ReviewingCluster();
    const r = await runCli(['x', 'precheck', '-i', 'mesh'], { cluster });
    assert.equal(r.code, 0, r.stderr);
    const reviews = cluster.calls
      .filter((c) => c.method === 'create')
      .map(
        (c) =>
          (c.args[0] as { spec: { resourceAttributes: Record<string, string> } }).spec.resourceAttributes,
      );
    assert.deepEqual(
      reviews.slice(0, 4).map((a) => a.resource),
      ['namespaces', 'clusterroles', 'clusterrolebindings', 'customresourcedefinitions'],
    );
    const resources = reviews.map((a) => a.resource);
    assert.ok(
      resources.includes('rolebindings') && resources.includes('horizontalpodautoscalers'),
      resources.join(' '),
    );
    assert.equal(reviews.find((a) => a.resource === 'deployments')?.namespace, 'mesh');
  });

  it('reports an existing revision whose injector would overlap the one being installed', async () => {
    const legacy = injectorWebhookConfig('istio-sidecar-injector-old', 'old', [
      {
        name: 'namespace.sidecar-injector.istio.io',
        namespaceSelector: {
          matchExpressions: [{ key: 'istio-injection', operator: 'In', values: ['enabled'] }],
        },
        failurePolicy: 'Ignore',
      },
    ]);
    const r = await runCli(['x', 'precheck', '-o', 'json'], {
      cluster: new ReviewingCluster({ objects: [legacy] }),
    });
    assert.equal(r.code, 1);
    const overlap = (JSON.parse(r.stdout) as Array<{ check: string; message: string }>).filter(
      (m) => m.check === 'webhook-overlap',
    );
    assert.equal(overlap.length, 1, r.stdout);
    assert.match(overlap[0]!.message, /istio-sidecar-injector \(revision "default", to be installed\)/);
  });
});
