// Helm chart rendering (helm.sh/helm/v3 pkg/engine + chartutil + releaseutil semantics): one template
// set per chart tree, files parsed deepest-first in reverse lexical order, partials (_*) not emitted,
// values.yaml defaults coalesced with user values (subcharts and globals), missing keys render empty,
// include/tpl/required/fail with Helm's error wording, and `helm template`-style manifest output.

import type { Cluster } from '../../cluster/cluster.js';
import { ChartFiles, globToRegExp } from './chart-files.js';
import { ExecError, execute, type Templates } from './exec.js';
import { def, type FuncMap, GoError } from './func-types.js';
import { builtinFuncs } from './funcs/builtins.js';
import { helmFuncs, yamlToGo } from './funcs/helm.js';
import { sprigFuncs } from './funcs/sprig.js';
import { toYamlString } from './funcs/yaml.js';
import { DEFAULT_API_VERSIONS, DEFAULT_HELM_VERSION, DEFAULT_KUBE_VERSION } from './helm-capabilities.js';
import type { Tree } from './nodes.js';
import { ParseError, parseTemplates } from './parse.js';
import type { ParseCache } from './parse-cache.js';
import { goQuote } from './quote.js';
import { GO_TYPE, isPlainMap, NO_VALUE, Typed } from './values.js';

/** A chart as a map of relative paths (Chart.yaml, values.yaml, templates/..., charts/<sub>/...) to contents. */
export interface ChartInput {
  files: Record<string, string | Uint8Array>;
}

export interface RenderChartOptions {
  values?: Record<string, unknown>;
  release?: {
    name?: string;
    namespace?: string;
    revision?: number;
    isInstall?: boolean;
    isUpgrade?: boolean;
  };
  kubeVersion?: string;
  apiVersions?: string[];
  /** Live lookup (apiVersion, kind, namespace, name) => object or list; offline it returns an empty map. */
  lookup?: (apiVersion: string, kind: string, namespace: string, name: string) => Record<string, unknown>;
  strict?: boolean;
  /** Parse trees stored by the build (see parse-cache.ts); templates it lacks are parsed. */
  parseCache?: ParseCache;
}

export interface RenderedChart {
  /** Rendered text per template path (e.g. "mychart/templates/svc.yaml"), partials and NOTES.txt excluded. */
  files: Map<string, string>;
  /** The `helm template` stdout for these files (manifests sorted in install order). */
  manifest(): string;
}

export class HelmError extends Error {}

interface Chart {
  name: string;
  meta: Record<string, unknown>;
  values: Record<string, unknown>;
  templates: { name: string; data: string }[];
  files: Record<string, Uint8Array>;
  deps: Chart[];
  parent: Chart | null;
}

const text = (b: string | Uint8Array) => (typeof b === 'string' ? b : Buffer.from(b).toString('utf8'));
const bytes = (b: string | Uint8Array) => (typeof b === 'string' ? Buffer.from(b) : b);

function loadChart(files: Record<string, string | Uint8Array>, parent: Chart | null): Chart {
  const chartYaml = files['Chart.yaml'];
  if (chartYaml === undefined) throw new HelmError('Chart.yaml file is missing');
  const meta = (yamlToGo(text(chartYaml)) ?? {}) as Record<string, unknown>;
  const values =
    files['values.yaml'] !== undefined
      ? ((yamlToGo(text(files['values.yaml'])) ?? {}) as Record<string, unknown>)
      : {};
  const c: Chart = {
    name: String(meta.name ?? ''),
    meta,
    values,
    templates: [],
    files: {},
    deps: [],
    parent,
  };
  const subs = new Map<string, Record<string, string | Uint8Array>>();
  for (const [name, data] of Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (name === 'Chart.yaml' || name === 'values.yaml' || name === 'values.schema.json') continue;
    if (name.startsWith('templates/')) {
      if (/(^|\/)\.[^/]/.test(name.slice('templates/'.length))) continue;
      c.templates.push({ name, data: text(data) });
    } else if (name.startsWith('charts/')) {
      const rest = name.slice('charts/'.length);
      const i = rest.indexOf('/');
      if (i < 0) {
        c.files[name] = bytes(data);
        continue;
      }
      const sub = rest.slice(0, i);
      if (!subs.has(sub)) subs.set(sub, {});
      subs.get(sub)![rest.slice(i + 1)] = data;
    } else c.files[name] = bytes(data);
  }
  for (const sub of [...subs.keys()].sort()) c.deps.push(loadChart(subs.get(sub)!, c));
  return c;
}

