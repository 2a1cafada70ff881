// istioctl analyze over generated files (files only): 10,000 resources in realistic proportions
// against the real istioctl in the same run (goal: ≤ 0.33×), and our scaling from 1k to 10k to 50k
// resources (goal: linear). Peak RSS from /usr/bin/time.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Per application: a Service, a Deployment, two Pods, a VirtualService and a DestinationRule; a
 * Gateway for every 10 applications, an AuthorizationPolicy for every 2. Some references are wrong
 * on purpose (missing subsets and gateways, TLS without CA certificates) so analyzers report.
 */
export function resources(n) {
  const docs = [];
  for (let i = 0; docs.length < n; i++) {
    const ns = `ns-${i % 13}`;
    const app = `app-${i}`;
    const meta = (kind, api, name) =>
      `apiVersion: ${api}\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n  labels:\n    app: ${app}\n`;
    docs.push(
      `${meta('Service', 'v1', app)}spec:\n  selector:\n    app: ${app}\n  ports:\n  - name: http\n    port: 80\n    targetPort: 8080\n`,
    );
    docs.push(
      `${meta('Deployment', 'apps/v1', app)}spec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: ${app}\n  template:\n    metadata:\n      labels:\n        app: ${app}\n        version: v1\n    spec:\n      containers:\n      - name: app\n        image: registry.example/${app}:1.0\n        ports:\n        - containerPort: 8080\n`,
    );
    for (const p of [0, 1]) {
      docs.push(
        `${meta('Pod', 'v1', `${app}-${p}`)}    version: v1\nspec:\n  containers:\n  - name: app\n    image: registry.example/${app}:1.0\n  - name: istio-proxy\n    image: docker.io/istio/proxyv2:1.30.3\n`,
      );
    }
    if (i % 10 === 0) {
      docs.push(
        `${meta('Gateway', 'networking.istio.io/v1', `gw-${i}`)}spec:\n  selector:\n    istio: ingressgateway\n  servers:\n  - port:\n      number: 443\n      name: https-${i}\n      protocol: HTTPS\n    hosts:\n    - "${app}.example.com"\n    tls:\n      mode: SIMPLE\n      credentialName: cert-${i}\n`,
      );
    }
    const gw = i % 10 === 0 ? `  gateways:\n  - gw-${i}\n  - ${i % 20 === 0 ? 'mesh' : 'missing-gw'}\n` : '';
    docs.push(
      `${meta('VirtualService', 'networking.istio.io/v1', app)}spec:\n  hosts:\n  - ${app}\n  - ${app}.example.com\n${gw}  http:\n  - match:\n    - uri:\n        prefix: /v2\n    route:\n    - destination:\n        host: ${app}\n        subset: ${i % 7 === 0 ? 'v2' : 'v1'}\n  - route:\n    - destination:\n        host: ${app}\n        subset: v1\n      weight: 100\n`,
    );
    docs.push(
      `${meta('DestinationRule', 'networking.istio.io/v1', app)}spec:\n  host: ${app}\n${i % 9 === 0 ? '  trafficPolicy:\n    tls:\n      mode: SIMPLE\n' : ''}  subsets:\n  - name: v1\n    labels:\n      version: v1\n`,
    );
    if (i % 2 === 0) {
      docs.push(
        `${meta('AuthorizationPolicy', 'security.istio.io/v1', app)}spec:\n  selector:\n    matchLabels:\n      app: ${app}\n  action: ALLOW\n  rules:\n  - from:\n    - source:\n        namespaces: ["${ns}", "ns-${(i + 1) % 13}"]\n    to:\n    - operation:\n        methods: ["GET"]\n`,
      );
    }
  }
  return `${docs.slice(0, n).join('---\n')}`;
}

export default ({ node, bin, root }) => {
  const istioctl = join(root, '.cache', 'oracles', 'bin', 'istioctl');
  const have = existsSync(istioctl);
  const dir = join(root, '.cache', 'bench');
  const input = (n) => join(dir, `analyze-${n}.yaml`);
  const setup = (n) => () => {
    mkdirSync(dir, { recursive: true });
    if (!existsSync(input(n))) writeFileSync(input(n), resources(n));
  };
  const args = (n) => ['analyze', '--use-kube=false', '-A', input(n)];
  // both exit 79: the generated configuration has deliberate errors
  const okCodes = [79];
  const upstream = 'istioctl (upstream 1.30) analyze 10,000 resources';
  const ours10k = 'istioctl-ts analyze 10,000 resources';
  return [
    {
      name: upstream,
      cmd: [istioctl, ...args(10_000)],
      runs: 5,
      okCodes,
      setup: setup(10_000),
      skip: have ? undefined : 'oracle unavailable: no upstream istioctl in .cache/oracles/bin',
    },
    {
      name: ours10k,
      cmd: [node, bin, ...args(10_000)],
      baseline: upstream,
      runs: 5,
      okCodes,
      setup: setup(10_000),
    },
    {
      name: 'istioctl-ts analyze 1,000 resources (scaling)',
      cmd: [node, bin, ...args(1_000)],
      baseline: ours10k,
      runs: 7,
      okCodes,
      setup: setup(1_000),
    },
    {
      name: 'istioctl-ts analyze 50,000 resources (scaling)',
      cmd: [node, bin, ...args(50_000)],
      baseline: ours10k,
      runs: 3,
      warmup: 1,
      okCodes,
      setup: setup(50_000),
    },
  ];
};
