// Helpers shared by analyzers: label selectors, host names and their namespaces, exportTo
// scoping, and the service registry view (ServiceEntries plus Services as entries).
import type { AnalysisContext, Obj, Resource } from './types.js';

export const MESH_GATEWAY = 'mesh';
export const EXPORT_ALL = '*';
export const EXPORT_LOCAL = '.';
export const ISTIO_PROXY = 'istio-proxy';
export const INJECTION_LABEL = 'istio-injection';
export const REV_LABEL = 'istio.io/rev';
export const SIDECAR_INJECT = 'sidecar.istio.io/inject';
export const INJECTOR_CONFIGMAP = 'istio-sidecar-injector';

/** Namespaces the injector never touches (inject.IgnoredNamespaces). */
export const SYSTEM_NAMESPACES = new Set([
  'kube-system',
  'kube-public',
  'kube-node-lease',
  'local-path-storage',
]);

export function isSystemNamespace(ns: string): boolean {
  return SYSTEM_NAMESPACES.has(ns);
}

/** Every key/value of `selector` is on `labels`; an empty selector matches everything. */
export function selectorMatches(
  selector: Record<string, string> | undefined,
  labels: Record<string, string>,
): boolean {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector)) if (labels[k] !== String(v)) return false;
  return true;
}