const fullPath = (c: Chart): string => (c.parent ? `${fullPath(c.parent)}/charts/${c.name}` : c.name);

function deepCopy(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(deepCopy);
  if (isPlainMap(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deepCopy(x)]));
  return v;
}

/** chartutil.CoalesceValues: user values win, chart defaults fill in, null deletes a default. */
function coalesce(c: Chart, dest: Record<string, unknown>): Record<string, unknown> {
  coalesceTable(dest, deepCopy(c.values) as Record<string, unknown>);
  for (const dep of c.deps) {
    if (!isPlainMap(dest[dep.name])) dest[dep.name] = {};
    const sub = dest[dep.name] as Record<string, unknown>;
    const parentGlobal = isPlainMap(dest.global) ? dest.global : {};
    const subGlobal = isPlainMap(sub.global) ? sub.global : {};
    sub.global = { ...subGlobal, ...(deepCopy(parentGlobal) as object) };
    coalesce(dep, sub);
  }
  return dest;
}

function coalesceTable(dst: Record<string, unknown>, src: Record<string, unknown>) {
  for (const [k, sv] of Object.entries(src)) {
    if (!(k in dst)) {
      dst[k] = sv;
      continue;
    }
    const dv = dst[k];
    if (dv === null) {
      delete dst[k];
      continue;
    }
    if (isPlainMap(dv) && isPlainMap(sv)) coalesceTable(dv, sv);
  }
}

class VersionSet extends Array<string> {
  Has(v: string): boolean {
    return this.includes(v);
  }
}

function capabilities(o: RenderChartOptions) {
  const version = o.kubeVersion ?? DEFAULT_KUBE_VERSION;
  const m = /^v?(\d+)\.(\d+)/.exec(version);
  const kube = {
    [GO_TYPE]: 'chartutil.KubeVersion',
    Version: version,
    Major: m?.[1] ?? '',
    Minor: m?.[2] ?? '',
    String: () => version,
    GitVersion: () => version,
  };
  const apis = new VersionSet();
  apis.push(...(o.apiVersions ?? DEFAULT_API_VERSIONS));
  return {
    [GO_TYPE]: '*chartutil.Capabilities',
    KubeVersion: kube,
    APIVersions: apis,
    HelmVersion: {
      [GO_TYPE]: 'version.BuildInfo',
      Version: DEFAULT_HELM_VERSION.version,
      GitCommit: '',
      GitTreeState: '',
      GoVersion: DEFAULT_HELM_VERSION.go_version,
      toJSON: () => ({
        [GO_TYPE]: 'json',
        version: DEFAULT_HELM_VERSION.version,
        go_version: DEFAULT_HELM_VERSION.go_version,
      }),
    },
  };
}

const META_FIELDS: Record<string, unknown> = {
  Name: '',
  Home: '',
  Sources: null,
  Version: '',
  Description: '',
  Keywords: null,
  Maintainers: null,
  Icon: '',
  APIVersion: '',
  Condition: '',
  Tags: '',
  AppVersion: '',
  Deprecated: false,
  Annotations: null,
  KubeVersion: '',
  Dependencies: null,
  Type: '',
};

function chartMeta(c: Chart): Record<string | symbol, unknown> {
  const out: Record<string | symbol, unknown> = {
    [GO_TYPE]: 'struct { chart.Metadata; IsRoot bool }',
    ...META_FIELDS,
  };
  for (const [k, v] of Object.entries(c.meta)) {
    const goName = k === 'apiVersion' ? 'APIVersion' : k[0]!.toUpperCase() + k.slice(1);
    if (goName in META_FIELDS) out[goName] = v;
  }
  out.IsRoot = c.parent === null;
  // encoding/json view: the embedded Metadata's tagged (omitempty) fields, then IsRoot.
  out.toJSON = () => {
    const j: Record<string | symbol, unknown> = { [GO_TYPE]: 'json' };
    for (const [goName, v] of Object.entries(out)) {
      if (!(goName in META_FIELDS) || isEmptyJson(v)) continue;
      j[goName === 'APIVersion' ? 'apiVersion' : goName[0]!.toLowerCase() + goName.slice(1)] = v;
    }
    j.IsRoot = out.IsRoot;
    return j;
  };
  return out;
}

