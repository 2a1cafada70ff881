// The analysis engine's entry point: choose analyzers, build the snapshot from resources (only
// the collections those analyzers read), add mesh and default resources, run, dedupe, sort.

import { FILE_EXCLUDED_KEYS } from './kinds.js';
import { defaultIngressResources, defaultMeshConfig, mergeMeshConfig, meshResources } from './mesh.js';
import { analyzerByName, REGISTERED_ANALYZERS } from './registry.js';
import { runAnalyzers, type Suppression } from './run.js';
import { Snapshot } from './snapshot.js';
import type { Analyzer, Diagnostic, Obj, Resource } from './types.js';

export { ALL_ANALYZERS } from './registry.js';
export type { Suppression } from './run.js';
export type { Analyzer, Diagnostic, Resource } from './types.js';
export { friendlyName } from './types.js';

/** The named analyzers (all when none are named); throws on an unknown name. */
export function selectAnalyzers(names?: readonly string[]): Analyzer[] {
  if (!names || names.length === 0) return [...REGISTERED_ANALYZERS];
  return names.map((n) => {
    const a = analyzerByName(n);
    if (!a) throw new Error(`unknown analyzer "${n}"; see --list-analyzers`);
    return a;
  });
}

/**
 * Analyzers a files-only run skips, as upstream does: those reading a collection its file source
 * never loads (Pods, Services, Namespaces, Nodes, Secrets).
 */
export function skippedWithoutCluster(analyzers: readonly Analyzer[]): Analyzer[] {
  return analyzers.filter((a) => a.inputs.some((k) => FILE_EXCLUDED_KEYS.has(k)));
}

/** Collections the analyzers read: what inputs need to load. */
export function inputKeys(analyzers: readonly Analyzer[]): Set<string> {
  return new Set(analyzers.flatMap((a) => a.inputs));
}

export interface AnalyzeOptions {
  analyzers: readonly Analyzer[];
  /** Mesh config overrides (a parsed --meshConfigFile), merged over the defaults. */
  meshConfig?: Obj;
  meshNetworks?: Obj;
  istioNamespace?: string;
  suppressions?: readonly Suppression[];
  /** Add the dummy ingress gateway pod and service (file-only runs). */
  addDefaultResources?: boolean;
}

export function analyzeResources(resources: Iterable<Resource>, opts: AnalyzeOptions): Diagnostic[] {
  const istioNamespace = opts.istioNamespace ?? 'istio-system';
  const meshConfig = mergeMeshConfig(defaultMeshConfig(istioNamespace), opts.meshConfig);
  const keys = inputKeys(opts.analyzers);
  const snapshot = new Snapshot();
  for (const r of resources) if (keys.has(r.key)) snapshot.add(r);
  for (const r of meshResources(meshConfig, opts.meshNetworks, istioNamespace)) snapshot.add(r);
  if (opts.addDefaultResources) {
    for (const r of defaultIngressResources(meshConfig, istioNamespace)) {
      if (keys.has(r.key) && !snapshot.find(r.key, r.namespace, r.name)) snapshot.add(r);
    }
  }
  return runAnalyzers(snapshot, opts.analyzers, {
    meshConfig,
    meshNetworks: opts.meshNetworks,
    istioNamespace,
    suppressions: opts.suppressions,
  });
}
