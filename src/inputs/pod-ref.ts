// The `[<type>/]<name>[.<namespace>]` argument shared by proxy-config, proxy-status and friends
// (reference §3.1), and its resolution to one pod through the Cluster interface.
import { IstioctlError } from '../cli/errors.js';
import type { Cluster, KubeObject, TypeRef } from '../cluster/cluster.js';

export interface PodRef {
  /** Lower-cased resource type as typed (`deployment`), or '' for a bare pod name. */
  type: string;
  name: string;
  namespace: string;
}

/** Splits the argument; the namespace comes after the last `.` of the part after any `/`. */
export function parsePodRef(arg: string, defaultNamespace: string): PodRef {
  let type = '';
  let rest = arg;
  const slash = arg.indexOf('/');
  if (slash >= 0) {
    type = arg.slice(0, slash).toLowerCase();
    rest = arg.slice(slash + 1);
  }
  const dot = rest.lastIndexOf('.');
  if (dot >= 0) return { type, name: rest.slice(0, dot), namespace: rest.slice(dot + 1) };
  return { type, name: rest, namespace: defaultNamespace };
}

interface Workload {
  type: TypeRef;
  /** The pod label selector of the object, or undefined when it selects nothing. */
  selector(obj: KubeObject): string | undefined;
}

function matchLabelsSelector(obj: KubeObject): string | undefined {
  const sel = (obj.spec as { selector?: { matchLabels?: Record<string, string> } } | undefined)?.selector;
  return labelsToSelector(sel?.matchLabels);
}

function labelsToSelector(labels: Record<string, string> | undefined): string | undefined {
  if (!labels || Object.keys(labels).length === 0) return undefined;
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',');
}

const APPS = (kind: string): Workload => ({
  type: { apiVersion: 'apps/v1', kind },
  selector: matchLabelsSelector,
});

const WORKLOADS: Record<string, Workload> = {
  deployment: APPS('Deployment'),
  deployments: APPS('Deployment'),
  deploy: APPS('Deployment'),
  statefulset: APPS('StatefulSet'),
  statefulsets: APPS('StatefulSet'),
  sts: APPS('StatefulSet'),
  daemonset: APPS('DaemonSet'),
  daemonsets: APPS('DaemonSet'),
  ds: APPS('DaemonSet'),
  replicaset: APPS('ReplicaSet'),
  replicasets: APPS('ReplicaSet'),
  rs: APPS('ReplicaSet'),
  job: { type: { apiVersion: 'batch/v1', kind: 'Job' }, selector: matchLabelsSelector },
  jobs: { type: { apiVersion: 'batch/v1', kind: 'Job' }, selector: matchLabelsSelector },
  service: {
    type: { apiVersion: 'v1', kind: 'Service' },
    selector: (o) =>
      labelsToSelector((o.spec as { selector?: Record<string, string> } | undefined)?.selector),
  },
  services: {
    type: { apiVersion: 'v1', kind: 'Service' },
    selector: (o) =>
      labelsToSelector((o.spec as { selector?: Record<string, string> } | undefined)?.selector),
  },
  svc: {
    type: { apiVersion: 'v1', kind: 'Service' },
    selector: (o) =>
      labelsToSelector((o.spec as { selector?: Record<string, string> } | undefined)?.selector),
  },
  gateway: {
    type: { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway' },
    selector: (o) => `gateway.networking.k8s.io/gateway-name=${o.metadata.name}`,
  },
};

const POD_TYPES = new Set(['', 'pod', 'pods', 'po']);

export interface ResolvedPod {
  name: string;
  namespace: string;
  pod: KubeObject;
}

/** The pod an argument names: the pod itself, or the first running pod a workload selects. */
export async function resolvePod(
  cluster: Cluster,
  arg: string,
  defaultNamespace: string,
): Promise<ResolvedPod> {
  const ref = parsePodRef(arg, defaultNamespace);
  if (POD_TYPES.has(ref.type)) {
    const pod = await cluster.get({
      apiVersion: 'v1',
      kind: 'Pod',
      name: ref.name,
      namespace: ref.namespace,
    });
    if (!pod) throw new IstioctlError(`unable to retrieve Pod: pods "${ref.name}" not found`);
    return { name: ref.name, namespace: ref.namespace, pod };
  }
  const resName = `${ref.type}/${ref.name}`;
  const w = WORKLOADS[ref.type];
  if (!w)
    throw new IstioctlError(`"${resName}" does not refer to a pod (type "${ref.type}" selects no pods)`);
  const obj = await cluster.get({ ...w.type, name: ref.name, namespace: ref.namespace });
  if (!obj) {
    throw new IstioctlError(
      `"${resName}" does not refer to a pod: ${w.type.kind} "${ref.name}" not found in namespace "${ref.namespace}"`,
    );
  }
  const selector = w.selector(obj);
  if (!selector) throw new IstioctlError(`"${resName}" does not refer to a pod (it has no pod selector)`);
  const pods = await selectPods(cluster, ref.namespace, selector);
  const pod = pods[0];
  if (!pod) throw new IstioctlError(`no pods match "${resName}"`);
  return { name: pod.metadata.name, namespace: ref.namespace, pod };
}

/** Pods of a namespace matching a selector, running ones first, then by name. */
export async function selectPods(
  cluster: Cluster,
  namespace: string,
  selector: string,
): Promise<KubeObject[]> {
  const pods = await cluster.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace, labelSelector: selector });
  const running = (p: KubeObject) =>
    (p.status as { phase?: string } | undefined)?.phase === 'Running' ? 0 : 1;
  return pods.sort((a, b) => running(a) - running(b) || (a.metadata.name < b.metadata.name ? -1 : 1));
}

/** True when the pod runs an Envoy sidecar (or is a gateway running Envoy as its main container). */
export function hasIstioProxy(pod: KubeObject): boolean {
  const spec = pod.spec as
    | { containers?: Array<{ name?: string }>; initContainers?: Array<{ name?: string }> }
    | undefined;
  return [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])].some((c) => c.name === 'istio-proxy');
}