const isEmptyJson = (v: unknown) =>
  v === null ||
  v === undefined ||
  v === '' ||
  v === false ||
  (Array.isArray(v) && v.length === 0) ||
  (isPlainMap(v) && Object.keys(v).length === 0);

interface Renderable {
  tpl: string;
  vals: Record<string, unknown>;
  basePath: string;
}

function allTemplates(
  c: Chart,
  top: Record<string, unknown>,
  out: Map<string, Renderable>,
): Record<string, unknown> {
  const subcharts: Record<string, unknown> = {};
  let values: unknown = {};
  if (c.parent === null) values = top.Values;
  else if (isPlainMap((top.Values as Record<string, unknown>)?.[c.name]))
    values = (top.Values as Record<string, unknown>)[c.name];
  const next: Record<string, unknown> = {
    Chart: chartMeta(c),
    Files: new ChartFiles(c.files),
    Release: top.Release,
    Capabilities: top.Capabilities,
    Values: values,
    Subcharts: subcharts,
  };
  for (const dep of c.deps) subcharts[dep.name] = allTemplates(dep, next, out);
  const base = fullPath(c);
  for (const t of c.templates) {
    const library = String(c.meta.type ?? '').toLowerCase() === 'library';
    if (library && !t.name.split('/').pop()!.startsWith('_')) continue;
    out.set(`${base}/${t.name}`, { tpl: t.data, vals: next, basePath: `${base}/templates` });
  }
  return next;
}

function sortTemplates(names: string[]): string[] {
  const depth = (s: string) => s.split('/').length;
  return [...names].sort((a, b) => {
    const da = depth(a);
    const db = depth(b);
    if (da !== db) return db - da;
    return a < b ? 1 : a > b ? -1 : 0;
  });
}

const WARN_RE = /HELM_ERR_START([\s\S]*)HELM_ERR_END/;
const warnWrap = (w: string) => `HELM_ERR_START${w}HELM_ERR_END`;

function addTrees(set: Map<string, Tree>, trees: Map<string, Tree>) {
  for (const [k, t] of trees) {
    const old = set.get(k);
    if (old && isEmpty(t) && !isEmpty(old)) continue;
    set.set(k, t);
  }
}

const isEmpty = (t: Tree) => t.root.nodes.every((n) => n.kind === 'text' && n.text.trim() === '');

let baseFuncs: FuncMap | undefined;
/** Builtins, Sprig and Helm's converters: stateless functions, so built once per process and shared. */
const baseHelmFuncs = (): FuncMap =>
  (baseFuncs ??= { ...builtinFuncs(), ...sprigFuncs({}, true), ...helmFuncs() });

export function buildHelmFuncs(
  set: Templates,
  options: { strict?: boolean; lookup?: RenderChartOptions['lookup'] },
): FuncMap {
  const included = new Map<string, number>();
  const fm = set.funcs;
  Object.assign(fm, baseHelmFuncs());
  fm.include = def(['string', 'any'], (name: string, data: unknown) => {
    const n = included.get(name) ?? 0;
    if (n > 1000)
      throw new GoError(
        `rendering template has a nested reference name: ${name}: unable to execute template`,
      );
    included.set(name, n + 1);
    try {
      if (!set.trees.has(name))
        throw new GoError(`template: no template ${goQuote(name)} associated with template "gotpl"`);
      return execute(set, name, data ?? NO_VALUE);
    } finally {
      included.set(name, (included.get(name) ?? 1) - 1);
    }
  });
  fm.tpl = def(['string', 'any'], (tpl: string, vals: unknown) => {
    let trees: Map<string, Tree>;
    try {
      trees = parseTemplates('gotpl', tpl, (n) => Object.hasOwn(fm, n));
    } catch (e) {
      throw new GoError(`cannot parse template ${goQuote(tpl)}: ${(e as Error).message}`);
    }
    const clone: Templates = { trees: new Map(set.trees), funcs: fm, missingKey: set.missingKey };
    addTrees(clone.trees, trees);
    try {
      return execute(clone, 'gotpl', vals ?? NO_VALUE).replaceAll('<no value>', '');
    } catch (e) {
      throw new GoError(`error during tpl function execution for ${goQuote(tpl)}: ${(e as Error).message}`);
    }
  });
  fm.required = def(['string', 'any'], (warn: string, val: unknown) => {
    if (val === null || val === NO_VALUE || val === '') throw new GoError(warnWrap(warn));
    return val;
  });
  fm.fail = def(['string'], (msg: string) => {
    throw new GoError(warnWrap(msg));
  });
  if (options.lookup) {
    const lookup = options.lookup;
    fm.lookup = def(['string', 'string', 'string', 'string'], (a: string, k: string, ns: string, n: string) =>
      lookup(a, k, ns, n),
    );
  }
  return fm;
}

