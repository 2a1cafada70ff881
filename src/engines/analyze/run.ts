// Runs analyzers over a snapshot, applies suppressions, and dedupes and sorts the messages the
// way upstream's diag.Messages does (level, code, origin, text).
import { formatTemplate, levelRank, messageType } from '../../model/diagnostics.js';
import type { Snapshot } from './snapshot.js';
import {
  type AnalysisContext,
  type Analyzer,
  type Diagnostic,
  friendlyName,
  type Obj,
  type Resource,
} from './types.js';

export const SUPPRESS_ANNOTATION = 'galley.istio.io/analyze-suppress';

export interface Suppression {
  code: string;
  /** A glob (`*` any run of characters) over the resource's friendly name. */
  resourceGlob: string;
}

export interface RunOptions {
  meshConfig: Obj;
  meshNetworks?: Obj;
  istioNamespace: string;
  suppressions?: readonly Suppression[];
}

export function runAnalyzers(
  snapshot: Snapshot,
  analyzers: readonly Analyzer[],
  opts: RunOptions,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const a of analyzers) {
    const report = (
      code: string,
      resource: Resource | undefined,
      line: number | undefined,
      params: unknown[],
    ) => {
      const t = messageType(code);
      const d: Diagnostic = {
        code: t.code,
        level: t.level,
        message: formatTemplate(t.template, params),
        resource,
        analyzer: a.name,
      };
      if (line !== undefined) d.line = line;
      out.push(d);
    };
    const ctx: AnalysisContext = {
      list: (key) => snapshot.list(key),
      find: (key, ns, name) => snapshot.find(key, ns, name),
      report: (code, resource, ...params) => report(code, resource, undefined, params),
      reportAt: (code, resource, path, ...params) =>
        report(code, resource, resource.origin.fieldLine?.(path), params),
      meshConfig: opts.meshConfig,
      meshNetworks: opts.meshNetworks ?? {},
      istioNamespace: opts.istioNamespace,
    };
    a.analyze(ctx);
  }
  const globs = (opts.suppressions ?? []).map((s) => ({ code: s.code, re: globToRegExp(s.resourceGlob) }));
  return sortDedupe(out.filter((d) => !suppressed(d, globs)));
}

function suppressed(d: Diagnostic, globs: Array<{ code: string; re: RegExp }>): boolean {
  const r = d.resource;
  if (!r) return false;
  const ann = r.annotations[SUPPRESS_ANNOTATION];
  if (ann !== undefined) {
    const codes = ann.split(',').map((c) => c.trim());
    if (codes.includes('*') || codes.includes(d.code)) return true;
  }
  const name = friendlyName(r);
  return globs.some((g) => g.code === d.code && g.re.test(name));
}

export function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${body}$`);
}

/** The origin comparator: cluster, then friendly name, then file position. */
export function originKey(r: Resource | undefined): string {
  if (!r) return '';
  return `${r.origin.cluster ?? ''}\u0000${friendlyName(r)}`;
}

/** The message's file reference as printed (`file:line`; no line for .json files). */
export function referenceText(d: Diagnostic): string {
  const o = d.resource?.origin;
  if (!o?.file) return '';
  const line = d.line ?? o.line;
  return line && !o.file.toLowerCase().endsWith('.json') ? `${o.file}:${line}` : o.file;
}

/** Upstream's Message.String(): dedupe key and final tie-break (reference before the text). */
export function diagnosticText(d: Diagnostic): string {
  return `${d.level} [${d.code}] ${originKey(d.resource)} ${referenceText(d)} ${d.message}`;
}

export function sortDedupe(ds: Diagnostic[]): Diagnostic[] {
  const keyed = ds.map((d) => ({ d, origin: originKey(d.resource), text: diagnosticText(d) }));
  keyed.sort((a, b) => {
    const la = levelRank(a.d.level);
    const lb = levelRank(b.d.level);
    if (la !== lb) return lb - la;
    if (a.d.code !== b.d.code) return a.d.code < b.d.code ? -1 : 1;
    if (!a.d.resource !== !b.d.resource) return a.d.resource ? 1 : -1;
    if (a.origin !== b.origin) return a.origin < b.origin ? -1 : 1;
    return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
  });
  const out: Diagnostic[] = [];
  let last: string | undefined;
  for (const k of keyed) {
    if (k.text === last) continue;
    last = k.text;
    out.push(k.d);
  }
  return out;
}
