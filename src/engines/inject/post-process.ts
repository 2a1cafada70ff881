// What istiod's injector does to the merged pod after the templates ran: cluster/network env,
// Prometheus merge, app-probe rewriting, the status annotation, and container ordering.
import { isMap, type Json, type JsonMap } from './typed.js';

export const PROXY = 'istio-proxy';
export const INIT = 'istio-init';
export const VALIDATION = 'istio-validation';
export const CORE_DUMP = 'enable-core-dump';
export const STATUS_ANNOTATION = 'sidecar.istio.io/status';

export type Containers = JsonMap[];

export function containersOf(spec: JsonMap, key: 'containers' | 'initContainers'): Containers {
  const v = spec[key];
  return Array.isArray(v) ? (v.filter(isMap) as Containers) : [];
}

export function findContainer(list: Containers, name: string): JsonMap | undefined {
  return list.find((c) => c.name === name);
}

/** FindSidecar: istio-proxy in containers, else in initContainers. */
export function findSidecar(spec: JsonMap): JsonMap | undefined {
  return (
    findContainer(containersOf(spec, 'containers'), PROXY) ??
    findContainer(containersOf(spec, 'initContainers'), PROXY)
  );
}

/** Prometheus' label-name sanitizing: anything outside [a-zA-Z0-9_] becomes `_`. */
export function sanitizeLabelName(k: string): string {
  return k.replace(/[^a-zA-Z0-9_]/g, '_');
}

function annotationsOf(pod: JsonMap): Record<string, string> {
  const meta = pod.metadata as JsonMap;
  if (!isMap(meta.annotations)) meta.annotations = {};
  return meta.annotations as Record<string, string>;
}

/** Go's strconv.ParseBool. */
export function parseGoBool(v: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}

function promAnnotation(annos: Record<string, string>, name: string): [string, string] | undefined {
  // Go iterates a map in random order; annotations normally have one spelling of each.
  for (const k of Object.keys(annos).sort()) if (sanitizeLabelName(k) === name) return [k, annos[k]!];
  return undefined;
}

export function clearPrometheusAnnotations(annos: Record<string, string>): void {
  for (const k of Object.keys(annos)) {
    const s = sanitizeLabelName(k);
    if (s === 'prometheus_io_path' || s === 'prometheus_io_port' || s === 'prometheus_io_scrape')
      delete annos[k];
  }
}

export function applyPrometheusMerge(
  pod: JsonMap,
  statusPort: number,
  meshEnable: boolean | undefined,
): void {
  const annos = annotationsOf(pod);
  const scrape = promAnnotation(annos, 'prometheus_io_scrape');
  if (scrape && parseGoBool(scrape[1]) === false) return;
  let enable = meshEnable ?? true;
  const m = annos['prometheus.istio.io/merge-metrics'];
  if (m !== undefined && parseGoBool(m) !== undefined) enable = parseGoBool(m)!;
  if (!enable) return;
  const target = String(statusPort);
  const port = promAnnotation(annos, 'prometheus_io_port');
  if (port && port[1] === target) return;
  const path = promAnnotation(annos, 'prometheus_io_path');
  const sidecar = findSidecar(pod.spec as JsonMap);
  if (sidecar && (scrape || port || path)) {
    const cfg = { scrape: scrape?.[1] ?? '', path: path?.[1] ?? '', port: port?.[1] ?? '' };
    const env = Array.isArray(sidecar.env) ? sidecar.env : [];
    env.push({ name: 'ISTIO_PROMETHEUS_ANNOTATIONS', value: goJSON(cfg) });
    sidecar.env = env;
  }
  clearPrometheusAnnotations(annos);
  annos['prometheus.io/port'] = target;
  annos['prometheus.io/path'] = '/stats/prometheus';
  annos['prometheus.io/scrape'] = 'true';
}

