// istiod's injection of one pod (webhook.go injectPod + inject.go RunTemplate): validate the
// annotations, strip an earlier injection, run the selected templates, merge them onto the pod,
// re-apply user overrides of injected containers, then post-process.
import type { InjectConfig } from './inject-config.js';
import { applyProxyConfig } from './mesh-config.js';
import {
  applyPrometheusMerge,
  applyRewrite,
  clearPrometheusAnnotations,
  containersOf,
  findContainer,
  findSidecar,
  goJSON,
  INIT,
  injectionStatus,
  modifyContainers,
  PROXY,
  reorderPod,
  STATUS_ANNOTATION,
  VALIDATION,
} from './post-process.js';
import { strategicMerge } from './strategic-merge.js';
import { isMap, type Json, type JsonMap, TypedDecodeError, typed } from './typed.js';
import { validateAnnotations } from './validate.js';

export interface TemplateData {
  TypeMeta: { Kind: string; APIVersion: string };
  DeploymentMeta: { Name: string; Namespace: string };
  ObjectMeta: JsonMap;
  Spec: JsonMap;
  ProxyConfig: JsonMap;
  MeshConfig: JsonMap;
  Values: JsonMap;
  Revision: string;
  NativeSidecars: boolean;
  ProxyImage: string;
  ProxyUID: number;
  ProxyGID: number;
  InboundTrafficPolicyMode: string;
  CompliancePolicy: string;
}

/** Runs one template with the data; returns the rendered YAML text. */
export type TemplateRunner = (name: string, text: string, data: TemplateData) => Promise<string>;
/** Parses rendered template YAML into a JSON map (sigs.k8s.io/yaml semantics). */
export type YamlParser = (text: string) => unknown;

export interface InjectionParams {
  config: InjectConfig;
  values: JsonMap;
  mesh: JsonMap;
  revision: string;
  nativeSidecars: boolean;
  compliancePolicy: string;
  run: TemplateRunner;
  parse: YamlParser;
}

export class InjectionError extends Error {}

function get(m: unknown, ...path: string[]): unknown {
  let cur = m;
  for (const p of path) {
    if (!isMap(cur)) return undefined;
    cur = cur[p];
  }
  return cur;
}

const str = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

export function proxyImage(
  values: JsonMap,
  proxyConfig: JsonMap,
  annotations: Record<string, string>,
): string {
  const tagV = get(values, 'global', 'tag');
  const tag = tagV === undefined || tagV === null ? '' : String(tagV);
  let imageType = str(get(proxyConfig, 'image', 'imageType'));
  const image = str(get(values, 'global', 'proxy', 'image')) || 'proxyv2';
  if ('sidecar.istio.io/proxyImageType' in annotations)
    imageType = annotations['sidecar.istio.io/proxyImageType']!;
  let t = tag;
  if (imageType !== '') {
    for (const known of ['distroless', 'debug']) {
      if (t.endsWith(`-${known}`)) {
        t = t.slice(0, -(known.length + 1));
        break;
      }
    }
    if (imageType !== 'default') t = `${t}-${imageType}`;
  }
  return `${str(get(values, 'global', 'hub'))}/${image}:${t}`;
}

function annotationsOf(meta: JsonMap): Record<string, string> {
  return (isMap(meta.annotations) ? meta.annotations : {}) as Record<string, string>;
}

function labelsOf(meta: JsonMap): Record<string, string> {
  return (isMap(meta.labels) ? meta.labels : {}) as Record<string, string>;
}

function parseStatus(pod: JsonMap): { containers: string[]; initContainers: string[] } | undefined {
  const v = annotationsOf(pod.metadata as JsonMap)[STATUS_ANNOTATION];
  if (v === undefined) return undefined;
  try {
    const s = JSON.parse(v);
    const names = (x: unknown) => (Array.isArray(x) ? x.filter((n) => typeof n === 'string') : []);
    return { containers: names(s?.containers), initContainers: names(s?.initContainers) };
  } catch {
    return undefined;
  }
}

function stripPod(pod: JsonMap, statusPort: number): JsonMap {
  const status = parseStatus(pod);
  if (!status) return pod;
  const out = structuredClone(pod);
  const spec = out.spec as JsonMap;
  for (const c of status.containers)
    spec.containers = modifyContainers(containersOf(spec, 'containers'), c, 'remove');
  for (const c of status.initContainers) {
    const l = modifyContainers(containersOf(spec, 'initContainers'), c, 'remove');
    if (l.length > 0 || spec.initContainers !== undefined) spec.initContainers = l;
  }
  const annos = annotationsOf(out.metadata as JsonMap);
  const port = Object.keys(annos).find((k) => k.replace(/[^a-zA-Z0-9_]/g, '_') === 'prometheus_io_port');
  if (port && annos[port] === String(statusPort)) clearPrometheusAnnotations(annos);
  delete annos[STATUS_ANNOTATION];
  return typed(out, 'Pod');
}

