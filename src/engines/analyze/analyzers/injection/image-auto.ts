// injection.ImageAutoAnalyzer: `image: auto` only works when an Istio injection webhook rewrites
// it; a Pod with it is broken outright, a Deployment only when no webhook matches.
import type { Analyzer, Obj } from '../../types.js';
import { containers, ISTIO_PROXY, labelSelectorMatches, templateLabels } from '../../util.js';

function hasAutoImage(podSpec: Obj): boolean {
  return containers(podSpec).some((c: Obj) => c?.name === ISTIO_PROXY && c.image === 'auto');
}

export const imageAutoAnalyzer: Analyzer = {
  name: 'injection.ImageAutoAnalyzer',
  description: 'Makes sure that Pods and Deployments with `image: auto` are going to be injected',
  inputs: ['Namespace', 'Pod', 'Deployment', 'MutatingWebhookConfiguration'],
  analyze(ctx) {
    const hooks: Obj[] = [];
    for (const m of ctx.list('MutatingWebhookConfiguration')) {
      for (const w of (m.obj.webhooks ?? []) as Obj[])
        if (String(w?.name ?? '').endsWith('istio.io')) hooks.push(w);
    }
    for (const p of ctx.list('Pod')) if (hasAutoImage(p.spec)) ctx.report('IST0147', p, 'Pod', p.name);
    for (const d of ctx.list('Deployment')) {
      if (!hasAutoImage(d.spec?.template?.spec)) continue;
      const nsLabels = ctx.find('Namespace', '', d.namespace || 'default')?.labels ?? {};
      const labels = templateLabels(d);
      const matched = hooks.some(
        (w) =>
          labelSelectorMatches(w.namespaceSelector, nsLabels) &&
          labelSelectorMatches(w.objectSelector, labels),
      );
      if (!matched) ctx.report('IST0146', d, 'Deployment', d.name);
    }
  },
};
