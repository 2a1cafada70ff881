// upstream's manifest-generate assert/error cases (cases.json kinds assert, error, no-error, no-crash),
// each check written from the case's `expect` list.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { formatManifests } from '../../src/engines/render/generate.js';
import { getPath, isMap, type Tree } from '../../src/model/iop/tree.js';
import { loadCases, renderCase } from '../engines/render/support/cases.js';
import { chartSourceUnderTest } from '../engines/render/support/chart-source.js';
import { repoRoot } from '../support/run-cli.js';

const haveCrds = existsSync(join(repoRoot, 'manifests', 'charts', 'base', 'files', 'crd-all.gen.yaml'));

const { charts, label } = await chartSourceUnderTest();
const cases = new Map(loadCases().map((c) => [c.name, c]));

async function objectsOf(name: string, extra: string[] = []): Promise<{ objs: Tree[]; text: string }> {
  const c = cases.get(name);
  assert.ok(c, `case ${name} exists`);
  const { manifests } = await renderCase({ ...c, flags: [...c.flags, ...extra] }, charts);
  return { objs: manifests.flatMap((m) => m.objects), text: await formatManifests(manifests) };
}

const find = (objs: Tree[], kind: string, name: string) =>
  objs.find((o) => o.kind === kind && getPath(o, 'metadata.name') === name);
const image = (o: Tree | undefined, container: string) =>
  (getPath(o, 'spec.template.spec.containers') as Tree[] | undefined)?.find((c) => c.name === container)
    ?.image;
const container = (o: Tree | undefined, name: string) =>
  (getPath(o, 'spec.template.spec.containers') as Tree[]).find((c) => c.name === name) as Tree;

