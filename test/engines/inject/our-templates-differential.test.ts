// Every injection/gateway template our istiod chart ships (manifests/charts/istiod/files/<name>.yaml) must
// produce the same objects as upstream's template of that name (conformance inject-config.yaml, read at run
// time) for the same data: each conformance pod crossed with value and data variants that reach the
// templates' branches. Both run on our engine, which the Go oracle vectors check on upstream's templates.
// Outputs are compared as parsed YAML documents (YAML 1.1, as sigs.k8s.io/yaml reads them); a key whose
// value is null counts as absent, since istiod decodes the result into typed Kubernetes objects.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { parse, parseAllDocuments } from 'yaml';
import { conformanceRoot } from '../../support/run-cli.js';
import { runVector, type Vector } from '../template/support.js';
import { CHART_TEMPLATES, chartTemplate } from './support/chart-templates.js';

type Data = Record<string, any>;
const injectRoot = join(conformanceRoot, 'inject');
const vectorsModule = '../template/inject-vectors.mjs';
const { injectData, POD_FILES } = (await import(vectorsModule)) as {
  injectData(pod: { name: string; meta: Data; spec: Data }, values: Data, mesh: Data): Data;
  POD_FILES: string[];
};

const upstream = (parse(readFileSync(join(injectRoot, 'defaults', 'inject-config.yaml'), 'utf8')) as Data)
  .templates as Record<string, string>;
const values = JSON.parse(readFileSync(join(injectRoot, 'defaults', 'values.json'), 'utf8')) as Data;
const mesh = (parse(readFileSync(join(injectRoot, 'defaults', 'mesh.yaml'), 'utf8')) ?? {}) as Data;

const I = (n: number) => ({ $int: String(n) });
const strmap = (o: Record<string, string>) => ({ $strmap: o });

function setPath(o: Data, path: string, v: unknown): void {
  const keys = path.split('.');
  let cur = o;
  for (const k of keys.slice(0, -1)) {
    if (cur[k] === null || typeof cur[k] !== 'object') cur[k] = {};
    cur = cur[k];
  }
  cur[keys.at(-1)!] = v;
}

const annotate = (d: Data, a: Record<string, string>) => {
  d.ObjectMeta.Annotations.$strmap = { ...d.ObjectMeta.Annotations.$strmap, ...a };
};