/** A Kubernetes LabelSelector (matchLabels + matchExpressions). Undefined matches everything. */
export function labelSelectorMatches(sel: Obj, labels: Record<string, string>): boolean {
  if (!sel) return true;
  if (!selectorMatches(sel.matchLabels, labels)) return false;
  for (const e of (sel.matchExpressions ?? []) as Obj[]) {
    const has = Object.hasOwn(labels, e.key);
    const vals: string[] = (e.values ?? []).map(String);
    switch (e.operator) {
      case 'In':
        if (!has || !vals.includes(labels[e.key]!)) return false;
        break;
      case 'NotIn':
        if (has && vals.includes(labels[e.key]!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) out[k] = x === null ? '' : String(x);
  return out;
}

export function clusterDomain(ctx: AnalysisContext): string {
  return ctx.meshConfig?.clusterDomain || 'cluster.local';
}

/** Short names become `<name>.<ns>.svc.<domain>`; wildcards and dotted names stay as they are. */
export function toFqdn(namespace: string, host: string, domain = 'cluster.local'): string {
  if (host.startsWith('*') || host.includes('.')) return host;
  return `${host}.${namespace}.svc.${domain}`;
}

const FQDN = /^(.+)\.(.+)\.svc\.cluster\.local$/;

/** The namespace/name a service host refers to (short names resolve in `defaultNs`). */
export function serviceNameFromHost(defaultNs: string, host: string): { namespace: string; name: string } {
  const m = FQDN.exec(host);
  if (m) return { namespace: m[2]!, name: m[1]! };
  return { namespace: defaultNs, name: host };
}

/** Istio's host.Name.Matches: wildcard-aware, in either direction. */
export function hostMatches(a: string, b: string): boolean {
  const aw = a.startsWith('*');
  const bw = b.startsWith('*');
  if (aw && bw)
    return a.length < b.length ? b.slice(1).endsWith(a.slice(1)) : a.slice(1).endsWith(b.slice(1));
  if (aw) return b.endsWith(a.slice(1));
  if (bw) return a.endsWith(b.slice(1));
  return a === b;
}

/** Gateway `ns/host` entries as seen from `namespace` (host.NamesForNamespace). */
export function namesForNamespace(hosts: readonly string[], namespace: string): string[] {
  const out: string[] = [];
  for (const h of hosts) {
    const i = h.indexOf('/');
    if (i < 0) out.push(h);
    else {
      const ns = h.slice(0, i);
      if (ns === '*' || ns === namespace) out.push(h.slice(i + 1));
    }
  }
  return out;
}

export function exportsToAll(exportTo: readonly string[] | undefined): boolean {
  return !exportTo || exportTo.length === 0 || exportTo.includes(EXPORT_ALL);
}

export interface ServiceView {
  hosts: string[];
  ports: Array<{ number: number; name?: string; protocol?: string }>;
  resource: Resource;
}

/** `scope/fqdn` → service, for ServiceEntries (by exportTo) and Services (by the exportTo annotation). */
export function serviceHostMap(ctx: AnalysisContext): Map<string, ServiceView> {
  const out = new Map<string, ServiceView>();
  const domain = clusterDomain(ctx);
  const key = (scope: string, ns: string, host: string) => `${scope}/${toFqdn(ns, host, domain)}`;
  for (const r of ctx.list('ServiceEntry')) {
    const s = r.spec ?? {};
    const view: ServiceView = {
      hosts: s.hosts ?? [],
      ports: (s.ports ?? []).map((p: Obj) => ({
        number: Number(p.number),
        name: p.name,
        protocol: p.protocol,
      })),
      resource: r,
    };
    const exportTo: string[] = s.exportTo ?? [];
    for (const h of view.hosts) {
      if (exportsToAll(exportTo)) {
        out.set(key(EXPORT_ALL, r.namespace, h), view);
        continue;
      }
      for (const e of exportTo) out.set(key(e === EXPORT_LOCAL ? r.namespace : e, r.namespace, h), view);
    }
  }
  for (const r of ctx.list('Service')) {
    const host = toFqdn(r.namespace, r.name, domain);
    const view: ServiceView = {
      hosts: [host],
      ports: (r.spec?.ports ?? []).map((p: Obj) => ({
        number: Number(p.port),
        name: p.name,
        protocol: p.protocol,
      })),
      resource: r,
    };
    const anno = r.annotations['networking.istio.io/exportTo'];
    const scopes = anno ? anno.split(',').map((s) => (s === EXPORT_LOCAL ? r.namespace : s)) : [EXPORT_ALL];
    for (const s of scopes) out.set(key(s, r.namespace, r.name), view);
  }
  return out;
}

/** The service a destination host resolves to from `sourceNs`, honouring exportTo and wildcards. */
export function destinationService(
  ctx: AnalysisContext,
  map: Map<string, ServiceView>,
  sourceNs: string,
  exportTo: readonly string[] | undefined,
  host: string,
): ServiceView | undefined {
  const domain = clusterDomain(ctx);
  const fq = toFqdn(sourceNs, host, domain);
  const all = map.get(`${EXPORT_ALL}/${fq}`);
  if (all) return all;
  const scopes =
    exportTo && exportTo.length > 0 ? exportTo.map((e) => (e === EXPORT_LOCAL ? sourceNs : e)) : [sourceNs];
  for (const s of scopes) {
    const v = map.get(`${s}/${fq}`);
    if (v) return v;
  }
  const bare = host.startsWith('*') ? host.slice(1) : host;
  for (const [k, v] of map) {
    const i = k.indexOf('/');
    const scope = k.slice(0, i);
    const seHost = k.slice(i + 1);
    if (!seHost.startsWith('*')) continue;
    if (scope !== EXPORT_ALL && scope !== sourceNs) continue;
    if (bare.endsWith(seHost.slice(1))) return v;
  }
  return undefined;
}

/** Containers of a pod spec (init containers too when asked). */
export function containers(podSpec: Obj, withInit = false): Obj[] {
  const c: Obj[] = podSpec?.containers ?? [];
  return withInit ? [...c, ...(podSpec?.initContainers ?? [])] : c;
}

/** The pod template's labels of a Deployment. */
export function templateLabels(r: Resource): Record<string, string> {
  return stringMap(r.spec?.template?.metadata?.labels);
}

/** Whether a pod (labels/annotations/namespace/containers) is in the sidecar mesh (util.inMesh). */
export function inMesh(
  ctx: AnalysisContext,
  annos: Record<string, string>,
  labels: Record<string, string>,
  namespace: string,
  cs: Obj[],
): boolean {
  if (cs.some((c) => c?.name === ISTIO_PROXY && c.image)) return true;
  if (Object.hasOwn(labels, SIDECAR_INJECT)) return labels[SIDECAR_INJECT] === 'true';
  if (Object.hasOwn(annos, SIDECAR_INJECT)) return annos[SIDECAR_INJECT] === 'true';
  const ns = ctx.find('Namespace', '', namespace);
  if (ns) return ns.labels[INJECTION_LABEL] === 'enabled';
  return false;
}

export function podInMesh(ctx: AnalysisContext, r: Resource): boolean {
  return inMesh(ctx, r.annotations, r.labels, r.namespace, containers(r.spec, true));
}

export function deploymentInMesh(ctx: AnalysisContext, r: Resource): boolean {
  const t = r.spec?.template ?? {};
  return inMesh(
    ctx,
    stringMap(t.metadata?.annotations),
    stringMap(t.metadata?.labels),
    r.namespace,
    containers(t.spec),
  );
}

export function injectorConfigMapName(revision: string): string {
  return revision === '' || revision === 'default' ? INJECTOR_CONFIGMAP : `${INJECTOR_CONFIGMAP}-${revision}`;
}

export function fullName(r: Resource): string {
  return r.namespace ? `${r.namespace}/${r.name}` : r.name;
}

// Upstream's field path keys: a message about one of these fields points at the field's line.
export const META_NAME = '{.metadata.name}';

/** The label key upstream looks up for a selector message: the selector text before its first `=`. */
export function selectorLabel(selector: string): string {
  const i = selector.indexOf('=');
  return i < 0 ? '' : selector.slice(0, i);
}
