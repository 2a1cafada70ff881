// The analysis framework's vocabulary: resources with origins, analyzers, their context, and
// the diagnostics they report.
import type { Level } from '../../model/diagnostics.js';

export interface Origin {
  file?: string;
  /** 1-based line of the document (or of a field, when an analyzer knows it). */
  line?: number;
  /** Set for objects read from a cluster. */
  cluster?: string;
  /** The line of a field given as upstream's path key (`{.spec.gateways[0]}`), when known. */
  fieldLine?: (path: string) => number | undefined;
}

/** Resources are free-form Kubernetes/Istio objects. */
export type Obj = any;

export interface Resource {
  /** Snapshot collection key (see kinds.ts). */
  key: string;
  kind: string;
  apiVersion: string;
  name: string;
  /** '' for cluster-scoped or namespace-less objects. */
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** The whole object as read. */
  obj: Obj;
  spec: Obj;
  status: Obj;
  origin: Origin;
}

export interface Diagnostic {
  code: string;
  level: Level;
  message: string;
  resource?: Resource;
  /** Overrides the resource's origin line. */
  line?: number;
  analyzer: string;
}

export interface AnalysisContext {
  /** Every resource of a collection, sorted by namespace then name. */
  list(key: string): readonly Resource[];
  find(key: string, namespace: string, name: string): Resource | undefined;
  report(code: string, resource: Resource | undefined, ...params: unknown[]): void;
  /** report(), with the origin line of the field at `path` (upstream's path keys) when known. */
  reportAt(code: string, resource: Resource, path: string, ...params: unknown[]): void;
  readonly meshConfig: Obj;
  readonly meshNetworks: Obj;
  readonly istioNamespace: string;
}

export interface Analyzer {
  name: string;
  description: string;
  /** Snapshot collections the analyzer reads; the snapshot loads only these. */
  inputs: readonly string[];
  analyze(ctx: AnalysisContext): void;
}

export function friendlyName(r: Resource): string {
  return r.namespace ? `${r.kind} ${r.namespace}/${r.name}` : `${r.kind} ${r.name}`;
}