interface Overrides {
  containers: JsonMap[];
  initContainers: JsonMap[];
}

function overridesOf(pod: JsonMap): Overrides {
  const v = annotationsOf(pod.metadata as JsonMap)['proxy.istio.io/overrides'];
  if (v === undefined) return { containers: [], initContainers: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(v);
  } catch (e) {
    throw new InjectionError((e as Error).message);
  }
  const list = (x: unknown) => (Array.isArray(x) ? x.filter(isMap).map((c) => typed(c, 'Container')) : []);
  return { containers: list(get(parsed, 'containers')), initContainers: list(get(parsed, 'initContainers')) };
}

function reinsertOverrides(pod: JsonMap): JsonMap {
  const o = overridesOf(pod);
  if (o.containers.length === 0 && o.initContainers.length === 0) return pod;
  const out = structuredClone(pod);
  const spec = out.spec as JsonMap;
  for (const c of o.containers)
    if (!findContainer(containersOf(spec, 'containers'), c.name as string))
      spec.containers = [...containersOf(spec, 'containers'), c];
  for (const c of o.initContainers)
    if (!findContainer(containersOf(spec, 'initContainers'), c.name as string))
      spec.initContainers = [...containersOf(spec, 'initContainers'), c];
  return out;
}

const BAD_DOCUMENT = Symbol('bad document');

function overlay(target: JsonMap, patch: unknown): JsonMap {
  const p = isMap(patch) ? patch : {};
  const merged = strategicMerge(target, p, 'Pod');
  try {
    return typed(merged, 'Pod');
  } catch (e) {
    if (e instanceof TypedDecodeError) throw new Error(`unmarshal patched pod: ${e.message}`);
    throw e;
  }
}

function moveProxyToInit(pod: JsonMap): JsonMap {
  const out = structuredClone(pod);
  const spec = out.spec as JsonMap;
  const list = containersOf(spec, 'containers');
  const idx = list.findIndex((c) => c.name === PROXY);
  if (idx < 0) return pod;
  const [proxy] = list.splice(idx, 1);
  spec.containers = list;
  spec.initContainers = [...containersOf(spec, 'initContainers'), proxy!];
  return typed(out, 'Pod');
}

export interface PodInput {
  pod: JsonMap;
  typeMeta: { Kind: string; APIVersion: string };
  deployMeta: { Name: string; Namespace: string };
}

