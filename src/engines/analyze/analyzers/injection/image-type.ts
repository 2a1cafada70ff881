// The proxy image variant (distroless, debug...) in effect for a pod: mesh default, then the
// root-namespace ProxyConfig, the namespace's, a matching workload one, and the pod annotation.
import type { AnalysisContext, Obj, Resource } from '../../types.js';
import { stringMap } from '../../util.js';

export type ImageTypeResolver = (pod: Resource) => string;

export function imageTypeResolver(ctx: AnalysisContext, parseYaml: (text: string) => Obj): ImageTypeResolver {
  const rootNs = ctx.meshConfig?.rootNamespace || 'istio-system';
  let root: Obj;
  const byNs = new Map<string, Obj>();
  const workload: Array<{ ns: string; selector: Record<string, string>; spec: Obj }> = [];
  for (const pc of ctx.list('ProxyConfig')) {
    if (pc.namespace === rootNs) root = pc.spec;
    else if (!pc.spec?.selector) byNs.set(pc.namespace, pc.spec);
    else
      workload.push({ ns: pc.namespace, selector: stringMap(pc.spec.selector.matchLabels), spec: pc.spec });
  }
  const meshType: string = ctx.meshConfig?.defaultConfig?.image?.imageType ?? '';
  return (pod) => {
    let variant = meshType;
    const pick = (spec: Obj) => {
      const t = spec?.image?.imageType;
      if (t) variant = String(t);
    };
    pick(root);
    pick(byNs.get(pod.namespace));
    for (const w of workload) {
      // Upstream checks that the selector contains every pod label (maps.Contains(selector, labels)).
      if (w.ns === pod.namespace && Object.entries(pod.labels).every(([k, v]) => w.selector[k] === v))
        pick(w.spec);
    }
    const anno = pod.annotations['proxy.istio.io/config'];
    if (anno) {
      try {
        pick(parseYaml(anno));
      } catch {
        // an unparseable annotation changes nothing, as upstream
      }
    }
    return variant === 'default' ? '' : variant;
  };
}
