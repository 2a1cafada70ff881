// Upstream check 1: the API server's Kubernetes version against Istio's minimum (IST0142).
import type { Check } from './context.js';
import { msg } from './messages.js';

/** The oldest Kubernetes minor Istio 1.30 supports (istioctl's k8sversion.MinK8SVersion). */
export const MIN_KUBERNETES_MINOR = 32;

/** Minor from gitVersion (v1.31.2), else from the minor field with vendor suffixes (`31+`) removed. */
export function kubernetesMinor(v: { major: string; minor: string; gitVersion: string }): number | undefined {
  const m = /^v?(\d+)\.(\d+)/.exec(v.gitVersion);
  if (m) return Number(m[2]);
  const n = Number.parseInt(v.minor, 10);
  return Number.isNaN(n) ? undefined : n;
}

export const kubernetesVersion: Check = {
  name: 'kubernetes-version',
  upstream: true,
  async run(ctx) {
    let v: Awaited<ReturnType<typeof ctx.cluster.version>>;
    try {
      v = await ctx.cluster.version();
    } catch (err) {
      throw new Error(`failed to get the Kubernetes version: ${(err as Error).message}`);
    }
    const minor = kubernetesMinor(v);
    if (minor === undefined)
      throw new Error(`could not parse the Kubernetes version ${JSON.stringify(v.gitVersion)}`);
    if (minor >= MIN_KUBERNETES_MINOR) return [];
    return [msg.unsupportedKubernetesVersion(v.gitVersion, `1.${MIN_KUBERNETES_MINOR}`)];
  },
};
