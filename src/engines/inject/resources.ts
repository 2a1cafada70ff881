// kube-inject over a YAML stream (inject.go IntoResourceFile/IntoObject): split as the
// Kubernetes YAML reader does, decode the workload kinds, inject their pod template, print each
// handled object re-encoded and every other document byte for byte, each followed by `---`.
import { goYamlMarshal } from './go-yaml.js';
import { type InjectionParams, injectPod, type PodInput } from './inject.js';
import { isMap, type JsonMap, TypedDecodeError, typed } from './typed.js';

/**
 * The kinds kube-inject decodes. Upstream registers them as unversioned types of its scheme, and
 * Scheme.New falls back to those by kind alone: any apiVersion (or none) with one of these kinds
 * is decoded and injected; the RC's template is a pointer, so a missing one is an error.
 */
const KINDS = new Set([
  'Pod',
  'ReplicationController',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'DeploymentConfig',
  'List',
]);

/** sigs.k8s.io/yaml reads kind and apiVersion into strings, numbers and booleans included. */
function typeMetaKind(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (!isMap(value)) {
    const what = Array.isArray(value) ? 'array' : typeof value === 'boolean' ? 'bool' : typeof value;
    throw new StreamError(
      `${DECODE_PREFIX}json: cannot unmarshal ${what} into Go value of type v1.TypeMeta`,
      undefined,
      undefined,
      true,
    );
  }
  const k = canonicalTypeMeta(value).kind;
  return typeof k === 'string' ? k : typeof k === 'number' || typeof k === 'boolean' ? String(k) : '';
}

/** kind and apiVersion as encoding/json reads them: any letter case, the last sorted key winning. */
function canonicalTypeMeta(value: JsonMap): JsonMap {
  let out = value;
  for (const key of Object.keys(value).sort()) {
    const field =
      key.toLowerCase() === 'kind' ? 'kind' : key.toLowerCase() === 'apiversion' ? 'apiVersion' : '';
    if (field !== '' && key !== field) {
      if (out === value) out = { ...value };
      out[field] = value[key]!;
    } else if (field !== '' && out !== value) out[field] = value[key]!;
  }
  return out;
}

/** How sigs.k8s.io/yaml wraps encoding/json's decode errors. */
const DECODE_PREFIX = 'error unmarshaling JSON: while decoding JSON: ';

export interface RawDocument {
  text: string;
  /** 1-based line of the chunk's first line in the input. */
  line: number;
}

/** The Kubernetes YAMLReader split: `---` lines separate documents; empty chunks are dropped. */
export function splitYamlStream(text: string): RawDocument[] {
  const out: RawDocument[] = [];
  let buf = '';
  let start = 1;
  let lineNo = 1;
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl + 1;
    const line = text.slice(pos, end);
    pos = end;
    if (line.startsWith('---')) {
      const rest = line.slice(3).trim();
      if (rest.length > 0 && !rest.startsWith('#'))
        throw new StreamError(`invalid Yaml document separator: ${rest}`, lineNo);
      if (buf.length > 0) out.push({ text: buf, line: start });
      buf = '';
      lineNo++;
      start = lineNo;
      continue;
    }
    if (buf.length === 0) start = lineNo;
    buf += line;
    lineNo++;
  }
  if (buf.length > 0) out.push({ text: buf, line: start });
  return out;
}

export class StreamError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly col?: number,
    /** The document is YAML but not a valid object of its kind. */
    readonly decode = false,
  ) {
    super(message);
  }
}

export interface StreamHooks {
  /** Parses one document (YAML 1.1 like goyaml); throws StreamError with a line/col inside the chunk. */
  parse(text: string): unknown;
  warn(message: string): void;
  /** istiod's log lines (warnings), printed on stderr as they happen. */
  log?(message: string): void;
  /** Injects one pod; defaults to local rendering. */
  inject?(input: PodInput, namespace: string): Promise<JsonMap | undefined>;
}

