// Added check: a webhook of an existing revision whose Service is missing or has no ready
// endpoint. With failurePolicy Fail the API server then rejects every request the webhook
// selects (for the injector: every pod in injected namespaces), the classic outage after a
// control plane is scaled down or removed while its webhooks stay. Reported as IST0139.
import type { KubeObject } from '../../cluster/cluster.js';
import type { Check } from './context.js';
import { msg, originOf, type PrecheckMessage } from './messages.js';
import { istioWebhookConfigs } from './webhooks.js';

interface EndpointSlice {
  endpoints?: Array<{ conditions?: { ready?: boolean } }>;
}

/** A ready endpoint: condition ready true or unset (the API's "unknown, treat as ready"). */
function readyEndpoints(slices: KubeObject[]): number {
  let n = 0;
  for (const s of slices)
    for (const e of (s as unknown as EndpointSlice).endpoints ?? []) if (e.conditions?.ready !== false) n++;
  return n;
}

export const webhookBackends: Check = {
  name: 'webhook-backends',
  upstream: false,
  async run(ctx) {
    const out: PrecheckMessage[] = [];
    const state = new Map<string, Promise<'missing' | 'no-endpoints' | 'ok'>>();
    const serviceState = (ns: string, name: string) => {
      const key = `${ns}/${name}`;
      let p = state.get(key);
      if (!p) {
        p = (async () => {
          const svc = await ctx.cluster.get({ apiVersion: 'v1', kind: 'Service', namespace: ns, name });
          if (!svc) return 'missing';
          if ((svc.spec as { type?: string } | undefined)?.type === 'ExternalName') return 'ok';
          const slices = await ctx.cluster.list(
            { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice' },
            { namespace: ns, labelSelector: `kubernetes.io/service-name=${name}` },
          );
          return readyEndpoints(slices) > 0 ? 'ok' : 'no-endpoints';
        })();
        state.set(key, p);
      }
      return p;
    };
    for (const cfg of await istioWebhookConfigs(ctx.cluster)) {
      // Grouped per Service, so one configuration with several webhooks gives one message per backend.
      const byService = new Map<string, string[]>();
      for (const w of cfg.webhooks) {
        const svc = w.clientConfig?.service;
        // failurePolicy Ignore only skips the webhook; URL webhooks (external control planes) are out of reach.
        if (!svc?.name || (w.failurePolicy ?? 'Fail') !== 'Fail') continue;
        const key = `${svc.namespace ?? 'default'}/${svc.name}`;
        byService.set(key, [...(byService.get(key) ?? []), w.name]);
      }
      for (const [key, hooks] of [...byService].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const [ns, name] = key.split('/') as [string, string];
        const st = await serviceState(ns, name);
        if (st === 'ok') continue;
        const why = st === 'missing' ? 'which does not exist' : 'which has no ready endpoints';
        out.push(
          msg.invalidWebhook(
            'webhook-backends',
            originOf(cfg.kind, cfg.name),
            `Webhook ${hooks.sort().join(', ')} calls Service ${key}, ${why}; with failurePolicy Fail ` +
              'the API server rejects every request it selects.',
            st === 'missing'
              ? `Delete ${cfg.kind} ${cfg.name} if its revision was removed, or reinstall that revision.`
              : `Bring the control plane behind Service ${key} back (for example scale its istiod Deployment up), or delete ${cfg.kind} ${cfg.name} if the revision is gone.`,
          ),
        );
      }
    }
    return out;
  },
};
