// kube-inject over a stream of 1,000 Deployments with the conformance default settings, against
// the real istioctl in the same run (goal: ≤ 0.5×); peak RSS from /usr/bin/time.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnFakeApiServer } from './fake-apiserver.mjs';

function deployments(n) {
  const docs = [];
  for (let i = 0; i < n; i++) {
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: ns-${i % 7}
spec:
  replicas: ${1 + (i % 3)}
  selector:
    matchLabels:
      app: app-${i}
  template:
    metadata:
      labels:
        app: app-${i}
        version: v${i % 4}
      annotations:
        sidecar.istio.io/proxyCPU: ${100 + (i % 5) * 50}m
    spec:
      containers:
      - name: app
        image: registry.example/app:${i}
        ports:
        - containerPort: ${8000 + (i % 100)}
          name: http
        readinessProbe:
          httpGet:
            path: /ready
            port: http
`);
  }
  return docs.join('---\n');
}

export default ({ node, bin, root, shared }) => {
  const istioctl = join(root, '.cache', 'oracles', 'bin', 'istioctl');
  const have = existsSync(istioctl);
  const dir = join(root, '.cache', 'bench');
  const input = join(dir, 'deployments-1000.yaml');
  const defaults = join(shared, 'conformance', 'istio-1.30.3', 'inject', 'defaults');
  const args = [
    'kube-inject',
    '-f',
    input,
    '--injectConfigFile',
    join(defaults, 'inject-config.yaml'),
    '--valuesFile',
    join(defaults, 'values.json'),
    '--meshConfigFile',
    join(defaults, 'mesh.yaml'),
  ];
  const setup = () => {
    mkdirSync(dir, { recursive: true });
    if (!existsSync(input)) writeFileSync(input, deployments(1000));
  };
  const upstream = 'istioctl (upstream 1.30.3) kube-inject 1,000 Deployments';
  // The real istioctl resolves the default revision from the cluster even with local files, so it
  // gets an empty fake API server.
  const oracle = {
    name: upstream,
    cmd: [istioctl, ...args],
    runs: 5,
    setup: async () => {
      setup();
      oracle.env.KUBECONFIG ??= (await spawnFakeApiServer()).kubeconfig;
    },
    env: { ENABLE_NATIVE_SIDECARS: 'true' },
    skip: have ? undefined : 'oracle unavailable: no upstream istioctl in .cache/oracles/bin',
  };
  return [
    oracle,
    {
      name: 'istioctl-ts kube-inject 1,000 Deployments',
      cmd: [node, bin, ...args],
      baseline: have ? upstream : undefined,
      runs: 5,
      setup,
      env: { ENABLE_NATIVE_SIDECARS: 'true' },
    },
  ];
};
