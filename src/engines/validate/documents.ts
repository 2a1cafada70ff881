// What `istioctl validate` does with each parsed document: Istio kinds through validateResource,
// Services and Deployments (also inside Lists) through upstream's extra checks, IstioOperators
// through the operator's validation; everything else passes.
import { parseDocument } from 'yaml';
import { isIstioKind } from '../../model/api/kinds.js';
import { isMap } from '../../model/iop/tree.js';
import { validateIstioOperator } from '../../model/iop/validate.js';
import { isKnownProtocol } from './checks.js';
import { validateResource } from './index.js';
import type { Origin } from './types.js';

export const DEPLOYMENT_REQUIREMENTS_URL = 'https://istio.io/v1.30/docs/ops/deployment/requirements/';

export interface DocumentInput extends Origin {
  value: unknown;
}

export interface DocumentVerdict {
  errors: string[];
  warnings: string[];
  /** Lines printed while validating (Deployment label warnings, notes on unknown Istio kinds). */
  notes: string[];
}

export interface DocumentOptions {
  istioNamespace: string;
  /** Namespace for namespace-less Istio objects. */
  defaultNamespace: string;
}

type Obj = Record<string, any>;

/** The first key repeated within one mapping, with its line relative to the document source. */
function duplicateKey(source: string): { key: string; line: number } | undefined {
  const err = parseDocument(source, { uniqueKeys: true }).errors.find((e) => e.code === 'DUPLICATE_KEY');
  if (!err) return undefined;
  const before = source.slice(0, err.pos[0]);
  const line = before.split('\n').length;
  const key = /^\s*(?:-\s+)?["']?([^"':]+)/.exec(source.slice(before.lastIndexOf('\n') + 1))?.[1] ?? '';
  return { key: key.trim(), line: line - leadingLines(source) };
}

/** Lines before the document's content (separator, comments): DocumentInput.line counts from the content. */
function leadingLines(source: string): number {
  let n = 0;
  for (const l of source.split('\n')) {
    if (l.trim() === '' || l.trimStart().startsWith('#') || l.startsWith('---')) n++;
    else break;
  }
  return n;
}

function where(file: string, line: number | undefined): string {
  return `${file === '-' ? '<stdin>' : file}:${line ?? 1}`;
}

export function validateDocument(doc: DocumentInput, opts: DocumentOptions): DocumentVerdict {
  const out: DocumentVerdict = { errors: [], warnings: [], notes: [] };
  if (!isMap(doc.value)) return out;
  // the decode is strict: a key given twice in one mapping is an error, not "last one wins"
  const dup = doc.source ? duplicateKey(doc.source) : undefined;
  if (dup) {
    out.errors.push(
      `failed to decode file ${doc.file}:  error converting YAML to JSON: yaml: unmarshal errors:\n  line ${dup.line}: key ${JSON.stringify(dup.key)} already set in map (at ${where(doc.file, doc.line + dup.line - 1)})`,
    );
    return out;
  }
  const o = doc.value as Obj;
  const prefix = `${o.kind ?? ''}/${(o.metadata as Obj | undefined)?.namespace ?? ''}/${(o.metadata as Obj | undefined)?.name ?? ''}:`;
  if (isIstioKind(o.apiVersion, o.kind)) {
    for (const i of validateResource(o, doc, { defaultNamespace: opts.defaultNamespace })) {
      const line = `${prefix} ${i.message} (at ${i.path || '.'}, ${where(i.file ?? doc.file, i.line)})`;
      (i.level === 'Error' ? out.errors : out.warnings).push(line);
    }
    return out;
  }
  const apiVersion = String(o.apiVersion ?? '');
  if (apiVersion === 'install.istio.io/v1alpha1' && o.kind === 'IstioOperator') {
    for (const k of Object.keys(o)) {
      if (!['apiVersion', 'kind', 'metadata', 'spec', 'status'].includes(k))
        out.errors.push(`unknown field "${k}"`);
    }
    if (out.errors.length) return out;
    const v = validateIstioOperator(o);
    out.errors.push(...v.errors);
    out.warnings.push(...v.warnings);
    return out;
  }
  if (/\.istio\.io\//.test(apiVersion) && apiVersion.split('/')[0] !== 'install.istio.io') {
    out.notes.push(
      `note: ${where(doc.file, doc.line)}: ${o.kind} (${apiVersion}) is not an Istio config kind this version serves; not validated`,
    );
    return out;
  }
  const items: Obj[] =
    o.kind === 'List' || /List$/.test(String(o.kind ?? '')) ? (Array.isArray(o.items) ? o.items : []) : [o];
  const checked: DocumentVerdict = { errors: [], warnings: [], notes: out.notes };
  for (const item of items) kubernetesChecks(item, opts.istioNamespace, checked);
  // upstream prefixes each object's errors with the object it read (the List for List items)
  out.errors.push(...checked.errors.map((e) => `${prefix} ${e}`));
  return out;
}

/** protocol.Parse of a port name's prefix (before the first `-`). */
function namedProtocol(name: string): boolean {
  const i = name.indexOf('-');
  return isKnownProtocol(i >= 0 ? name.slice(0, i) : name);
}

function kubernetesChecks(o: Obj, istioNamespace: string, out: DocumentVerdict): void {
  if (!o || typeof o !== 'object' || Array.isArray(o)) return;
  const ns = String(o.metadata?.namespace ?? '');
  if (ns === istioNamespace) return;
  const name = String(o.metadata?.name ?? '');
  if (o.kind === 'Service') {
    const id = JSON.stringify(`${name}/${ns}/:`);
    for (const p of (Array.isArray(o.spec?.ports) ? o.spec.ports : []) as Obj[]) {
      if (!isMap(p)) continue;
      if (typeof p.protocol === 'string' && p.protocol.toUpperCase() === 'UDP') continue;
      if (p.appProtocol !== undefined && p.appProtocol !== null) {
        if (!isKnownProtocol(String(p.appProtocol))) {
          out.errors.push(
            `service ${id} doesn't follow Istio protocol selection. This is, name field should follow naming convention or appProtocol should be set to a supported protocol`,
          );
        }
        continue;
      }
      if (p.name === undefined || p.name === null) {
        out.errors.push(
          `service ${id} has an unnamed port. This is not recommended, See ${DEPLOYMENT_REQUIREMENTS_URL}`,
        );
        continue;
      }
      if (!namedProtocol(String(p.name))) {
        out.errors.push(
          `service ${id} port ${JSON.stringify(String(p.name))} does not follow the Istio naming convention. See ${DEPLOYMENT_REQUIREMENTS_URL}`,
        );
      }
    }
  }
  if (o.kind === 'Deployment') {
    const labels: Record<string, string> = isMap(o.spec?.template?.metadata?.labels)
      ? o.spec.template.metadata.labels
      : {};
    const has = (...keys: string[]) => keys.some((k) => k in labels);
    if (
      !has('service.istio.io/canonical-name', 'app.kubernetes.io/name', 'app') ||
      !has('service.istio.io/canonical-revision', 'app.kubernetes.io/version', 'version')
    ) {
      const shown = Object.keys(labels)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${JSON.stringify(String(labels[k]))}`)
        .join(' ');
      out.notes.push(
        `deployment ${JSON.stringify(`${name}/${ns}:`)} may not provide Istio metrics and telemetry labels: map[${shown}]. See ${DEPLOYMENT_REQUIREMENTS_URL}`,
      );
    }
  }
}