/** The injected pod (typed), or throws InjectionError. */
export async function injectPod(input: PodInput, p: InjectionParams): Promise<JsonMap> {
  const original = input.pod;
  const meta = original.metadata as JsonMap;
  const annos = annotationsOf(meta);
  const invalid = validateAnnotations(annos);
  if (invalid) throw new InjectionError(`failed to run injection template: ${invalid}`);
  let mesh = p.mesh;
  const pca = annos['proxy.istio.io/config'];
  if (pca !== undefined)
    mesh = {
      ...mesh,
      defaultConfig: applyProxyConfig(mesh.defaultConfig as JsonMap, parseProxyConfig(pca, p.parse)),
    };
  const proxyConfig = mesh.defaultConfig as JsonMap;
  const statusPort = typeof proxyConfig.statusPort === 'number' ? proxyConfig.statusPort : 0;

  const proxyEnvs: Record<string, string> = {};
  const cluster = str(get(p.values, 'global', 'multiCluster', 'clusterName'));
  let network = str(get(p.values, 'global', 'network'));
  const labels = labelsOf(meta);
  if ('topology.istio.io/network' in labels) network = labels['topology.istio.io/network']!;
  if (cluster !== '') proxyEnvs.ISTIO_META_CLUSTER_ID = cluster;
  if (network !== '') proxyEnvs.ISTIO_META_NETWORK = network;

  const stripped = reinsertOverrides(stripPod(original, statusPort));
  const strippedMeta = stripped.metadata as JsonMap;
  const data: TemplateData = {
    TypeMeta: input.typeMeta,
    DeploymentMeta: input.deployMeta,
    ObjectMeta: strippedMeta,
    Spec: stripped.spec as JsonMap,
    ProxyConfig: proxyConfig,
    MeshConfig: mesh,
    Values: p.values,
    Revision: p.revision,
    NativeSidecars: p.nativeSidecars,
    ProxyImage: proxyImage(p.values, proxyConfig, annotationsOf(strippedMeta)),
    ProxyUID: 1337,
    ProxyGID: 1337,
    InboundTrafficPolicyMode:
      get(mesh, 'inboundTrafficPolicy', 'mode') === 'LOCALHOST' ? 'localhost' : 'passthrough',
    CompliancePolicy: p.compliancePolicy,
  };

  let merged = original;
  let templatePod: JsonMap = typed({}, 'Pod');
  for (const name of selectTemplates(annos, p.config)) {
    const text = p.config.templates[name];
    if (text === undefined) {
      throw new InjectionError(
        `failed to run injection template: requested template "${name}" not found; have ${Object.keys(p.config.templates).sort().join(', ')}`,
      );
    }
    let renderedText: string;
    try {
      renderedText = await p.run(name, text, data);
    } catch (e) {
      throw new InjectionError(`failed to run injection template: ${(e as Error).message}`);
    }
    // The overlay reads the rendered YAML into a map: text that is not one is a bad JSON document.
    let rendered: unknown;
    try {
      rendered = p.parse(renderedText);
    } catch {
      rendered = BAD_DOCUMENT;
    }
    if (rendered !== null && rendered !== undefined && !isMap(rendered))
      throw new InjectionError(
        'failed to run injection template: failed applying injection overlay: strategic merge: invalid JSON document',
      );
    try {
      templatePod = overlay(templatePod, rendered);
    } catch (e) {
      throw new InjectionError(
        `failed to run injection template: failed applying injection overlay: ${(e as Error).message}`,
      );
    }
    if (
      p.nativeSidecars &&
      findContainer(containersOf(templatePod.spec as JsonMap, 'initContainers'), PROXY) &&
      findContainer(containersOf(merged.spec as JsonMap, 'containers'), PROXY)
    ) {
      merged = moveProxyToInit(merged);
    }
    try {
      merged = overlay(merged, rendered);
    } catch (e) {
      throw new InjectionError(
        `failed to run injection template: failed parsing generated injected YAML (check Istio sidecar injector configuration): ${(e as Error).message}`,
      );
    }
  }

  merged = reapplyOverwrittenContainers(merged, original, templatePod, proxyConfig);
  postProcess(merged, templatePod, p, mesh, proxyEnvs, original);
  return typed(merged, 'Pod');
}

function parseProxyConfig(text: string, parse: YamlParser): JsonMap {
  let v: unknown;
  try {
    v = parse(text);
  } catch (e) {
    throw new InjectionError((e as Error).message);
  }
  if (v === null || v === undefined) return {};
  if (!isMap(v)) throw new InjectionError(`failed to unmarshal proxy config: ${text}`);
  return v;
}

function selectTemplates(annos: Record<string, string>, config: InjectConfig): string[] {
  const a = annos['inject.istio.io/templates'];
  const names = a !== undefined ? a.split(',').map((s) => s.trim()) : config.defaultTemplates;
  return names.flatMap((n) => config.aliases[n] ?? [n]);
}

function reapplyOverwrittenContainers(
  final: JsonMap,
  original: JsonMap,
  templatePod: JsonMap,
  proxyConfig: JsonMap,
): JsonMap {
  const existing = overridesOf(original);
  const status = parseStatus(original);
  const overrides: Overrides = { containers: [], initContainers: [] };
  const origSpec = original.spec as JsonMap;
  let out = final;
  for (const c of containersOf(templatePod.spec as JsonMap, 'containers')) {
    if (status?.containers.includes(c.name as string)) continue;
    const match =
      findContainer(existing.containers, c.name as string) ??
      findContainer(containersOf(origSpec, 'containers'), c.name as string);
    if (!match) continue;
    const o = structuredClone(match);
    if (o.image === 'auto') delete o.image;
    const ov = typed(o, 'Container');
    overrides.containers.push(ov);
    out = overlay(out, { spec: { containers: [ov] } });
  }
  for (const c of containersOf(templatePod.spec as JsonMap, 'initContainers')) {
    if (status?.initContainers.includes(c.name as string)) continue;
    const match =
      findContainer(existing.initContainers, c.name as string) ??
      findContainer(containersOf(origSpec, 'containers'), c.name as string) ??
      findContainer(containersOf(origSpec, 'initContainers'), c.name as string);
    if (!match) continue;
    const o = structuredClone(match);
    if (o.image === 'auto') delete o.image;
    const ov = typed(o, 'Container');
    overrides.initContainers.push(ov);
    out = overlay(out, { spec: { containers: [], initContainers: [ov] } });
  }
  if (!status && (overrides.containers.length > 0 || overrides.initContainers.length > 0)) {
    out = structuredClone(out);
    const meta = out.metadata as JsonMap;
    const annos = { ...annotationsOf(meta) };
    const js: JsonMap = {};
    if (overrides.containers.length > 0) js.containers = overrides.containers;
    if (overrides.initContainers.length > 0) js.initContainers = overrides.initContainers;
    annos['proxy.istio.io/overrides'] = goJSON(js);
    meta.annotations = annos;
  }
  adjustInitContainerUser(out, original, proxyConfig);
  return out;
}