/** Render every template of a chart (Helm's engine.Render after chartutil.ToRenderValues). */
export function renderChart(chart: ChartInput, options: RenderChartOptions = {}): RenderedChart {
  const c = loadChart(chart.files, null);
  const userValues = (deepCopy(options.values ?? {}) as Record<string, unknown>) ?? {};
  const values = coalesce(c, userValues);
  const rel = options.release ?? {};
  const top: Record<string, unknown> = {
    Chart: chartMeta(c),
    Capabilities: capabilities(options),
    Release: {
      Name: rel.name ?? 'release-name',
      Namespace: rel.namespace ?? 'default',
      IsUpgrade: rel.isUpgrade ?? false,
      IsInstall: rel.isInstall ?? true,
      Revision: BigInt(rel.revision ?? 1),
      Service: 'Helm',
    },
    Values: values,
  };
  const tpls = new Map<string, Renderable>();
  allTemplates(c, top, tpls);
  const set: Templates = { trees: new Map(), funcs: {}, missingKey: options.strict ? 'error' : 'zero' };
  buildHelmFuncs(set, options);
  const keys = sortTemplates([...tpls.keys()]);
  const hasFunction = (n: string) => Object.hasOwn(set.funcs, n);
  for (const filename of keys) {
    const tpl = tpls.get(filename)!.tpl;
    try {
      addTrees(
        set.trees,
        options.parseCache?.get(filename, tpl, hasFunction) ?? parseTemplates(filename, tpl, hasFunction),
      );
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      const tokens = e.message.split(': ');
      if (tokens.length === 1) throw new HelmError(`parse error in (${filename}): ${e.message}`);
      throw new HelmError(`parse error at (${tokens[1]}): ${tokens[tokens.length - 1]}`);
    }
  }
  const files = new Map<string, string>();
  for (const filename of keys) {
    if (filename.split('/').pop()!.startsWith('_')) continue;
    const r = tpls.get(filename)!;
    const vals = { ...r.vals, Template: { Name: filename, BasePath: r.basePath } };
    try {
      files.set(filename, execute(set, filename, vals).replaceAll('<no value>', ''));
    } catch (e) {
      if (!(e instanceof ExecError)) throw e;
      const msg = e.message;
      const i1 = msg.indexOf(': ');
      const i2 = msg.indexOf(': ', i1 + 2);
      if (i1 < 0 || i2 < 0) throw new HelmError(`execution error in (${filename}): ${msg}`);
      const m = WARN_RE.exec(msg.slice(i2 + 2));
      if (m) throw new HelmError(`execution error at (${msg.slice(i1 + 2, i2)}): ${m[1]}`);
      throw new HelmError(msg);
    }
  }
  const sorted = new Map(
    [...files.entries()].filter(([k]) => !k.endsWith('NOTES.txt')).sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  return { files: sorted, manifest: () => helmTemplateOutput(sorted) };
}

/** Every template of a chart under the name renderChart parses it with (for the build's parse cache). */
export function chartTemplateSources(chart: ChartInput): { name: string; text: string }[] {
  const tpls = new Map<string, Renderable>();
  allTemplates(loadChart(chart.files, null), { Values: {} }, tpls);
  return [...tpls].map(([name, r]) => ({ name, text: r.tpl }));
}

/** The names in Helm's function map, as renderChart builds it (without a live lookup). */
export function helmFunctionNames(): Set<string> {
  return new Set(Object.keys(buildHelmFuncs({ trees: new Map(), funcs: {}, missingKey: 'zero' }, {})));
}

const INSTALL_ORDER = [
  'PriorityClass',
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodSecurityPolicy',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  'SecretList',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleList',
  'ClusterRoleBinding',
  'ClusterRoleBindingList',
  'Role',
  'RoleList',
  'RoleBinding',
  'RoleBindingList',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'IngressClass',
  'Ingress',
  'APIService',
];

/** releaseutil.SortManifests + the `helm template` printing of manifests (hooks after, in kind order). */
export function helmTemplateOutput(files: Map<string, string>): string {
  const manifests: { name: string; content: string; kind: string; hook: boolean }[] = [];
  for (const [path, content] of [...files.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (path.split('/').pop()!.startsWith('_') || content.trim() === '') continue;
    const docs = content.trim().split(/(?:^|\s*\n)---\s*/);
    for (const d of docs) {
      if (d === '') continue;
      const doc = d.trim();
      let head: any = {};
      try {
        head = yamlToGo(doc) ?? {};
      } catch (e) {
        throw new HelmError(`YAML parse error on ${path}: ${(e as Error).message}`);
      }
      const hook = !!head?.metadata?.annotations?.['helm.sh/hook'];
      manifests.push({ name: path, content: doc, kind: String(head?.kind ?? ''), hook });
    }
  }
  const order = new Map(INSTALL_ORDER.map((k, i) => [k, i]));
  const less = (a: string, b: string) => {
    const fa = order.get(a);
    const fb = order.get(b);
    if (fa === undefined && fb === undefined) return a < b ? -1 : a > b ? 1 : 0;
    if (fa === undefined) return 1;
    if (fb === undefined) return -1;
    return fa - fb;
  };
  const generic = manifests.filter((m) => !m.hook).sort((a, b) => less(a.kind, b.kind));
  const hooks = manifests.filter((m) => m.hook).sort((a, b) => less(a.kind, b.kind));
  let manifest = '';
  for (const m of generic) manifest += `---\n# Source: ${m.name}\n${m.content}\n`;
  let out = `${manifest.trim()}\n`;
  for (const m of hooks) out += `---\n# Source: ${m.name}\n${m.content}\n`;
  return out;
}

/** Read a chart directory through a caller-supplied file reader (engines do no I/O of their own). */
export function loadChartDir(list: () => { path: string; data: Uint8Array }[], ignore?: string): ChartInput {
  const rules = (ignore ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => globToRegExp(l.replace(/\/$/, '')));
  const files: Record<string, Uint8Array> = {};
  for (const f of list()) {
    if (
      rules.some((r) =>
        f.path.split('/').some((_, i, parts) => r.test(parts.slice(0, i + 1).join('/')) || r.test(parts[i]!)),
      )
    )
      continue;
    files[f.path] = f.data;
  }
  return { files };
}

export { Typed, toYamlString };

type LookupCluster = Pick<Cluster, 'get' | 'list'>;

/** Kubernetes' unstructured JSON view: integers are int64, other numbers float64. */
function unstructured(v: unknown): unknown {
  if (typeof v === 'number') return Number.isInteger(v) ? new Typed('int64', BigInt(v)) : v;
  if (Array.isArray(v)) return v.map(unstructured);
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unstructured(x)]));
  return v;
}

