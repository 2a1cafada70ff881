// injection.Analyzer: per namespace, whether sidecar injection is set up (and set up once), and
// pods in injected namespaces that run without the proxy.
import type { Analyzer, Obj } from '../../types.js';
import {
  containers,
  INJECTION_LABEL,
  ISTIO_PROXY,
  injectorConfigMapName,
  isSystemNamespace,
  META_NAME,
  REV_LABEL,
  SIDECAR_INJECT,
} from '../../util.js';

/** sidecarInjectorWebhook.enableNamespacesByDefault from the injector ConfigMap's `values`. */
const DATAPLANE_MODE = 'istio.io/dataplane-mode';

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
      const conflicting = [INJECTION_LABEL, REV_LABEL, DATAPLANE_MODE].filter((l) =>
        Object.hasOwn(ns.labels, l),
      );
      if (ns.labels[DATAPLANE_MODE] === 'ambient') {
        // Ambient namespaces need no sidecar injection; asking for both is the conflict.
        if (legacy === 'enabled' || hasRev) ctx.report('IST0123', ns, conflicting);
        continue;
      }
      if (legacy === '' && !hasRev) {
        if (byDefault) ctx.report('IST0148', ns);
        else ctx.reportAt('IST0102', ns, META_NAME, ns.name, ns.name);
        continue;
      }
      if (hasRev && legacy === 'enabled') {
        ctx.report('IST0123', ns, conflicting);
        continue;
      }
      // Any other legacy value (`disabled`) deliberately opts out, with or without a revision.
      if (legacy !== '' && legacy !== 'enabled') continue;
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