/** Each variant changes the data of one run: `Values.x.y` paths or a function on the whole data. */
const VARIANTS: Record<string, (d: Data) => void> = {
  defaults: () => {},
  gkeCertificates: (d) => setPath(d, 'Values.global.caName', 'GkeWorkloadCertificate'),
  kubernetesCerts: (d) => setPath(d, 'Values.global.pilotCertProvider', 'kubernetes'),
  mtlsCertsAndSecrets: (d) => {
    setPath(d, 'Values.global.mountMtlsCerts', true);
    setPath(d, 'Values.global.imagePullSecrets', ['one', 'two']);
    setPath(d, 'Values.global.imagePullPolicy', 'Always');
    d.Spec.ServiceAccountName = 'sa-x';
  },
  loggingAndSts: (d) => {
    setPath(d, 'Values.global.logAsJson', true);
    setPath(d, 'Values.global.sts.servicePort', 15463);
    setPath(d, 'Values.global.proxy.outlierLogPath', '/dev/stdout');
  },
  multiNetwork: (d) => {
    setPath(d, 'Values.global.network', 'net-a');
    setPath(d, 'Values.global.meshID', 'mesh-1');
    setPath(d, 'Values.global.multiCluster.clusterName', 'east');
    setPath(d, 'Values.global.caAddress', 'ca.example:443');
    setPath(d, 'Values.revision', 'canary');
    d.Revision = 'canary';
  },
  noTrustDomain: (d) => {
    d.MeshConfig.TrustDomain = '';
    setPath(d, 'Values.global.trustDomain', '');
  },
  lifecycleNoResources: (d) => {
    setPath(d, 'Values.global.proxy.lifecycle', { preStop: { exec: { command: ['sleep', '5'] } } });
    setPath(d, 'Values.global.proxy.resources', null);
    setPath(d, 'Values.global.waypoint.resources', null);
  },
  gatewaySecurity: (d) => {
    setPath(d, 'Values.gateways.securityContext', { runAsUser: 1000, fsGroup: 2000 });
    setPath(d, 'Values.gateways.seccompProfile', { type: 'RuntimeDefault' });
  },
  seccompOnly: (d) => setPath(d, 'Values.gateways.seccompProfile', { type: 'RuntimeDefault' }),
  trustBundles: (d) => {
    setPath(d, 'Values.pilot.env.ENABLE_CLUSTER_TRUST_BUNDLE_API', true);
    setPath(d, 'Values.global.trustBundleName', 'my-bundle');
  },
  trustBundleName: (d) => setPath(d, 'Values.global.trustBundleName', 'my-bundle'),
  waypointScheduling: (d) => {
    setPath(d, 'Values.global.waypoint.affinity', { nodeAffinity: { x: 'y' } });
    setPath(d, 'Values.global.waypoint.nodeSelector', { disk: 'ssd' });
    setPath(d, 'Values.global.waypoint.tolerations', [{ key: 'k', operator: 'Exists' }]);
    setPath(d, 'Values.global.waypoint.topologySpreadConstraints', [{ maxSkew: 1 }]);
    setPath(d, 'Values.global.platform', 'openshift');
  },
  otherPlatform: (d) => setPath(d, 'Values.global.platform', 'gke'),
  podAnnotations: (d) =>
    annotate(d, {
      'sidecar.istio.io/proxyImage': 'example.io/custom/proxy:1',
      'gateway.istio.io/agentgatewayImage': 'example.io/custom/agw:1',
      'sidecar.istio.io/logLevel': 'debug',
      'sidecar.istio.io/componentLogLevel': 'misc:info',
      'sidecar.istio.io/agentLogLevel': 'all:debug',
      'sidecar.istio.io/bootstrapOverride': 'my-bootstrap',
      'readiness.status.sidecar.istio.io/initialDelaySeconds': '7',
      'readiness.status.sidecar.istio.io/periodSeconds': '9',
      'readiness.status.sidecar.istio.io/failureThreshold': '11',
      'kubectl.kubernetes.io/default-container': 'x',
      'kubectl.kubernetes.io/default-logs-container': 'y',
    }),
  proxyResourceAnnotations: (d) =>
    annotate(d, {
      'sidecar.istio.io/proxyCPU': '300m',
      'sidecar.istio.io/proxyMemoryLimit': '1Gi',
    }),
  allResourceAnnotations: (d) =>
    annotate(d, {
      'sidecar.istio.io/proxyCPU': '300m',
      'sidecar.istio.io/proxyMemory': '64Mi',
      'sidecar.istio.io/proxyCPULimit': '1',
      'sidecar.istio.io/proxyMemoryLimit': '1Gi',
    }),
  noStatusPort: (d) => annotate(d, { 'status.sidecar.istio.io/port': '0' }),
  canonicalLabels: (d) => {
    d.ObjectMeta.Labels.$strmap = {
      ...d.ObjectMeta.Labels.$strmap,
      'app.kubernetes.io/name': 'named',
      'app.kubernetes.io/version': 'v9',
    };
  },
  proxyData: (d) => {
    d.ProxyConfig.ProxyMetadata = strmap({ B_KEY: 'b', A_KEY: 'a' });
    d.CompliancePolicy = 'fips-140-2';
    d.InboundTrafficPolicyMode = 'localhost';
    d.ProxyUID = I(1400);
    d.ProxyGID = I(1401);
    d.AgentgatewayImage = 'registry.example/agentgateway:2';
  },
  noOwner: (d) => {
    d.DeploymentMeta = { Name: '', Namespace: '' };
    d.TypeMeta = { Kind: '', APIVersion: '' };
  },
  gatewayInfrastructure: (d) => {
    d.InfrastructureLabels = strmap({ 'topology.istio.io/network': 'net-b', team: 'blue' });
    d.InfrastructureAnnotations = strmap({
      'kubectl.kubernetes.io/last-applied-configuration': '{}',
      'gateway.istio.io/service-account': 'sa',
      owner: 'me',
    });
    d.ControllerLabel = 'istio.io-eastwest-controller';
    d.KubeVersion = I(127);
    d.ServiceType = 'LoadBalancer';
    d.Spec.Addresses = [{ Value: '10.0.0.9' }];
    d.Ports = [];
  },
  loadBalancerWithoutAddress: (d) => {
    d.ServiceType = 'LoadBalancer';
    d.ClusterID = 'cluster-9';
  },
  networkLabelOnly: (d) => {
    d.InfrastructureLabels = strmap({ 'topology.istio.io/network': 'net-c' });
  },
};

