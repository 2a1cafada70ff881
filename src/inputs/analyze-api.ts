// The Node API behind `import { analyzeFiles } from 'istioctl-ts/analyze'`: analyze files the
// way the CLI does, or (with includeRuntimeKinds/defaultNamespace null) the way upstream's
// analyzer test harness does. Returns the messages; never prints, never exits.
import { readFile } from 'node:fs/promises';
import { DataError } from '../cli/errors.js';
import { analyzeResources, friendlyName, selectAnalyzers } from '../engines/analyze/index.js';
import type { Obj } from '../engines/analyze/types.js';
import { readAnalyzeFiles } from './analyze-files.js';
import { nodeFiles } from './files.js';
import { parseYamlDocuments } from './yaml-documents.js';

export interface AnalyzeFilesOptions {
  /** Registered analyzer names; default all. */
  analyzers?: string[];
  meshConfigFile?: string;
  meshNetworksFile?: string;
  /** Namespace for objects without one (default `default`); null keeps them namespace-less. */
  defaultNamespace?: string | null;
  /** Default `istio-system`. */
  istioNamespace?: string;
  /** Read Pods, Services, Nodes, Secrets, Namespaces, ConfigMaps from the files too (default false). */
  includeRuntimeKinds?: boolean;
  /** Add the dummy ingress gateway pod and service (default true, as file-only CLI runs do). */
  addDefaultResources?: boolean;
}

export interface AnalyzeMessage {
  code: string;
  level: 'Error' | 'Warning' | 'Info';
  resource: string;
  message: string;
  origin?: { file: string; line: number };
}

async function readConfig(path: string | undefined): Promise<Obj | undefined> {
  if (!path) return undefined;
  const docs = await parseYamlDocuments(await readFile(path, 'utf8'), path);
  return (docs[0]?.value as Obj) ?? {};
}

export async function analyzeFiles(
  paths: string[],
  options: AnalyzeFilesOptions = {},
): Promise<AnalyzeMessage[]> {
  const analyzers = selectAnalyzers(options.analyzers);
  const input = await readAnalyzeFiles(paths, {
    files: nodeFiles,
    cwd: process.cwd(),
    includeRuntime: options.includeRuntimeKinds ?? false,
    defaultNamespace: options.defaultNamespace === null ? undefined : (options.defaultNamespace ?? 'default'),
  });
  if (input.errors.length > 0) throw new DataError(input.errors.join('; '));
  const diags = analyzeResources(input.resources, {
    analyzers,
    meshConfig: await readConfig(options.meshConfigFile),
    meshNetworks: await readConfig(options.meshNetworksFile),
    istioNamespace: options.istioNamespace ?? 'istio-system',
    addDefaultResources: options.addDefaultResources ?? true,
  });
  return diags.map((d) => {
    const m: AnalyzeMessage = {
      code: d.code,
      level: d.level,
      resource: d.resource ? friendlyName(d.resource) : '',
      message: d.message,
    };
    const o = d.resource?.origin;
    if (o?.file) m.origin = { file: o.file, line: d.line ?? o.line ?? 0 };
    return m;
  });
}
