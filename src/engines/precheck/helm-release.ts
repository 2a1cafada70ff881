// Added check: Istio objects that a Helm release owns (managed-by Helm plus release annotations).
// istioctl install would take their fields over, and the next `helm upgrade` would fight back
// or fail on ownership; one message per release.
import type { KubeObject } from '../../cluster/cluster.js';
import type { Check } from './context.js';
import { msg, originOf, type PrecheckMessage } from './messages.js';

const HELM_SELECTOR = 'app.kubernetes.io/managed-by=Helm';

function isIstioObject(o: KubeObject, istioNamespace: string): boolean {
  if (o.metadata.namespace === istioNamespace) return true;
  if (o.kind === 'CustomResourceDefinition') return o.metadata.name.endsWith('.istio.io');
  const labels = o.metadata.labels ?? {};
  return labels['istio.io/rev'] !== undefined || /^istio/.test(o.metadata.name);
}

export const helmRelease: Check = {
  name: 'helm-release',
  upstream: false,
  async run(ctx) {
    const ns = ctx.istioNamespace;
    const lists = await Promise.all([
      ctx.cluster.list(
        { apiVersion: 'apps/v1', kind: 'Deployment' },
        { namespace: ns, labelSelector: HELM_SELECTOR },
      ),
      ctx.cluster.list({ apiVersion: 'apps/v1', kind: 'DaemonSet' }, { labelSelector: HELM_SELECTOR }),
      ctx.cluster.list(
        { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration' },
        { labelSelector: HELM_SELECTOR },
      ),
      ctx.cluster.list(
        { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration' },
        { labelSelector: HELM_SELECTOR },
      ),
      ctx.cluster.list(
        { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' },
        { labelSelector: HELM_SELECTOR },
      ),
    ]);
    const releases = new Map<string, KubeObject[]>();
    for (const o of lists.flat()) {
      if (!isIstioObject(o, ns)) continue;
      const a = o.metadata.annotations ?? {};
      const name = a['meta.helm.sh/release-name'];
      if (!name) continue;
      const key = `${a['meta.helm.sh/release-namespace'] ?? ''}/${name}`;
      releases.set(key, [...(releases.get(key) ?? []), o]);
    }
    const out: PrecheckMessage[] = [];
    for (const [key, objs] of [...releases].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const [relNs, relName] = key.split('/') as [string, string];
      const ids = objs.map((o) => originOf(o.kind, o.metadata.name, o.metadata.namespace)).sort();
      const shown = ids.slice(0, 3).join(', ') + (ids.length > 3 ? ` and ${ids.length - 3} more` : '');
      out.push(
        msg.externallyManagedInstall(
          ids[0]!,
          `Helm release ${relName} (namespace ${relNs || 'unknown'}) manages Istio objects here (${shown}); an istioctl install would take them over and Helm would then fight it.`,
          `Keep upgrading this installation with Helm, or remove the release first (helm uninstall ${relName}${relNs ? ` -n ${relNs}` : ''}) before installing with istioctl.`,
        ),
      );
    }
    return out;
  },
};