async function fetchLookup(
  cluster: LookupCluster,
  apiVersion: string,
  kind: string,
  namespace: string,
  name: string,
) {
  if (name !== '') {
    const obj = await cluster.get({ apiVersion, kind, name, ...(namespace ? { namespace } : {}) });
    return obj ? (unstructured(obj) as Record<string, unknown>) : {};
  }
  const items = await cluster.list({ apiVersion, kind }, namespace ? { namespace } : {});
  return { apiVersion, kind: `${kind}List`, metadata: {}, items: items.map(unstructured) } as Record<
    string,
    unknown
  >;
}

/**
 * renderChart with Helm's live `lookup` through a Cluster: the template engine is synchronous, so renders
 * repeat until every lookup they make has been fetched (objects a lookup does not find stay empty maps).
 */
export async function renderChartLive(
  chart: ChartInput,
  options: RenderChartOptions,
  cluster: LookupCluster,
): Promise<RenderedChart> {
  const cache = new Map<string, Record<string, unknown>>();
  for (let round = 0; round < 8; round++) {
    const missing = new Set<string>();
    const lookup = (a: string, k: string, ns: string, n: string) => {
      const key = JSON.stringify([a, k, ns, n]);
      const hit = cache.get(key);
      if (hit) return hit;
      missing.add(key);
      return {};
    };
    let result: RenderedChart | undefined;
    try {
      result = renderChart(chart, { ...options, lookup });
    } catch (e) {
      if (missing.size === 0) throw e;
    }
    if (missing.size === 0 && result) return result;
    for (const key of missing) {
      const [a, k, ns, n] = JSON.parse(key) as [string, string, string, string];
      cache.set(key, await fetchLookup(cluster, a, k, ns, n));
    }
  }
  return renderChart(chart, {
    ...options,
    lookup: (a, k, ns, n) => cache.get(JSON.stringify([a, k, ns, n])) ?? {},
  });
}
