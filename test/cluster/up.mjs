#!/usr/bin/env node
// Starts the local test cluster: etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok as
// local processes on 127.0.0.1 (binaries from test/cluster/build.sh), then registers a few kwok nodes and
// waits until they are Ready. Writes <state>/kubeconfig and prints `export KUBECONFIG=...`.
// Idempotent: when the recorded processes are alive and the API server is ready, it reuses that cluster.
// State folder: .cluster/ (or $CLUSTER_DIR). Logs: <state>/logs/. Stop with test/cluster/down.mjs.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stopCluster } from './down.mjs';
import {
  adminRequest,
  BINARIES,
  binDir,
  clusterDir,
  freePorts,
  isOurProcess,
  kubeconfigPath,
  readState,
  repoRoot,
  until,
  writeState,
} from './lib.mjs';
import { kubeconfigFor, makePki } from './pki.mjs';

const NODES = Number(process.env.CLUSTER_NODES ?? 3);
const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const log = (m) => console.error(`cluster: ${m} (${elapsed()})`);

async function healthy(state) {
  if (!state?.processes?.length) return false;
  if (!state.processes.every((p) => isOurProcess(p.pid, p.bin))) return false;
  return (await adminRequest(state, 'GET', '/readyz')).status === 200;
}

/** kwok needs Stage objects to move nodes and pods along; we use kwok's own default stages from its module. */
function kwokStages() {
  const cached = join(binDir, 'kwok-stages.yaml');
  if (existsSync(cached)) return readFileSync(cached, 'utf8');
  const go = existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : 'go';
  const dir = execFileSync(go, ['list', '-m', '-f', '{{.Dir}}', 'sigs.k8s.io/kwok'], {
    cwd: join(repoRoot, 'test', 'cluster'),
    encoding: 'utf8',
  }).trim();
  const stage = join(dir, 'kustomize', 'stage');
  const text = [
    'node/fast/node-initialize.yaml',
    'node/heartbeat-with-lease/node-heartbeat-with-lease.yaml',
    'pod/fast/pod-ready.yaml',
    'pod/fast/pod-complete.yaml',
    'pod/fast/pod-delete.yaml',
  ]
    .map((f) => readFileSync(join(stage, f), 'utf8').trim())
    .join('\n---\n');
  writeFileSync(cached, `${text}\n`);
  return text;
}

const AUDIT_POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
# Tests count writes: record every mutating request at Metadata level, nothing else.
omitStages: [RequestReceived]
rules:
- level: None
  verbs: [get, list, watch]
- level: None
  resources:
  - group: coordination.k8s.io
    resources: [leases]
  - group: ""
    resources: [events]
  - group: events.k8s.io
    resources: [events]
- level: None
  nonResourceURLs: ["*"]
