// Added check: sidecar-injector webhooks of two configurations that select the same namespace and
// pod, so a pod is injected twice or by an unintended revision (IST0139, as istioctl's webhook
// analyzer reports overlaps). Candidate label sets come from the live namespaces and from the
// smallest label sets each webhook's own selectors accept. The injector webhooks of the install
// about to run (when rendered) take part too, replacing the same-named ones they update.
import type { Check } from './context.js';
import { IGNORED_NAMESPACES } from './context.js';
import { msg, originOf, type PrecheckMessage } from './messages.js';
import { exampleLabels, formatLabels, selectorMatches } from './selector.js';
import {
  isInjector,
  isIstio,
  istioWebhookConfigs,
  toWebhookConfig,
  type WebhookConfig,
  webhookRevision,
} from './webhooks.js';

interface Candidate {
  /** A live namespace's name, or undefined for a label set derived from a selector. */
  namespace?: string;
  labels: Record<string, string>;
}

function describe(c: WebhookConfig): string {
  const planned = c.planned ? ', to be installed' : '';
  return `${c.kind} ${c.name} (revision ${JSON.stringify(webhookRevision(c))}${planned})`;
}

/** The cluster's injector configurations as they will be after the install: planned ones replace same-named. */
async function injectorConfigs(ctx: Parameters<Check['run']>[0]): Promise<WebhookConfig[]> {
  const planned = (ctx.plannedObjects ?? [])
    .filter((o) => o.kind === 'MutatingWebhookConfiguration' && isIstio(o))
    .map((o) => ({ ...toWebhookConfig(o), planned: true }));
  const names = new Set(planned.map((c) => c.name));
  return [...(await istioWebhookConfigs(ctx.cluster)).filter((c) => !names.has(c.name)), ...planned]
    .filter((c) => c.kind === 'MutatingWebhookConfiguration')
    .map((c) => ({ ...c, webhooks: c.webhooks.filter(isInjector) }))
    .filter((c) => c.webhooks.length > 0)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export const webhookOverlap: Check = {
  name: 'webhook-overlap',
  upstream: false,
  async run(ctx) {
    const configs = await injectorConfigs(ctx);
    if (configs.length < 2) return [];
    const namespaces = await ctx.cluster.list({ apiVersion: 'v1', kind: 'Namespace' });
    const nsCandidates: Candidate[] = namespaces
      .filter((n) => !IGNORED_NAMESPACES.has(n.metadata.name))
      .filter((n) => !ctx.namespace || n.metadata.name === ctx.namespace)
      .map((n) => ({
        namespace: n.metadata.name,
        // The API server adds this label to every namespace; selectors may rely on it.
        labels: { 'kubernetes.io/metadata.name': n.metadata.name, ...(n.metadata.labels ?? {}) },
      }))
      .sort((a, b) => (a.namespace! < b.namespace! ? -1 : 1));
    const objCandidates: Record<string, string>[] = [{}];
    for (const c of configs) {
      for (const w of c.webhooks) {
        const ns = exampleLabels(w.namespaceSelector);
        if (ns && !ctx.namespace) nsCandidates.push({ labels: ns });
        const obj = exampleLabels(w.objectSelector);
        if (obj) objCandidates.push(obj);
      }
    }
    const reported = new Map<string, PrecheckMessage>();
    for (const ns of nsCandidates) {
      for (const obj of objCandidates) {
        const matching = configs.filter((c) =>
          c.webhooks.some(
            (w) => selectorMatches(w.namespaceSelector, ns.labels) && selectorMatches(w.objectSelector, obj),
          ),
        );
        for (let i = 0; i < matching.length; i++) {
          for (let j = i + 1; j < matching.length; j++) {
            const [a, b] = [matching[i]!, matching[j]!];
            const key = `${a.name}|${b.name}`;
            // A live namespace is the clearest example; keep it over a derived label set.
            if (reported.has(key) && (!ns.namespace || reported.get(key)!.text.includes('namespace ')))
              continue;
            const where = ns.namespace
              ? `namespace ${ns.namespace}`
              : `a namespace labelled ${formatLabels(ns.labels)}`;
            const pod = Object.keys(obj).length ? ` and a pod labelled ${formatLabels(obj)}` : '';
            reported.set(
              key,
              msg.invalidWebhook(
                'webhook-overlap',
                originOf(a.kind, a.name),
                `Injection webhooks of ${describe(a)} and ${describe(b)} both select ${where}${pod}, so such pods would be injected twice or by the wrong revision.`,
                'Give each revision its own selector (istio.io/rev=<revision>), keep istio-injection=enabled for one revision only, and remove webhooks of revisions no longer used.',
              ),
            );
          }
        }
      }
    }
    return [...reported.values()];
  },
};