function adjustInitContainerUser(final: JsonMap, original: JsonMap, proxyConfig: JsonMap): void {
  const user = findSidecar(original.spec as JsonMap);
  const sc = user?.securityContext;
  if (!isMap(sc) || (sc.runAsUser === undefined && sc.runAsGroup === undefined)) return;
  const spec = final.spec as JsonMap;
  const init =
    findContainer(containersOf(spec, 'initContainers'), INIT) ??
    findContainer(containersOf(spec, 'initContainers'), VALIDATION);
  if (!init) return;
  const tproxy =
    proxyConfig.interceptionMode === 'TPROXY' ||
    annotationsOf(final.metadata as JsonMap)['sidecar.istio.io/interceptionMode'] === 'TPROXY';
  if (tproxy && sc.runAsUser !== undefined) {
    const sidecar = findSidecar(spec);
    if (!sidecar) return;
    if (isMap(sidecar.securityContext)) sidecar.securityContext.runAsUser = 0;
  }
  if (!tproxy && init.name === VALIDATION) {
    const isc = (isMap(init.securityContext) ? init.securityContext : {}) as JsonMap;
    if (sc.runAsUser !== undefined) isc.runAsUser = sc.runAsUser;
    if (sc.runAsGroup !== undefined) isc.runAsGroup = sc.runAsGroup;
    init.securityContext = isc;
  }
  if (sc.runAsUser === undefined || sc.runAsUser === 0) return;
  const args = Array.isArray(init.args) ? init.args : [];
  const i = args.indexOf('-u');
  if (i >= 0) args[i + 1] = String(sc.runAsUser);
}

function postProcess(
  pod: JsonMap,
  templatePod: JsonMap,
  p: InjectionParams,
  mesh: JsonMap,
  proxyEnvs: Record<string, string>,
  original: JsonMap,
): void {
  const meta = pod.metadata as JsonMap;
  if (!isMap(meta.annotations)) meta.annotations = {};
  if (!isMap(meta.labels)) meta.labels = {};
  const spec = pod.spec as JsonMap;
  const sidecar = findSidecar(spec);
  if (sidecar && Object.keys(proxyEnvs).length > 0) {
    const env = (Array.isArray(sidecar.env) ? sidecar.env : []).filter(
      (e) => !(isMap(e) && (e.name as string) in proxyEnvs),
    );
    for (const k of Object.keys(proxyEnvs).sort()) env.push({ name: k, value: proxyEnvs[k]! });
    sidecar.env = env;
  }
  const proxyConfig = mesh.defaultConfig as JsonMap;
  const statusPort = typeof proxyConfig.statusPort === 'number' ? proxyConfig.statusPort : 0;
  const meshMerge = typeof mesh.enablePrometheusMerge === 'boolean' ? mesh.enablePrometheusMerge : undefined;
  applyPrometheusMerge(pod, statusPort, meshMerge);
  applyRewrite(pod, statusPort, get(p.values, 'sidecarInjectorWebhook', 'rewriteAppHTTPProbe') === true);
  const labels = meta.labels as Record<string, string>;
  if (proxyEnvs.ISTIO_META_NETWORK !== undefined)
    labels['topology.istio.io/network'] = proxyEnvs.ISTIO_META_NETWORK;
  const annos = meta.annotations as Record<string, string>;
  annos[STATUS_ANNOTATION] = injectionStatus(templatePod.spec as JsonMap, p.revision);
  for (const [k, v] of Object.entries(p.config.injectedAnnotations)) annos[k] = v;
  // Ordering uses the pod's own proxy config annotation over the mesh defaults.
  let pc = p.mesh.defaultConfig as JsonMap;
  const pca = annotationsOf(original.metadata as JsonMap)['proxy.istio.io/config'];
  if (pca !== undefined) pc = applyProxyConfig(pc, parseProxyConfig(pca, p.parse));
  const hold =
    pc.holdApplicationUntilProxyStarts === true ||
    get(p.values, 'global', 'proxy', 'holdApplicationUntilProxyStarts') === true;
  const before: string[] = [];
  const extra = annos['sidecar.istio.io/init-containers-before-proxy'];
  const joined = extra ? `,${extra}` : '';
  if (joined !== '') for (const n of joined.split(',')) if (!before.includes(n)) before.push(n);
  reorderPod(spec, hold, before);
}

export type { Json };