/** The whole output text; throws on the first failure so nothing partial is printed. */
export async function injectStream(
  text: string,
  params: InjectionParams,
  hooks: StreamHooks,
): Promise<string> {
  const parts: string[] = [];
  for (const doc of splitYamlStream(text)) {
    let value: unknown;
    try {
      value = hooks.parse(doc.text);
    } catch (e) {
      if (e instanceof StreamError && e.line !== undefined)
        throw new StreamError(e.message, doc.line + e.line - 1, e.col);
      throw e;
    }
    let obj: JsonMap;
    try {
      if (!KINDS.has(typeMetaKind(value))) {
        parts.push(doc.text, '---\n');
        continue;
      }
      obj = await intoObject(value as JsonMap, params, hooks);
    } catch (e) {
      // Decode errors name the document they are in (its first line).
      if (e instanceof StreamError && e.decode) throw new StreamError(e.message, doc.line, undefined, true);
      throw e;
    }
    parts.push(goYamlMarshal(obj), '---\n');
  }
  return parts.join('');
}

function decode(value: JsonMap): JsonMap {
  try {
    return typed(value, value.kind as string);
  } catch (e) {
    if (e instanceof TypedDecodeError)
      throw new StreamError(`${DECODE_PREFIX}${e.message}`, undefined, undefined, true);
    throw e;
  }
}

