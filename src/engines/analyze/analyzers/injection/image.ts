// injection.ImageAnalyzer: pods in injected namespaces whose proxy image differs from the image
// the injector ConfigMap (of the namespace's revision) would inject now.
import { parse } from 'yaml';
import type { Analyzer, Obj, Resource } from '../../types.js';
import {
  containers,
  INJECTION_LABEL,
  INJECTOR_CONFIGMAP,
  ISTIO_PROXY,
  injectorConfigMapName,
  REV_LABEL,
} from '../../util.js';
import { imageTypeResolver } from './image-type.js';

/** The proxy image an injector ConfigMap's `values` selects (hub/image:tag unless image is a full reference). */
export function injectorProxyImage(cm: Obj): string {
  let v: Obj;
  try {
    v = JSON.parse(String(cm?.data?.values ?? ''));
  } catch {
    return '';
  }
  const g = v?.global ?? {};
  const image = String(g.proxy?.image ?? '');
  if (image.includes('/')) return image;
  return `${g.hub ?? ''}/${image}:${g.tag ?? ''}`;
}

export const imageAnalyzer: Analyzer = {
  name: 'injection.ImageAnalyzer',
  description: 'Checks the image of auto-injection configured with the running proxies on pods',
  inputs: ['Namespace', 'Pod', 'ConfigMap', 'MeshConfig', 'ProxyConfig'],
  analyze(ctx) {
    const images = new Map<string, string>();
    for (const cm of ctx.list('ConfigMap')) {
      if (cm.name.startsWith(INJECTOR_CONFIGMAP)) images.set(cm.name, injectorProxyImage(cm.obj));
    }
    if (images.size === 0) return;
    const revisions = new Map<string, string>();
    const namespaces = new Map<string, Resource>();
    for (const ns of ctx.list('Namespace')) {
      namespaces.set(ns.name, ns);
      if (Object.hasOwn(ns.labels, REV_LABEL)) revisions.set(ns.name, ns.labels[REV_LABEL]!);
      else if (ns.labels[INJECTION_LABEL] === 'enabled') revisions.set(ns.name, 'default');
    }
    const imageType = imageTypeResolver(ctx, (t) => parse(t));
    const mismatched = new Map<string, string[]>();
    for (const p of ctx.list('Pod')) {
      const rev = revisions.get(p.namespace);
      if (rev === undefined || p.annotations['sidecar.istio.io/proxyImage']) continue;
      const want = images.get(injectorConfigMapName(rev));
      if (want === undefined) continue;
      const variant = imageType(p);
      // Native sidecars run the proxy as an init container.
      for (const c of containers(p.spec, true)) {
        if (c?.name === ISTIO_PROXY && c.image !== want && c.image !== `${want}-${variant}`) {
          mismatched.set(p.namespace, [...(mismatched.get(p.namespace) ?? []), p.name]);
        }
      }
    }
    for (const [ns, pods] of mismatched) {
      const r = namespaces.get(ns);
      if (r) ctx.report('IST0158', r, pods);
    }
  },
};