- level: Metadata
`;

function start(state, name, args) {
  const bin = join(binDir, name);
  const out = openSync(join(clusterDir, 'logs', `${name}.log`), 'a');
  const child = spawn(bin, args, { detached: true, stdio: ['ignore', out, out], cwd: clusterDir });
  child.unref();
  state.processes.push({ name, bin, pid: child.pid });
  writeState(state);
}

async function main() {
  for (const b of BINARIES)
    if (!existsSync(join(binDir, b)))
      throw new Error(`missing ${join(binDir, b)}: run npm run cluster:build (needs Go >= 1.26)`);
  const previous = readState();
  if (await healthy(previous)) {
    log('reusing the running cluster');
    console.log(`export KUBECONFIG=${kubeconfigPath}`);
    return;
  }
  if (previous || existsSync(clusterDir)) {
    log('found a stale or partial cluster; stopping it first');
    await stopCluster();
  }
  const pki = join(clusterDir, 'pki');
  mkdirSync(join(clusterDir, 'logs'), { recursive: true });
  makePki(pki);
  const [etcdClient, etcdPeer, apiserver, cm, scheduler] = await freePorts(5);
  const state = {
    startedAt: new Date().toISOString(),
    ports: { etcdClient, etcdPeer, apiserver, controllerManager: cm, scheduler },
    processes: [],
  };
  writeState(state);
  const server = `https://127.0.0.1:${apiserver}`;
  for (const name of ['admin', 'kube-controller-manager', 'kube-scheduler', 'kwok'])
    writeFileSync(
      join(clusterDir, name === 'admin' ? 'kubeconfig' : `${name}.kubeconfig`),
      kubeconfigFor(pki, name, server),
    );
  writeFileSync(join(clusterDir, 'audit-policy.yaml'), AUDIT_POLICY);
  writeFileSync(join(clusterDir, 'kwok.yaml'), kwokStages());
  log(`certificates ready; ports etcd=${etcdClient} apiserver=${apiserver}`);

  const etcdUrl = `http://127.0.0.1:${etcdClient}`;
  const peerUrl = `http://127.0.0.1:${etcdPeer}`;
  start(state, 'etcd', [
    '--name=local',
    `--data-dir=${join(clusterDir, 'etcd')}`,
    `--listen-client-urls=${etcdUrl}`,
    `--advertise-client-urls=${etcdUrl}`,
    `--listen-peer-urls=${peerUrl}`,
    `--initial-advertise-peer-urls=${peerUrl}`,
    `--initial-cluster=local=${peerUrl}`,
    '--unsafe-no-fsync',
    '--log-level=warn',
  ]);
  const p = (f) => join(pki, f);
  start(state, 'kube-apiserver', [
    `--etcd-servers=${etcdUrl}`,
    '--bind-address=127.0.0.1',
    '--advertise-address=127.0.0.1',
    `--secure-port=${apiserver}`,
    `--tls-cert-file=${p('apiserver.crt')}`,
    `--tls-private-key-file=${p('apiserver.key')}`,
    `--client-ca-file=${p('ca.crt')}`,
    `--service-account-key-file=${p('sa.pub')}`,
    `--service-account-signing-key-file=${p('sa.key')}`,
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
    '--service-cluster-ip-range=10.96.0.0/16',
    '--authorization-mode=Node,RBAC',
    // On top of the default-enabled plugins (NamespaceLifecycle, ServiceAccount, PodSecurity, ResourceQuota...).
    '--enable-admission-plugins=NodeRestriction,MutatingAdmissionWebhook,ValidatingAdmissionWebhook',
    `--audit-policy-file=${join(clusterDir, 'audit-policy.yaml')}`,
    `--audit-log-path=${join(clusterDir, 'audit.log')}`,
    '--audit-log-format=json',
    '--audit-log-mode=blocking',
    `--requestheader-client-ca-file=${p('front-proxy-ca.crt')}`,
    '--requestheader-allowed-names=front-proxy-client',
    '--requestheader-username-headers=X-Remote-User',
    '--requestheader-group-headers=X-Remote-Group',
    '--requestheader-extra-headers-prefix=X-Remote-Extra-',
    `--proxy-client-cert-file=${p('front-proxy-client.crt')}`,
    `--proxy-client-key-file=${p('front-proxy-client.key')}`,
    '--allow-privileged=true',
    '--profiling=false',
    '--v=1',
  ]);
  await until(
    'kube-apiserver /readyz',
    60_000,
    async () => (await adminRequest(state, 'GET', '/readyz')).status === 200,
  );
  log('kube-apiserver ready');

  const common = (name, port) => [
    `--kubeconfig=${join(clusterDir, `${name}.kubeconfig`)}`,
    `--authentication-kubeconfig=${join(clusterDir, `${name}.kubeconfig`)}`,
    `--authorization-kubeconfig=${join(clusterDir, `${name}.kubeconfig`)}`,
    '--bind-address=127.0.0.1',
    `--secure-port=${port}`,
    `--cert-dir=${join(pki, name)}`,
    '--leader-elect=false',
    '--profiling=false',
  ];
  start(state, 'kube-controller-manager', [
    ...common('kube-controller-manager', cm),
    '--use-service-account-credentials=true',
    `--service-account-private-key-file=${p('sa.key')}`,
    `--root-ca-file=${p('ca.crt')}`,
    `--cluster-signing-cert-file=${p('ca.crt')}`,
    `--cluster-signing-key-file=${p('ca.key')}`,
    '--controllers=*',
    '--v=1',
  ]);
  start(state, 'kube-scheduler', [...common('kube-scheduler', scheduler), '--v=1']);
  start(state, 'kwok', [
    `--kubeconfig=${join(clusterDir, 'kwok.kubeconfig')}`,
    `--config=${join(clusterDir, 'kwok.yaml')}`,
    '--manage-all-nodes=false',
    '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake',
    '--cidr=10.244.0.0/16',
    '--node-ip=10.0.0.1',
    // Without leases the node lifecycle controller sees heartbeats older than its grace period,
    // flips the nodes NotReady for a moment, and marks every pod NotReady for good (kwok does not
    // re-run the pod-ready stage). Leases renewed by kwok keep the nodes, and so the pods, Ready.
    '--node-lease-duration-seconds=40',
  ]);

  for (let i = 0; i < NODES; i++) {
    const name = `kwok-node-${i}`;
    const res = await adminRequest(state, 'POST', '/api/v1/nodes', {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
        labels: {
          'kubernetes.io/hostname': name,
          'kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'amd64',
          type: 'kwok',
          'topology.kubernetes.io/zone': `zone-${i % 2}`,
        },
      },
      status: {
        allocatable: { cpu: '16', memory: '64Gi', pods: '110' },
        capacity: { cpu: '16', memory: '64Gi', pods: '110' },
      },
    });
    if (res.status !== 201 && res.status !== 409)
      throw new Error(`creating node ${name}: HTTP ${res.status} ${res.body}`);
  }
  await until(`${NODES} Ready nodes`, 60_000, async () => {
    const res = await adminRequest(state, 'GET', '/api/v1/nodes?labelSelector=type%3Dkwok');
    if (res.status !== 200) return false;
    const ready = JSON.parse(res.body).items.filter((n) =>
      (n.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'),
    );
    return ready.length >= NODES;
  });
  log(`${NODES} nodes Ready`);
  // The default ServiceAccount is what lets pods be admitted in a namespace: wait for the controllers to be up.
  await until(
    'the default ServiceAccount',
    60_000,
    async () =>
      (await adminRequest(state, 'GET', '/api/v1/namespaces/default/serviceaccounts/default')).status === 200,
  );
  for (const proc of state.processes)
    if (!isOurProcess(proc.pid, proc.bin))
      throw new Error(`${proc.name} exited: see ${join(clusterDir, 'logs', `${proc.name}.log`)}`);
  state.readyAfterMs = Date.now() - t0;
  writeState(state);
  log(`cluster ready in ${elapsed()}`);
  console.log(`export KUBECONFIG=${kubeconfigPath}`);
}

main().catch(async (err) => {
  console.error(`cluster: ${err.message}`);
  console.error(`cluster: logs are in ${join(clusterDir, 'logs')}`);
  process.exitCode = 1;
});