async function intoObject(raw: JsonMap, params: InjectionParams, hooks: StreamHooks): Promise<JsonMap> {
  const value = canonicalTypeMeta(raw);
  const kind = value.kind as string;
  if (kind === 'List') {
    const list = decode(value);
    const items = Array.isArray(list.items) ? list.items : [];
    const out: JsonMap[] = [];
    for (const item of items)
      out.push(
        KINDS.has(typeMetaKind(item)) ? await intoObject(item as JsonMap, params, hooks) : (item as JsonMap),
      );
    list.items = out;
    return list;
  }
  const obj = decode(value);
  const objMeta = obj.metadata as JsonMap;
  let meta: JsonMap;
  let spec: JsonMap;
  let holder: JsonMap;
  let typeMeta = { Kind: kind, APIVersion: value.apiVersion as string };
  let deployMeta = { Name: str(objMeta.name), Namespace: str(objMeta.namespace) };
  if (kind === 'Pod') {
    holder = obj;
    meta = obj.metadata as JsonMap;
    spec = obj.spec as JsonMap;
    ({ deployMeta, typeMeta } = deployMetaFromPod(meta));
  } else if (kind === 'CronJob') {
    const jt = (obj.spec as JsonMap).jobTemplate as JsonMap;
    holder = jt;
    meta = jt.metadata as JsonMap;
    const tmpl = (jt.spec as JsonMap).template as JsonMap;
    spec = tmpl.spec as JsonMap;
  } else {
    const s = obj.spec as JsonMap;
    if (!isMap(s.template)) throw new StreamError('spec.template is required value');
    holder = s.template;
    meta = s.template.metadata as JsonMap;
    spec = s.template.spec as JsonMap;
  }
  const name = str(meta.name) || deployMeta.Name;
  const namespace = str(meta.namespace) || str(objMeta.namespace);
  const fullName = str(objMeta.namespace) !== '' ? `${str(objMeta.namespace)}/${name}` : name;
  const what = typeMeta.Kind !== '' ? `${typeMeta.Kind} "${fullName}"` : `"${fullName}"`;
  if (spec.hostNetwork === true) {
    hooks.warn(`===> Skipping injection because ${what} has host networking enabled\n`);
    return obj;
  }
  const pod: JsonMap = { metadata: meta, spec };
  const input: PodInput = { pod: typed(pod, 'Pod'), typeMeta, deployMeta };
  let result: JsonMap | undefined;
  if (hooks.inject) result = await hooks.inject(input, namespace);
  else {
    if (!injectRequired(spec, meta, hooks.log)) {
      hooks.warn(`===> Skipping injection because ${what} has sidecar injection disabled\n`);
      return obj;
    }
    result = await injectPod(input, params);
  }
  if (!result) return obj;
  if (kind === 'CronJob') {
    holder.metadata = result.metadata!;
    ((holder.spec as JsonMap).template as JsonMap).spec = result.spec!;
  } else {
    holder.metadata = result.metadata!;
    holder.spec = result.spec!;
  }
  // The injected metadata and spec are typed already, so the object still is: no second decode.
  return obj;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

const IGNORED_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage']);

/**
 * injectRequired with policy "enabled" and no selectors, as kube-inject calls it. Only "true" and
 * "false" are read; anything else falls back to the policy, with istiod's warning.
 */
export function injectRequired(spec: JsonMap, meta: JsonMap, log?: (message: string) => void): boolean {
  if (spec.hostNetwork === true) return false;
  if (IGNORED_NAMESPACES.has(str(meta.namespace))) return false;
  const annos = (isMap(meta.annotations) ? meta.annotations : {}) as Record<string, string>;
  const labels = (isMap(meta.labels) ? meta.labels : {}) as Record<string, string>;
  let selector = annos['sidecar.istio.io/inject'] ?? '';
  if ('sidecar.istio.io/inject' in labels) selector = labels['sidecar.istio.io/inject']!;
  if (selector === 'false') return false;
  if (selector !== 'true' && selector !== '') {
    const pod =
      str(meta.name) ||
      (str(meta.generateName) ? `${str(meta.generateName)}***** (actual name not yet known)` : '');
    log?.(
      `Invalid value for sidecar.istio.io/inject: "${selector}". Only 'true' and 'false' are accepted. Falling back to default injection policy.\tpod=${str(meta.namespace)}/${pod}`,
    );
  }
  return true;
}

const jobNameRe = /^(.+)-\d{8,10}$/;

/** kube.GetDeployMetaFromPod: the owning workload's name and kind, when the pod says. */
export function deployMetaFromPod(meta: JsonMap): {
  deployMeta: { Name: string; Namespace: string };
  typeMeta: { Kind: string; APIVersion: string };
} {
  const deployMeta = { Name: str(meta.name), Namespace: str(meta.namespace) };
  const typeMeta = { Kind: 'Pod', APIVersion: 'v1' };
  if (str(meta.generateName) !== '') {
    const refs = Array.isArray(meta.ownerReferences) ? meta.ownerReferences : [];
    const ref = refs.find((r) => isMap(r) && r.controller === true) as JsonMap | undefined;
    if (ref) {
      const labels = (isMap(meta.labels) ? meta.labels : {}) as Record<string, string>;
      typeMeta.APIVersion = str(ref.apiVersion);
      typeMeta.Kind = str(ref.kind);
      deployMeta.Name = str(ref.name);
      const hash = labels['pod-template-hash'] ?? '';
      if (typeMeta.Kind === 'ReplicaSet' && hash !== '' && deployMeta.Name.endsWith(hash)) {
        deployMeta.Name = deployMeta.Name.slice(0, -(hash.length + 1));
        typeMeta.Kind = 'Deployment';
      } else if (typeMeta.Kind === 'ReplicationController' && (labels.deploymentconfig ?? '') !== '') {
        deployMeta.Name = labels.deploymentconfig!;
        typeMeta.Kind = 'DeploymentConfig';
      } else if (typeMeta.Kind === 'Job') {
        const jn = labels['job-name'];
        const m = jn !== undefined ? jobNameRe.exec(jn) : null;
        if (m) {
          deployMeta.Name = m[1]!;
          typeMeta.Kind = 'CronJob';
          typeMeta.APIVersion = 'batch/v1';
        }
      }
    }
  }
  return { deployMeta, typeMeta };
}
