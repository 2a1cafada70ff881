// Validation of Istio config objects against the API model: the structural pass (strict decode of
// the spec against the kind's schema) and the kind's semantic rules, as istiod's validation applies
// them. This is the entry point validate and analyze use.
import { kindInfo } from '../../model/api/kinds.js';
import { lineLocator } from './locate.js';
import { rulesByAnchor } from './rules/index.js';
import { type WalkOptions, walk } from './structural.js';
import type { Origin, Reporter, ValidationIssue } from './types.js';

export { isIstioKind, kindInfo } from '../../model/api/kinds.js';
export type { IssueLevel, Origin, ValidationIssue } from './types.js';

const TOP_LEVEL = new Set(['apiVersion', 'kind', 'metadata', 'spec', 'status']);

export interface ValidateOptions {
  /** Namespace for objects without one (upstream: the kubeconfig context's, else `default`). */
  defaultNamespace?: string;
  /** Test hook: wraps values handed to semantic rules. */
  wrap?: (value: unknown, schemaPath: string) => unknown;
}

/**
 * Validates one object. Returns [] for objects that are not a served Istio config kind (callers
 * decide what to do with those; see `isIstioKind`).
 */
export function validateResource(
  obj: unknown,
  origin?: Origin,
  opts: ValidateOptions = {},
): ValidationIssue[] {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return [];
  const o = obj as Record<string, any>;
  const info = kindInfo(String(o.apiVersion ?? ''), String(o.kind ?? ''));
  if (!info) return [];
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  // the schema's `required` and a semantic rule may word the same problem identically
  const add = (
    level: ValidationIssue['level'],
    path: string,
    message: string,
    analysis?: ValidationIssue['analysis'],
  ) => {
    const key = `${level}\u0000${path}\u0000${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    issues.push(analysis ? { path, message, level, analysis } : { path, message, level });
  };
  const r: Reporter = { error: (p, m) => add('Error', p, m), warn: (p, m, a) => add('Warning', p, m, a) };
  const md = o.metadata;
  if (md !== undefined && (md === null || typeof md !== 'object' || Array.isArray(md)))
    r.error('metadata', 'metadata must be an object');
  const name = md?.name;
  if (md?.annotations?.['istio.io/dry-run'] !== undefined && info.kind !== 'AuthorizationPolicy') {
    r.error(
      'metadata.annotations',
      `${md.namespace ?? ''}/${name ?? ''} has unsupported annotation istio.io/dry-run, please remove the annotation`,
    );
  }
  const namespace = String(md?.namespace || opts.defaultNamespace || 'default');
  const spec = o.spec;
  if (spec === undefined || spec === null) {
    if (info.specRequired) r.error('spec', 'spec is required');
  }
  const semantic: [ValidationIssue['level'], string, string, ValidationIssue['analysis']][] = [];
  const walkOpts: WalkOptions = {
    rules: rulesByAnchor(info.kind),
    ctx: { object: o, namespace },
    ruleReporter: {
      error: (p, m) => semantic.push(['Error', p, m, undefined]),
      warn: (p, m, a) => semantic.push(['Warning', p, m, a]),
    },
    wrap: opts.wrap,
  };
  walk(spec ?? {}, info.spec, 'spec', '.spec', r, walkOpts);
  // upstream decodes the spec, then rejects unknown top-level fields, and validates only what got that far
  const unknownTop = walkOpts.decodeFailed ? undefined : Object.keys(o).find((k) => !TOP_LEVEL.has(k));
  if (unknownTop) r.error(unknownTop, `unknown field "${unknownTop}"`);
  else if (!walkOpts.decodeFailed) for (const [level, p, m, a] of semantic) add(level, p, m, a);
  if (origin) {
    const locate = origin.source ? lineLocator(origin.source, origin.line) : () => origin.line;
    for (const i of issues) {
      i.file = origin.file;
      i.line = locate(i.path);
    }
  }
  return issues;
}