describe(`manifest generate assertions (charts rendered by ${label})`, () => {
  it('component_hub_tag: component hub/tag beat spec hub/tag, with the global variant', async () => {
    const { objs } = await objectsOf('component_hub_tag');
    assert.equal(
      image(find(objs, 'Deployment', 'istio-ingressgateway'), 'istio-proxy'),
      'istio-spec.hub/proxyv2:istio-spec.tag-global.variant',
    );
    assert.equal(
      image(find(objs, 'Deployment', 'istiod'), 'discovery'),
      'component.pilot.hub/pilot:2-global.variant',
    );
    assert.equal(
      image(find(objs, 'DaemonSet', 'istio-cni-node'), 'install-cni'),
      'component.cni.hub/install-cni:v3.3.3-global.variant',
    );
    assert.equal(
      image(find(objs, 'DaemonSet', 'ztunnel'), 'istio-proxy'),
      'component.ztunnel.hub/ztunnel:4-global.variant',
    );
  });

  it('gateways-with-custom-tags-and-no-labels', async () => {
    const { objs } = await objectsOf('gateways-with-custom-tags-and-no-labels');
    assert.match(
      String(image(find(objs, 'Deployment', 'istio-ingressgateway'), 'istio-proxy')),
      /:special-tag$/,
    );
    assert.match(
      String(image(find(objs, 'Deployment', 'istio-egressgateway'), 'istio-proxy')),
      /:special-tag2$/,
    );
  });

  it('gateways: three gateways with their labels, k8s settings, overlays and --set selectors', async () => {
    const { objs } = await objectsOf('gateways');
    const count = (kind: string, pred: (o: Tree) => boolean = () => true) =>
      objs.filter((o) => o.kind === kind && pred(o)).length;
    assert.equal(count('HorizontalPodAutoscaler'), 3);
    assert.equal(count('PodDisruptionBudget'), 3);
    assert.equal(
      count('Service', (o) => getPath(o, 'metadata.labels.istio') === 'ingressgateway'),
      3,
    );
    for (const k of ['Role', 'RoleBinding', 'ServiceAccount']) {
      assert.equal(
        count(k, (o) => String(getPath(o, 'metadata.name')).includes('gateway')),
        3,
        k,
      );
    }
    const ingress = find(objs, 'Deployment', 'istio-ingressgateway');
    assert.equal(
      getPath(ingress, 'spec.template.metadata.labels.service\\.istio\\.io/canonical-revision'),
      '21',
    );
    assert.equal(getPath(ingress, 'metadata.labels.aaa'), 'aaa-val');
    assert.deepEqual(container(ingress, 'istio-proxy').resources, {
      requests: { cpu: '111m', memory: '999Mi' },
      limits: { cpu: '2000m', memory: '1024Mi' },
    });
    const user = find(objs, 'Deployment', 'user-ingressgateway');
    assert.equal(getPath(user, 'metadata.labels.ccc'), 'ccc-val');
    assert.equal(getPath(container(user, 'istio-proxy'), 'resources.requests.cpu'), '555m');
    assert.equal(getPath(container(user, 'istio-proxy'), 'resources.requests.memory'), '888Mi');
    const ilb = find(objs, 'Deployment', 'ilb-gateway');
    assert.equal(getPath(ilb, 'metadata.labels.app'), 'istio-ingressgateway');
    assert.equal(getPath(ilb, 'metadata.labels.release'), 'istio');
    assert.equal(getPath(container(ilb, 'istio-proxy'), 'resources.requests.cpu'), '333m');
    assert.equal(getPath(container(ilb, 'istio-proxy'), 'env.[name:PILOT_CERT_PROVIDER].value'), 'foobar');
    const svc = find(objs, 'Service', 'ilb-gateway');
    assert.equal(getPath(svc, 'metadata.annotations.cloud\\.google\\.com/load-balancer-type'), 'internal');
    assert.deepEqual(
      (getPath(svc, 'spec.ports') as Tree[]).map((p) => [p.name, p.port, p.targetPort]),
      [
        ['grpc-pilot-mtls', 15011, undefined],
        ['tcp-citadel-grpc-tls', 8060, 8060],
        ['tcp-dns', 5353, undefined],
      ],
    );
    for (const h of objs.filter((o) => o.kind === 'HorizontalPodAutoscaler')) {
      assert.deepEqual([getPath(h, 'spec.minReplicas'), getPath(h, 'spec.maxReplicas')], [2, 5]);
    }
    for (const rb of objs.filter((o) => o.kind === 'RoleBinding'))
      assert.ok(find(objs, 'Role', String(getPath(rb, 'roleRef.name'))));
  });

  for (const name of ['istiod_remote', 'istiod_remote_ipv6', 'istiod_remote_config', 'istiod_remote_local']) {
    it(`${name}: a remote control plane's objects`, async () => {
      const { objs } = await objectsOf(name);
      const mwc = find(objs, 'MutatingWebhookConfiguration', 'istio-sidecar-injector');
      if (haveCrds) {
        for (const crd of ['destinationrules', 'gateways', 'sidecars', 'virtualservices']) {
          assert.ok(find(objs, 'CustomResourceDefinition', `${crd}.networking.istio.io`), crd);
        }
        assert.ok(find(objs, 'CustomResourceDefinition', 'authorizationpolicies.security.istio.io'));
        assert.equal(find(objs, 'CustomResourceDefinition', 'adapters.config.istio.io'), undefined);
      } else {
        console.log('CRD checks skipped: manifests/charts/base/files/crd-all.gen.yaml not generated yet');
      }
      assert.ok(find(objs, 'ConfigMap', 'istio-sidecar-injector'));
      assert.ok(find(objs, 'ServiceAccount', 'istio-reader-service-account'));
      const sliceName = name === 'istiod_remote_local' ? 'istiod-remote' : 'istiod';
      const slice = find(objs, 'EndpointSlice', sliceName);
      assert.equal(
        getPath(slice, 'endpoints[0].addresses[0]'),
        name === 'istiod_remote_ipv6' ? '2001:db8::1' : '169.10.112.88',
      );
      assert.deepEqual(
        [getPath(slice, 'ports[0].name'), getPath(slice, 'ports[0].port')],
        ['tcp-istiod', 15012],
      );
      if (name === 'istiod_remote' || name === 'istiod_remote_ipv6') {
        assert.equal(getPath(mwc, 'webhooks[0].clientConfig.url'), 'https://xxx:15017/inject');
      } else {
        assert.equal(getPath(mwc, 'webhooks[0].clientConfig.service.name'), 'istiod');
      }
      if (name === 'istiod_remote_ipv6') {
        assert.equal(getPath(slice, 'addressType'), 'IPv6');
        const svc = find(objs, 'Service', 'istiod');
        assert.equal(getPath(svc, 'spec.externalName'), undefined);
        assert.equal(getPath(svc, 'spec.type'), undefined);
      }
      if (name === 'istiod_remote_config') {
        assert.equal(
          getPath(
            find(objs, 'ValidatingWebhookConfiguration', 'istio-validator-istio-system'),
            'webhooks[0].clientConfig.url',
          ),
          'https://xxx:15017/validate',
        );
      }
      if (name === 'istiod_remote_local') {
        assert.ok(find(objs, 'Deployment', 'istiod'));
        assert.ok(find(objs, 'Service', 'istiod-remote'));
        assert.equal(
          getPath(
            find(objs, 'ValidatingWebhookConfiguration', 'istio-validator-istio-system'),
            'webhooks[0].clientConfig.service.name',
          ),
          'istiod',
        );
      }
      for (const b of objs.filter((o) => o.kind === 'ClusterRoleBinding'))
        assert.ok(find(objs, 'ClusterRole', String(getPath(b, 'roleRef.name'))));
    });
  }

  const readerCases: [string, boolean, string][] = [
    ['reader-rbac: enabled by default', true, 'istio-reader-clusterrole-istio-system'],
    [
      'reader-rbac: enabled by default on revisioned install',
      true,
      'istio-reader-clusterrole-canary-istio-system',
    ],
    [
      'reader-rbac: disabled explicitly on revisioned install',
      false,
      'istio-reader-clusterrole-canary-istio-system',
    ],
    ['reader-rbac: disabled explicitly', false, 'istio-reader-clusterrole-istio-system'],
  ];
  for (const [name, present, role] of readerCases) {
    it(name, async () => {
      const { objs } = await objectsOf(name);
      assert.equal(!!find(objs, 'ServiceAccount', 'istio-reader-service-account'), present);
      assert.equal(!!find(objs, 'ClusterRole', role), present);
      assert.equal(!!find(objs, 'ClusterRoleBinding', role), present);
    });
  }
  it('reader-rbac: disabled explicitly in base chart only', async () => {
    const { objs } = await objectsOf('reader-rbac: disabled explicitly in base chart only');
    assert.equal(find(objs, 'ServiceAccount', 'istio-reader-service-account'), undefined);
  });

  it('all_off renders nothing', async () => {
    const { objs, text } = await objectsOf('all_off');
    assert.equal(objs.length, 0);
    assert.equal(text, '');
  });

  it('empty + -s profile=minimal: the flag beats the file', async () => {
    assert.ok(find((await objectsOf('empty + -s profile=minimal')).objs, 'Deployment', 'istiod'));
  });

  it('minimal + hub/tag flags', async () => {
    assert.equal(
      image(find((await objectsOf('minimal + hub/tag flags')).objs, 'Deployment', 'istiod'), 'discovery'),
      'foo/pilot:bar',
    );
  });

  it('default + values flags', async () => {
    const { objs } = await objectsOf('default + values flags');
    assert.equal(
      image(find(objs, 'Deployment', 'istio-ingressgateway'), 'istio-proxy'),
      'registry.istio.io/testing/myproxy:latest',
    );
    assert.match(
      String(getPath(find(objs, 'ConfigMap', 'istio-sidecar-injector'), 'data.values')),
      /"includeIPRanges": "172\.30\.0\.0\/16,172\.21\.0\.0\/16"/,
    );
  });

  it('all_on: output is stable and --set revision equals --revision', async () => {
    const a = await objectsOf('all_on ordered output');
    const b = await objectsOf('all_on ordered output');
    assert.equal(a.text, b.text);
    const viaSet = await objectsOf('all_on --set revision=foo vs --revision=foo');
    const c = cases.get('all_on --set revision=foo vs --revision=foo')!;
    const { manifests } = await renderCase({ ...c, flags: ['--revision=foo'] }, charts);
    assert.equal(viaSet.text, await formatManifests(manifests));
    assert.ok(find(viaSet.objs, 'Deployment', 'istiod-foo'));
  });

  for (const name of ['bare_spec', 'bogus_cps', 'bare_values']) {
    it(`${name} renders without error`, async () => {
      await objectsOf(name);
    });
  }

  const errors: [string, RegExp][] = [
    ['multiple_iops', /contains multiple IstioOperator CRs, only one per file is supported/],
    ['invalid-k8s', /could not unmarshal/],
    ['invalid-k8s-values', /invalid schema for/],
  ];
  for (const [name, re] of errors) {
    it(`${name} fails`, async () => {
      await assert.rejects(objectsOf(name), re);
    });
  }

  it('egress enabled: no trailing spaces', async () => {
    const { text } = await objectsOf('egress enabled, no trailing spaces');
    assert.ok(text.length > 0);
    assert.equal(text.split('\n').filter((l) => l.endsWith(' ')).length, 0);
  });

  for (const rev of ['', 'canary']) {
    it(`config selectors${rev ? ' (revision canary)' : ''}: selectors select their pods`, async () => {
      const { objs } = await objectsOf('config selectors', rev ? ['--set', `revision=${rev}`] : []);
      const istiod = rev ? `istiod-${rev}` : 'istiod';
      const want: Record<string, Tree> = {
        [istiod]: rev ? { app: 'istiod', 'istio.io/rev': rev } : { istio: 'pilot' },
        'istio-ingressgateway': { app: 'istio-ingressgateway', istio: 'ingressgateway' },
        'istio-egressgateway': { app: 'istio-egressgateway', istio: 'egressgateway' },
      };
      for (const [name, sel] of Object.entries(want)) {
        const dep = find(objs, 'Deployment', name)!;
        assert.deepEqual(getPath(dep, 'spec.selector.matchLabels'), sel, name);
        const podLabels = getPath(dep, 'spec.template.metadata.labels') as Tree;
        const selects = (s: unknown) => isMap(s) && Object.entries(s).every(([k, v]) => podLabels[k] === v);
        assert.ok(selects(getPath(find(objs, 'Service', name), 'spec.selector')), `Service ${name}`);
        assert.ok(
          selects(getPath(find(objs, 'PodDisruptionBudget', name), 'spec.selector.matchLabels')),
          `PDB ${name}`,
        );
        assert.equal(getPath(find(objs, 'HorizontalPodAutoscaler', name), 'spec.scaleTargetRef.name'), name);
        assert.ok(
          find(objs, 'ServiceAccount', String(getPath(dep, 'spec.template.spec.serviceAccountName'))),
          `SA of ${name}`,
        );
      }
      if (rev) {
        const pod = getPath(find(objs, 'Deployment', istiod), 'spec.template.metadata.labels') as Tree;
        assert.notEqual(pod.istio, 'pilot', 'the default Service must not select canary pods');
      }
    });
  }
});
