// Added check: data-plane proxies (sidecars and gateways) whose version would be more than one
// minor release behind the new control plane, outside Istio's supported skew. One message per
// namespace and proxy version, naming a few of the pods.
import type { KubeObject } from '../../cluster/cluster.js';
import { type Check, imageTag, inScope, minorsBehind, parseMinor, plural } from './context.js';
import { msg, originOf, type PrecheckMessage } from './messages.js';

interface ContainerLike {
  name?: string;
  image?: string;
}

/** The istio-proxy container's version (sidecar, native sidecar or gateway pod), if its tag tells. */
export function proxyVersion(pod: KubeObject): string | undefined {
  const spec = (pod.spec ?? {}) as { containers?: ContainerLike[]; initContainers?: ContainerLike[] };
  const proxy = [...(spec.containers ?? []), ...(spec.initContainers ?? [])].find(
    (c) => c.name === 'istio-proxy',
  );
  const tag = proxy?.image ? imageTag(proxy.image) : undefined;
  return tag && parseMinor(tag) ? tag : undefined;
}

const SHOWN_PODS = 5;

export const proxyVersions: Check = {
  name: 'proxy-versions',
  upstream: false,
  async run(ctx) {
    const ours = parseMinor(ctx.clientVersion)!;
    const pods = await ctx.cluster.list(
      { apiVersion: 'v1', kind: 'Pod' },
      ctx.namespace ? { namespace: ctx.namespace } : {},
    );
    const groups = new Map<string, string[]>();
    for (const pod of pods) {
      const ns = pod.metadata.namespace ?? '';
      if (!inScope(ctx, ns)) continue;
      const tag = proxyVersion(pod);
      if (!tag) continue;
      const v = parseMinor(tag)!;
      if (minorsBehind(ours, v) <= 1) continue;
      const key = `${ns}\u0000${v.text}`;
      groups.set(key, [...(groups.get(key) ?? []), pod.metadata.name]);
    }
    const out: PrecheckMessage[] = [];
    for (const [key, names] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const [ns, version] = key.split('\u0000') as [string, string];
      names.sort();
      const shown = names.slice(0, SHOWN_PODS).join(', ');
      const more = names.length > SHOWN_PODS ? ` and ${names.length - SHOWN_PODS} more` : '';
      out.push(
        msg.proxyVersionTooOld(
          originOf('Namespace', ns),
          `${plural(names.length, 'proxy', 'proxies')} run Istio ${version} (${shown}${more}), more than one minor version behind ${ctx.clientVersion}.`,
          'Restart these workloads onto a control plane at most one minor version ahead of them first (upgrade one minor version at a time), then upgrade again.',
        ),
      );
    }
    return out;
  },
};