/** JSON as Go's encoding/json writes it (HTML-safe escapes). */
export function goJSON(v: unknown): string {
  return JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

// ---- app probes ----

function proberOf(probe: Json | undefined): JsonMap | undefined {
  if (!isMap(probe)) return undefined;
  const out: JsonMap = {};
  if (isMap(probe.httpGet)) out.httpGet = structuredClone(probe.httpGet);
  else if (isMap(probe.tcpSocket)) out.tcpSocket = structuredClone(probe.tcpSocket);
  else if (isMap(probe.grpc)) out.grpc = structuredClone(probe.grpc);
  else return undefined;
  if (typeof probe.timeoutSeconds === 'number' && probe.timeoutSeconds !== 0)
    out.timeoutSeconds = probe.timeoutSeconds;
  return out;
}

function resolveNamedPort(p: JsonMap, ports: Map<string, number>, target: number): JsonMap | undefined {
  if (p.grpc) return p;
  const action = (p.httpGet ?? p.tcpSocket) as JsonMap;
  if (typeof action.port === 'string') {
    const n = ports.get(action.port);
    if (n === undefined) return undefined;
    action.port = n;
  } else if (action.port === target) return undefined;
  return p;
}

const probeKinds: [string, string][] = [
  ['readinessProbe', 'readyz'],
  ['livenessProbe', 'livez'],
  ['startupProbe', 'startupz'],
];

/** App containers whose probes the agent takes over: containers and native-sidecar init containers. */
function probedContainers(spec: JsonMap): Containers {
  const init = containersOf(spec, 'initContainers').filter((c) => c.restartPolicy === 'Always');
  return [...containersOf(spec, 'containers'), ...init].filter((c) => c.name !== PROXY);
}

function handlerProber(h: Json | undefined): JsonMap | undefined {
  if (!isMap(h)) return undefined;
  if (isMap(h.httpGet)) return { httpGet: structuredClone(h.httpGet) };
  if (isMap(h.tcpSocket)) return { tcpSocket: structuredClone(h.tcpSocket) };
  return undefined;
}

const lifecycleKinds: [string, string][] = [
  ['postStart', 'poststartz'],
  ['preStop', 'prestopz'],
];

export function dumpAppProbers(spec: JsonMap, statusPort: number): string {
  const out: Record<string, JsonMap> = {};
  for (const c of probedContainers(spec)) {
    const ports = new Map<string, number>();
    for (const p of Array.isArray(c.ports) ? c.ports : []) {
      if (isMap(p) && typeof p.name === 'string' && p.name !== '')
        ports.set(p.name, p.containerPort as number);
    }
    for (const [field, suffix] of probeKinds) {
      const p = proberOf(c[field]);
      const r = p && resolveNamedPort(p, ports, statusPort);
      if (r) out[`/app-health/${c.name}/${suffix}`] = r;
    }
    const lc = isMap(c.lifecycle) ? c.lifecycle : undefined;
    for (const [field, suffix] of lifecycleKinds) {
      const p = handlerProber(lc?.[field]);
      const r = p && resolveNamedPort(p, ports, statusPort);
      if (r) out[`/app-lifecycle/${c.name}/${suffix}`] = r;
    }
  }
  const keys = Object.keys(out).sort();
  if (keys.length === 0) return '';
  const sorted: JsonMap = {};
  for (const k of keys) sorted[k] = out[k]!;
  return goJSON(sorted);
}

function convertProbe(probe: Json | undefined, url: string, statusPort: number): JsonMap | undefined {
  if (!isMap(probe)) return undefined;
  const p = structuredClone(probe);
  if (isMap(p.httpGet)) {
    const h = p.httpGet;
    h.port = statusPort;
    h.path = url;
    if (h.scheme === 'HTTPS') h.scheme = 'HTTP';
    return reorderProbe(p);
  }
  if (isMap(p.tcpSocket) || isMap(p.grpc)) {
    delete p.tcpSocket;
    delete p.grpc;
    p.httpGet = { path: url, port: statusPort };
    return reorderProbe(p);
  }
  return undefined;
}

const probeOrder = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
function reorderProbe(p: JsonMap): JsonMap {
  const out: JsonMap = {};
  for (const k of probeOrder) if (p[k] !== undefined) out[k] = p[k]!;
  for (const [k, v] of Object.entries(p)) if (!(k in out)) out[k] = v;
  return out;
}

export function applyRewrite(pod: JsonMap, statusPort: number, rewriteDefault: boolean): void {
  const spec = pod.spec as JsonMap;
  const sidecar = findSidecar(spec);
  if (!sidecar) return;
  const annos = annotationsOf(pod);
  let rewrite = rewriteDefault;
  const a = annos['sidecar.istio.io/rewriteAppHTTPProbers'];
  if (a !== undefined && parseGoBool(a) !== undefined) rewrite = parseGoBool(a)!;
  if (!rewrite) return;
  const prober = dumpAppProbers(spec, statusPort);
  if (prober !== '') {
    const previously = STATUS_ANNOTATION in annos;
    const env = (Array.isArray(sidecar.env) ? sidecar.env : []) as JsonMap[];
    const idx = previously ? env.findIndex((e) => e.name === 'ISTIO_KUBE_APP_PROBERS') : -1;
    if (idx >= 0) {
      try {
        const merged = { ...JSON.parse(prober), ...JSON.parse(String(env[idx]!.value)) };
        const sorted: JsonMap = {};
        for (const k of Object.keys(merged).sort()) sorted[k] = merged[k];
        env[idx] = { name: 'ISTIO_KUBE_APP_PROBERS', value: goJSON(sorted) };
      } catch {
        // upstream logs and keeps the env unchanged
      }
    } else env.push({ name: 'ISTIO_KUBE_APP_PROBERS', value: prober });
    sidecar.env = env;
  }
  let port = statusPort;
  const sp = annos['status.sidecar.istio.io/port'];
  if (sp !== undefined) {
    if (!/^[+-]?\d+$/.test(sp)) return;
    port = Number(sp);
  }
  for (const c of probedContainers(spec)) {
    for (const [field, suffix] of probeKinds) {
      const r = convertProbe(c[field], `/app-health/${c.name}/${suffix}`, port);
      if (r) c[field] = r;
    }
    if (!isMap(c.lifecycle)) continue;
    for (const [field, suffix] of lifecycleKinds) {
      const h = c.lifecycle[field];
      if (!isMap(h) || !(isMap(h.httpGet) || isMap(h.tcpSocket))) continue;
      const url = `/app-lifecycle/${c.name}/${suffix}`;
      const n = structuredClone(h);
      if (isMap(n.httpGet)) {
        n.httpGet.port = port;
        n.httpGet.path = url;
        if (n.httpGet.scheme === 'HTTPS') n.httpGet.scheme = 'HTTP';
      } else {
        delete n.tcpSocket;
        n.httpGet = { path: url, port };
      }
      c.lifecycle[field] = n;
    }
  }
}

// ---- ordering ----

type Move = 'first' | 'last' | 'remove';

export function modifyContainers(list: Containers, name: string, how: Move): Containers {
  const rest = list.filter((c) => c.name !== name);
  let match: JsonMap | undefined;
  for (const c of list) if (c.name === name) match = c;
  if (!match) return rest;
  if (how === 'first') return [match, ...rest];
  if (how === 'last') return [...rest, match];
  return rest;
}

export function reorderPod(spec: JsonMap, holdPod: boolean, beforeProxy: string[]): void {
  const containers = modifyContainers(containersOf(spec, 'containers'), PROXY, holdPod ? 'first' : 'last');
  spec.containers = containers;
  let init = containersOf(spec, 'initContainers');
  if (!Array.isArray(spec.initContainers)) return;
  if (findContainer(init, PROXY)) {
    init = modifyContainers(init, CORE_DUMP, 'first');
    init = modifyContainers(init, PROXY, 'first');
    for (let i = beforeProxy.length - 1; i >= 0; i--) init = modifyContainers(init, beforeProxy[i]!, 'first');
    init = modifyContainers(init, VALIDATION, 'first');
    init = modifyContainers(init, INIT, 'first');
  } else {
    init = modifyContainers(init, VALIDATION, 'first');
    init = modifyContainers(init, INIT, 'last');
    init = modifyContainers(init, CORE_DUMP, 'last');
  }
  spec.initContainers = init;
}

/** The sidecar.istio.io/status value: what the templates added, and the revision. */
export function injectionStatus(templateSpec: JsonMap, revision: string): string {
  const names = (v: Json | undefined) =>
    Array.isArray(v) && v.length > 0 ? v.map((x) => (isMap(x) ? (x.name ?? '') : '')) : null;
  return goJSON({
    initContainers: names(templateSpec.initContainers),
    containers: names(templateSpec.containers),
    volumes: names(templateSpec.volumes),
    imagePullSecrets: names(templateSpec.imagePullSecrets),
    revision: revision || 'default',
  });
}
