// webhook.Analyzer: for every plausible namespace/pod label combination at most one Istio injection
// webhook may match, and webhooks must point at existing Services.
import type { Analyzer, Obj, Resource } from '../../types.js';
import { INJECTION_LABEL, labelSelectorMatches, REV_LABEL, SIDECAR_INJECT } from '../../util.js';

function revisionsOf(m: Resource): string[] {
  const revs = new Set<string>();
  if (Object.hasOwn(m.labels, REV_LABEL)) revs.add(m.labels[REV_LABEL]!);
  for (const w of (m.obj.webhooks ?? []) as Obj[]) {
    for (const sel of [w?.namespaceSelector, w?.objectSelector]) {
      if (!sel) continue;
      if (sel.matchLabels && REV_LABEL in sel.matchLabels) revs.add(String(sel.matchLabels[REV_LABEL]));
      for (const e of (sel.matchExpressions ?? []) as Obj[]) {
        if (e?.key === REV_LABEL) for (const v of e.values ?? []) revs.add(String(v));
      }
    }
  }
  return [...revs];
}

function permutations(key: string, values: string[], revisions: string[]): Array<Record<string, string>> {
  const base = [{}, ...values.map((v) => ({ [key]: v }))];
  return [...base, ...revisions.flatMap((rev) => base.map((b) => ({ ...b, [REV_LABEL]: rev })))];
}

export const webhookAnalyzer: Analyzer = {
  name: 'webhook.Analyzer',
  description: 'Checks the validity of Istio webhooks',
  inputs: ['MutatingWebhookConfiguration', 'Service'],
  analyze(ctx) {
    const hooks: Array<{ id: string; r: Resource; w: Obj }> = [];
    const revisions = new Set<string>();
    for (const m of ctx.list('MutatingWebhookConfiguration')) {
      const revs = revisionsOf(m);
      const istio = ((m.obj.webhooks ?? []) as Obj[]).some((w) => String(w?.name ?? '').endsWith('istio.io'));
      if (revs.length === 0 && !istio) continue;
      for (const w of (m.obj.webhooks ?? []) as Obj[])
        hooks.push({ id: `${m.name}/${w?.name ?? ''}`, r: m, w });
      for (const r of revs) revisions.add(r);
    }
    const revs = [...revisions].sort();
    const nsPerms = permutations(INJECTION_LABEL, ['enabled', 'disabled'], revs);
    const objPerms = permutations(SIDECAR_INJECT, ['true', 'false'], revs);
    for (const nl of nsPerms) {
      for (const ol of objPerms) {
        const matches = hooks.filter(
          (h) =>
            labelSelectorMatches(h.w.namespaceSelector, nl) && labelSelectorMatches(h.w.objectSelector, ol),
        );
        const ids = [...new Set(matches.map((h) => h.id))];
        if (ids.length < 2) continue;
        for (const h of matches) {
          const others = ids.filter((i) => i !== h.id).sort();
          ctx.report(
            'IST0139',
            h.r,
            `webhook overlaps with [${others.join(' ')}], so injection may happen twice`,
          );
        }
      }
    }
    for (const h of hooks) {
      const svc = h.w?.clientConfig?.service;
      if (!svc) continue;
      if (!ctx.find('Service', svc.namespace ?? '', svc.name ?? '')) {
        ctx.report(
          'IST0139',
          h.r,
          `injector points at a control plane Service that does not exist: ${svc.namespace}/${svc.name}`,
        );
      }
    }
  },
};
