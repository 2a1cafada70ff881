// Turns parsed documents (or cluster objects) into snapshot resources: `kind: List` expanded,
// kinds looked up, and the problems (bad apiVersion, unknown kind, no name) collected for the caller.
import { lookupKind } from './kinds.js';
import type { Obj, Origin, Resource } from './types.js';
import { stringMap } from './util.js';

export interface ResourceProblem {
  message: string;
  origin: Origin;
  /** A hard problem (exit 65) as opposed to a note (unknown kind). */
  fatal: boolean;
}

export interface ToResourceOptions {
  /** Read Pods, Services, Namespaces, Nodes, Secrets, ConfigMaps from this input. */
  includeRuntime: boolean;
  /** Namespace for namespaced objects without one; undefined leaves them namespace-less. */
  defaultNamespace?: string;
  /** Only these collection keys are kept (the selected analyzers' inputs). */
  keys?: ReadonlySet<string>;
}

/**
 * Whether an object of this apiVersion/kind would be dropped unread (a kind no selected analyzer
 * reads, a runtime kind outside harness mode, or a known kind analyze ignores); false when it
 * would become a resource or a problem.
 */
export function dropsKind(apiVersion: string, kind: string, opts: ToResourceOptions): boolean {
  if (kind === 'List') return false;
  const found = lookupKind(apiVersion, kind);
  if (found.status === 'ignored') return true;
  if (found.status !== 'ok') return false;
  if (found.kind.runtime && !opts.includeRuntime) return true;
  return opts.keys !== undefined && !opts.keys.has(found.kind.key);
}

export function toResources(
  value: unknown,
  origin: Origin,
  opts: ToResourceOptions,
  out: Resource[],
  problems: ResourceProblem[],
): void {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    problems.push({ message: 'document is not a Kubernetes object', origin, fatal: true });
    return;
  }
  const o = value as Obj;
  if (o.kind === 'List' && Array.isArray(o.items)) {
    // Field paths are relative to each item, which the List's lookup does not know.
    const { fieldLine: _, ...itemOrigin } = origin;
    for (const item of o.items) toResources(item, itemOrigin, opts, out, problems);
    return;
  }
  const apiVersion = typeof o.apiVersion === 'string' ? o.apiVersion : '';
  const kind = typeof o.kind === 'string' ? o.kind : '';
  if (!apiVersion || !kind) {
    problems.push({ message: 'object has no apiVersion or kind', origin, fatal: true });
    return;
  }
  const found = lookupKind(apiVersion, kind);
  if (found.status === 'bad-version') {
    problems.push({
      message: `${kind} is not served at apiVersion ${apiVersion} (known versions: ${found.versions.join(', ')})`,
      origin,
      fatal: true,
    });
    return;
  }
  if (found.status === 'unknown') {
    problems.push({ message: `unknown kind ${kind} (${apiVersion}); not analyzed`, origin, fatal: false });
    return;
  }
  if (found.status === 'ignored') return;
  const k = found.kind;
  if (k.runtime && !opts.includeRuntime) return;
  if (opts.keys && !opts.keys.has(k.key)) return;
  const md = o.metadata && typeof o.metadata === 'object' ? o.metadata : {};
  const name = md.name === undefined || md.name === null ? '' : String(md.name);
  if (!name) {
    problems.push({ message: `${kind} has no metadata.name`, origin, fatal: true });
    return;
  }
  let namespace = k.namespaced ? String(md.namespace ?? '') : '';
  if (k.namespaced && !namespace && opts.defaultNamespace) namespace = opts.defaultNamespace;
  out.push({
    key: k.key,
    kind: k.kind,
    apiVersion,
    name,
    namespace,
    labels: stringMap(md.labels),
    annotations: stringMap(md.annotations),
    obj: o,
    spec: specOf(k.key, o),
    status: o.status,
    origin,
  });
}

/** Kubernetes kinds without `spec` keep their payload at the top level. */
function specOf(key: string, o: Obj): Obj {
  if (key === 'ConfigMap' || key === 'Secret') return { data: o.data, stringData: o.stringData };
  if (key === 'MutatingWebhookConfiguration' || key === 'ValidatingWebhookConfiguration')
    return { webhooks: o.webhooks };
  return o.spec ?? {};
}
