// Reading Istio's admission webhook configurations (shared by the webhook checks).
import type { Cluster, KubeObject } from '../../cluster/cluster.js';
import type { LabelSelector } from './selector.js';

export interface Webhook {
  name: string;
  failurePolicy?: string;
  namespaceSelector?: LabelSelector;
  objectSelector?: LabelSelector;
  clientConfig?: {
    service?: { namespace?: string; name?: string; path?: string; port?: number };
    url?: string;
  };
}

export interface WebhookConfig {
  kind: 'MutatingWebhookConfiguration' | 'ValidatingWebhookConfiguration';
  name: string;
  labels: Record<string, string>;
  webhooks: Webhook[];
  /** Rendered from the install about to run rather than read from the cluster. */
  planned?: boolean;
}

/** Istio's: labelled with a revision, or with at least one webhook in the istio.io domain. */
export function isIstio(o: KubeObject): boolean {
  if (o.metadata.labels?.['istio.io/rev'] !== undefined) return true;
  return ((o.webhooks ?? []) as Webhook[]).some((w) => w.name?.endsWith('istio.io'));
}

export function toWebhookConfig(o: KubeObject): WebhookConfig {
  return {
    kind: o.kind as WebhookConfig['kind'],
    name: o.metadata.name,
    labels: o.metadata.labels ?? {},
    webhooks: (o.webhooks ?? []) as Webhook[],
  };
}

export async function istioWebhookConfigs(cluster: Cluster): Promise<WebhookConfig[]> {
  const kinds = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'] as const;
  const lists = await Promise.all(
    kinds.map((kind) => cluster.list({ apiVersion: 'admissionregistration.k8s.io/v1', kind })),
  );
  return kinds
    .flatMap((kind, i) => lists[i]!.filter(isIstio).map((o) => toWebhookConfig({ ...o, kind })))
    .sort((a, b) => (a.kind + a.name < b.kind + b.name ? -1 : 1));
}

/** The revision a configuration belongs to (a revision tag's points at its revision). */
export function webhookRevision(c: WebhookConfig): string {
  return c.labels['istio.io/rev'] || 'default';
}

/** Sidecar-injector webhooks (`*sidecar-injector.istio.io`). */
export function isInjector(w: Webhook): boolean {
  return w.name.endsWith('sidecar-injector.istio.io');
}