function podOf(file: string): { name: string; meta: Data; spec: Data } {
  for (const doc of parseAllDocuments(readFileSync(join(injectRoot, 'cases', file), 'utf8'))) {
    const o = doc.toJS() as Data | null;
    if (!o) continue;
    if (o.kind === 'Pod')
      return { name: o.metadata?.name ?? 'pod', meta: o.metadata ?? {}, spec: o.spec ?? {} };
    const tpl = o.spec?.template ?? o.spec?.jobTemplate?.spec?.template;
    if (tpl) return { name: o.metadata?.name ?? 'workload', meta: tpl.metadata ?? {}, spec: tpl.spec ?? {} };
  }
  throw new Error(`no pod in ${file}`);
}

function dropNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropNulls);
  if (v !== null && typeof v === 'object') {
    const out: Data = {};
    for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = dropNulls(x);
    return out;
  }
  return v;
}

/** The objects a rendering stands for, or the reason it stands for none. */
function objects(out: string, err: string | undefined): unknown {
  if (err) return { renderError: err.replace(/^template: [^:]+:\d+:\d+: /, '') };
  const docs = parseAllDocuments(out, { version: '1.1' });
  const bad = docs.find((d) => d.errors.length > 0);
  if (bad) return { yamlError: true };
  return docs.map((d) => dropNulls(d.toJS())).filter((d) => d !== null && d !== undefined);
}

const PODS = [
  ...POD_FILES,
  'grpc-agent.yaml',
  'grpc-simple.yaml',
  'gateway-with-default-container.yaml',
  'user-volume.yaml',
];
// The gateway deployment controller's templates read only the Gateway's name and annotations from the
// pod-shaped data, so a few pods cover them.
const CONTROLLER_TEMPLATES = new Set(['waypoint', 'kube-gateway', 'agentgateway']);
const podsFor = (name: string) =>
  CONTROLLER_TEMPLATES.has(name) ? ['hello.yaml', 'gateway.yaml', 'user-volume.yaml'] : PODS;

describe('our chart templates produce the objects upstream templates produce', () => {
  for (const name of CHART_TEMPLATES) {
    it(`${name}: every pod x variant`, () => {
      const mine = chartTemplate(name);
      const theirs = upstream[name];
      assert.ok(theirs, `upstream has no ${name} template`);
      const differ: string[] = [];
      let compared = 0;
      let rendered = 0;
      const pods = podsFor(name);
      for (const file of pods) {
        const pod = podOf(file);
        for (const [variant, change] of Object.entries(VARIANTS)) {
          const data = structuredClone(injectData(pod, values, mesh));
          change(data);
          const run = (tpl: string) => {
            const v: Vector = {
              name: `${name}-${file}-${variant}`,
              mode: 'istio',
              tplName: 'inject',
              tpl,
              data,
            };
            const r = runVector(v);
            return objects(r.out, r.err);
          };
          const want = run(theirs);
          // Upstream's own output is unusable here (it renders YAML that does not parse): nothing to match.
          if ((want as Data).yamlError) continue;
          compared++;
          if (Array.isArray(want)) rendered++;
          const got = run(mine);
          try {
            assert.deepEqual(got, want);
          } catch {
            differ.push(`${file} / ${variant}: ${JSON.stringify(firstDifference(got, want))}`);
          }
        }
      }
      const runs = pods.length * Object.keys(VARIANTS).length;
      assert.ok(compared >= runs * 0.9, `compared only ${compared} of ${runs}`);
      // Matching upstream's errors is not enough: most runs must produce objects to compare.
      assert.ok(rendered >= runs * 0.8, `upstream rendered objects in only ${rendered} of ${runs} runs`);
      assert.deepEqual(differ.slice(0, 10), [], `${differ.length} differ`);
    });
  }
});

function firstDifference(a: unknown, b: unknown, path = ''): unknown {
  if (isDeepStrictEqual(a, b)) return undefined;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const d = firstDifference((a as Data)[k], (b as Data)[k], `${path}.${k}`);
      if (d !== undefined) return d;
    }
  }
  return { path, ours: a, upstream: b };
}
