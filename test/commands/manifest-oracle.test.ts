// Field-by-field comparison with the real istioctl 1.30.3 (built into .cache/oracles/bin), for every
// profile and for settings that reach each template branch. Skipped, never passed, without the oracle.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { generateManifests } from '../../src/engines/render/generate.js';
import { loadOurProfile } from '../engines/render/support/cases.js';
import { chartSourceUnderTest } from '../engines/render/support/chart-source.js';
import { compareManifests, parseManifest } from '../engines/render/support/compare.js';
import { repoRoot } from '../support/run-cli.js';

const istioctl = join(repoRoot, '.cache', 'oracles', 'bin', 'istioctl');
const skip = existsSync(istioctl) ? false : 'oracle unavailable: no .cache/oracles/bin/istioctl';
if (skip) console.log(`manifest oracle comparison: ${skip}; not counted as passing`);
const { charts, label } = await chartSourceUnderTest();

const SCENARIOS: string[][] = [
  ...[
    'default',
    'demo',
    'minimal',
    'ambient',
    'empty',
    'preview',
    'remote',
    'stable',
    'openshift',
    'openshift-ambient',
  ].map((p) => [`profile=${p}`]),
  ['revision=canary', 'values.revisionTags[0]=prod'],
  [
    'components.cni.enabled=true',
    'values.global.network=n1',
    'values.global.meshID=m1',
    'values.global.multiCluster.clusterName=c1',
  ],
  [
    'values.global.logAsJson=true',
    'values.pilot.replicaCount=3',
    'values.pilot.autoscaleEnabled=false',
    'values.global.proxy.tracer=zipkin',
  ],
  [
    'values.global.imagePullSecrets[0]=sec',
    'values.global.priorityClassName=pc',
    'values.global.variant=distroless',
    'values.pilot.env.A=b',
  ],
  [
    'values.global.remotePilotAddress=1.2.3.4',
    'values.istiodRemote.enabled=true',
    'values.global.configCluster=true',
  ],
  [
    'profile=ambient',
    'values.pilot.taint.enabled=true',
    'values.pilot.autoscaleMin=3',
    'values.global.networkPolicy.enabled=true',
  ],
  [
    'profile=demo',
    'values.gateways.istio-ingressgateway.serviceAnnotations.a=b',
    'values.gateways.istio-egressgateway.env.X=y',
  ],
  [
    'profile=ambient',
    'values.ztunnel.logLevel=debug',
    'values.cni.cniBinDir=/x',
    'values.cni.ambient.dnsCapture=false',
    'revision=r1',
  ],
  ['profile=remote', 'values.global.remotePilotAddress=istiod.example.com'],
  [
    'profile=stable',
    'values.pilot.jwksResolverExtraRootCA=abc',
    'components.pilot.k8s.replicaCount=2',
    'values.pilot.autoscaleEnabled=false',
  ],
];

describe(`manifest generate vs istioctl 1.30.3 (ours rendered by ${label})`, () => {
  for (const sets of SCENARIOS) {
    it(sets.join(' '), { skip }, async () => {
      const { manifests } = await generateManifests({
        files: [],
        set: sets,
        force: false,
        charts: () => charts,
        loadProfile: loadOurProfile,
        buildHubTag: { hub: 'docker.io/istio', tag: '1.30.3' },
        warn: () => {},
      });
      const r = spawnSync(istioctl, ['manifest', 'generate', ...sets.flatMap((s) => ['--set', s])], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      });
      assert.equal(r.status, 0, r.stderr);
      const res = compareManifests(
        manifests.flatMap((m) => m.objects),
        parseManifest(r.stdout),
      );
      assert.deepEqual(
        res.failures,
        [],
        `${res.checks - res.failures.length}/${res.checks}\n${res.failures.join('\n')}`,
      );
    });
  }
});
