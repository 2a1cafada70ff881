// injection.Analyzer: per namespace, whether sidecar injection is set up (and set up once), and
// pods in injected namespaces that run without the proxy.
import type { Analyzer, Obj } from '../../types.js';
import {
  containers,
  INJECTION_LABEL,
  ISTIO_PROXY,
  injectorConfigMapName,
  isSystemNamespace,
  REV_LABEL,
  SIDECAR_INJECT,
} from '../../util.js';

/** sidecarInjectorWebhook.enableNamespacesByDefault from the injector ConfigMap's `values`. */
export function enableNamespacesByDefault(cm: Obj): boolean {
  try {
    const values = JSON.parse(String(cm?.data?.values ?? ''));
    return values?.sidecarInjectorWebhook?.enableNamespacesByDefault === true;
  } catch {
    return false;
  }
}

export const injectionAnalyzer: Analyzer = {
  name: 'injection.Analyzer',
  description: 'Checks conditions related to Istio sidecar injection',
  inputs: ['Namespace', 'Pod', 'ConfigMap'],
  analyze(ctx) {
    const injected = new Set<string>();
    // Like upstream, the setting sticks once an injector ConfigMap was found.
    let byDefault = false;
    for (const ns of ctx.list('Namespace')) {
      if (ns.name === ctx.istioNamespace || ns.name === 'istio-system' || isSystemNamespace(ns.name))
        continue;
      const legacy = ns.labels[INJECTION_LABEL] ?? '';
      const hasRev = Object.hasOwn(ns.labels, REV_LABEL);
      const cmName = injectorConfigMapName(ns.labels[REV_LABEL] ?? '');
      const cm = ctx.list('ConfigMap').find((c) => c.name === cmName);
      if (cm) byDefault = enableNamespacesByDefault(cm.obj);
      if (legacy === '' && !hasRev) {
        if (byDefault) ctx.report('IST0148', ns);
        else ctx.report('IST0102', ns, ns.name, ns.name);
        continue;
      }
      if (hasRev) {
        if (legacy !== '') {
          ctx.report('IST0123', ns, ns.name, ns.name);
          continue;
        }
      } else if (legacy !== 'enabled') continue;
      injected.add(ns.name);
    }
    for (const p of ctx.list('Pod')) {
      if (!injected.has(p.namespace)) continue;
      const inj = p.labels[SIDECAR_INJECT] ?? p.annotations[SIDECAR_INJECT] ?? '';
      if (inj.toLowerCase() === 'false' || p.spec?.hostNetwork) continue;
      const proxy = containers(p.spec).find((c: Obj) => c?.name === ISTIO_PROXY);
      if (!proxy?.image) ctx.report('IST0103', p, `${p.namespace}/${p.name}`);
    }
  },
};
