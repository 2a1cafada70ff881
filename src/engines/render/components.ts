// Which component instances a merged IstioOperator enables, and the Helm values each chart sees
// (operator/pkg/component Get and render applyComponentValuesToHelmValues).
import { COMPONENTS, type ComponentInfo } from '../../model/iop/components.js';
import { clone, getPath, isMap, type Tree } from '../../model/iop/tree.js';

export interface ComponentInstance {
  info: ComponentInfo;
  /** The gateway name, or the component's default resource name. */
  name: string;
  namespace: string;
  /** The raw component spec from the IstioOperator (k8s settings, hub, tag, label...). */
  spec: Tree;
}

function truthy(v: unknown): boolean {
  return v === true || v === 'true';
}

/** Enabled component instances in upstream's component order. */
export function enabledComponents(iop: Tree): ComponentInstance[] {
  const spec = isMap(iop.spec) ? iop.spec : {};
  const comps = isMap(spec.components) ? spec.components : {};
  const values = isMap(spec.values) ? spec.values : {};
  const defaultNs =
    (isMap(iop.metadata) && typeof iop.metadata.namespace === 'string' && iop.metadata.namespace) ||
    'istio-system';
  const out: ComponentInstance[] = [];
  for (const info of COMPONENTS) {
    const raw = comps[info.specKey];
    if (info.multi) {
      const gwKey = info.valuesRoot.split('.')[1]!;
      const forced = truthy(
        getPath(
          values,
          ['gateways', gwKey, 'enabled'].map((key) => ({ kind: 'key' as const, key })),
        ),
      );
      for (const g of Array.isArray(raw) ? raw : []) {
        if (!isMap(g)) continue;
        const name = typeof g.name === 'string' && g.name !== '' ? g.name : info.workloadName!;
        const on =
          g.enabled === undefined || g.enabled === null || truthy(g.enabled) || (forced && name === gwKey);
        if (on) out.push({ info, name, namespace: nsOf(g, defaultNs), spec: g });
      }
      continue;
    }
    const on = isMap(raw)
      ? raw.enabled === undefined || raw.enabled === null || truthy(raw.enabled)
      : info.defaultEnabled;
    if (!on) continue;
    const rawMap = isMap(raw) ? raw : {};
    out.push({
      info,
      name: info.workloadName ?? info.specKey,
      namespace: nsOf(rawMap, defaultNs),
      spec: rawMap,
    });
  }
  return out;
}

function nsOf(spec: Tree, dflt: string): string {
  return typeof spec.namespace === 'string' && spec.namespace !== '' ? spec.namespace : dflt;
}

/**
 * The values one component's chart renders with. Gateways get their own name, labels and ports
 * written into `gateways.<root>`; component hub/tag go to the component's values root; ztunnel's
 * values are flattened to the top level. `legacyGateway` tells our gateway chart to render the
 * istioctl-style gateway from `gateways.<root>`.
 */
export function componentValues(inst: ComponentInstance, values: Tree): Tree {
  const v = clone(values);
  const root = inst.info.valuesRoot;
  if (inst.info.chart === 'gateway') {
    const gwKey = root.split('.')[1]!;
    if (!isMap(v.gateways)) v.gateways = {};
    const gws = v.gateways as Tree;
    if (!isMap(gws[gwKey])) gws[gwKey] = {};
    const gw = gws[gwKey] as Tree;
    gw.name = inst.name;
    if (isMap(inst.spec.label)) gw.labels = clone(inst.spec.label);
    const ports = getPath(inst.spec, 'k8s.service.ports');
    if (Array.isArray(ports) && ports.length > 0) gw.ports = clone(ports);
    v.legacyGateway = gwKey;
  }
  const hub = inst.spec.hub;
  const tag = inst.spec.tag;
  if (typeof hub === 'string' && hub !== '') setGatewayAware(v, root, 'hub', hub);
  if (tag !== undefined && tag !== null && tag !== '') setGatewayAware(v, root, 'tag', tag);
  if (inst.info.flatten && isMap(getPath(v, root))) {
    const flat: Tree = { global: v.global };
    for (const [k, x] of Object.entries(v)) if (!isMap(x)) flat[k] = x;
    Object.assign(flat, clone(getPath(v, root) as Tree));
    return flat;
  }
  return v;
}

function setGatewayAware(v: Tree, root: string, key: string, value: unknown): void {
  const parts = root.split('.');
  let cur: Tree = v;
  for (const p of parts) {
    if (!isMap(cur[p])) cur[p] = {};
    cur = cur[p] as Tree;
  }
  cur[key] = value;
}
