// analyze's run: gather inputs (cluster and/or files), analyze, filter, print, and choose the exit
// code. Loaded only when analyze runs.
import { join, resolve } from 'node:path';
import type { Deps } from '../cli/deps.js';
import { errorMessage, SilentExit, UsageError } from '../cli/errors.js';
import type { Cluster } from '../cluster/cluster.js';
import {
  analyzeResources,
  friendlyName,
  inputKeys,
  selectAnalyzers,
  skippedWithoutCluster,
} from '../engines/analyze/index.js';
import { ALL_ANALYZERS } from '../engines/analyze/registry.js';
import type { Suppression } from '../engines/analyze/run.js';
import type { Diagnostic, Obj, Resource } from '../engines/analyze/types.js';
import { readClusterMeshConfig, readClusterResources } from '../inputs/analyze-cluster.js';
import { readAnalyzeFiles } from '../inputs/analyze-files.js';
import { parseYamlDocuments } from '../inputs/yaml-documents.js';
import { ISTIO_VERSION, PACKAGE_VERSION } from '../model/build-info.js';
import { isKnownCode, levelRank, messageType } from '../model/diagnostics.js';
import {
  ANALYSIS_DOCS,
  type OutputMessage,
  writeGithub,
  writeJson,
  writeLog,
  writeYaml,
} from '../writers/analyze-output.js';
import { writeSarif } from '../writers/analyze-sarif.js';
import type { AnalyzeCommandOptions } from './analyze.js';

function parseSuppressions(values: readonly string[], warn: (s: string) => void): Suppression[] {
  return values.map((v) => {
    const parts = v.split('=');
    if (parts.length !== 2)
      throw new UsageError(`${v} is not a valid suppression value. See istioctl analyze --help`);
    const [code, resourceGlob] = parts as [string, string];
    if (!isKnownCode(code)) {
      warn(
        `Warning: Supplied message code '${code}' is an unknown message code and will not have any effect.\n`,
      );
    }
    return { code, resourceGlob };
  });
}

function listAnalyzers(deps: Deps): void {
  const lines = ALL_ANALYZERS.map((a) => `* ${a.name}:\n${a.description ? `    ${a.description}\n` : ''}`);
  deps.io.out.write(lines.join(''));
}

/** A kubeconfig is usable when named by flag or KUBECONFIG, or ~/.kube/config exists. */
async function kubeconfigUsable(opts: AnalyzeCommandOptions, deps: Deps): Promise<boolean> {
  if (opts.kubeconfig || deps.env.KUBECONFIG) return true;
  const home = deps.env.HOME ?? deps.env.USERPROFILE;
  return home ? deps.files.exists(join(home, '.kube', 'config')) : false;
}

async function readMeshFile(path: string, deps: Deps): Promise<Obj | undefined> {
  if (!path) return undefined;
  const docs = await parseYamlDocuments(await deps.files.readFile(resolve(deps.cwd, path)), path);
  return (docs[0]?.value as Obj) ?? {};
}

function toOutput(d: Diagnostic): OutputMessage {
  const m: OutputMessage = { code: d.code, level: d.level, message: d.message };
  const r: Resource | undefined = d.resource;
  if (r) {
    m.origin = friendlyName(r);
    if (r.origin.file) m.file = r.origin.file;
    const line = d.line ?? r.origin.line;
    if (r.origin.file && line) m.line = line;
  }
  return m;
}

function successText(target: { files: string[]; namespace: string; all: boolean }): string {
  if (target.files.length === 1) return ` ${target.files[0]}.`;
  if (target.files.length > 1) return `:\n${target.files.map((f) => `  - ${f}`).join('\n')}`;
  return target.all ? ' all namespaces.' : ` namespace: ${target.namespace}.`;
}

/** Upstream names the namespace scope, not the files, in the failure and verbose lines. */
function targetText(target: { namespace: string; all: boolean }): string {
  return target.all ? 'all namespaces' : `namespace: ${target.namespace}`;
}

export async function runAnalyze(
  opts: AnalyzeCommandOptions,
  deps: Deps,
  cluster: () => Promise<Cluster>,
): Promise<void> {
  const err = (s: string) => deps.io.err.write(s);
  if (opts.listAnalyzers) return listAnalyzers(deps);
  let selected: ReturnType<typeof selectAnalyzers>;
  try {
    selected = selectAnalyzers(opts.analyzers);
  } catch (e) {
    throw new UsageError(errorMessage(e));
  }
  const suppressions = parseSuppressions(opts.suppress, err);
  const useKube = opts.useKube ?? (await kubeconfigUsable(opts, deps));
  const skipped = useKube ? [] : skippedWithoutCluster(selected);
  const analyzers = selected.filter((a) => !skipped.includes(a));
  const keys = inputKeys(analyzers);
  const namespace = opts.namespace || 'default';
  const resources: Resource[] = [];
  let meshConfig: Obj | undefined;
  let meshNetworks: Obj | undefined;
  if (useKube) {
    const c = await cluster();
    if (!opts.allNamespaces && !(await c.get({ apiVersion: 'v1', kind: 'Namespace', name: namespace }))) {
      err(`namespace "${namespace}" not found\n`);
      return;
    }
    const { parse } = await import('yaml');
    ({ meshConfig, meshNetworks } = await readClusterMeshConfig(c, opts.istioNamespace, opts.revision, (t) =>
      parse(t),
    ));
    resources.push(
      ...(await readClusterResources(c, {
        keys,
        istioNamespace: opts.istioNamespace,
        revision: opts.revision,
        allSecrets: analyzers.some((a) => a.name === 'gateway.SecretAnalyzer'),
      })),
    );
  }
  const input = await readAnalyzeFiles(opts.files, {
    files: deps.files,
    cwd: deps.cwd,
    readStdin: async () => {
      if (deps.io.stdinIsTTY && opts.output === 'log') deps.io.out.write('Reading from stdin:\n');
      return deps.io.readStdin();
    },
    includeRuntime: false,
    // With -A upstream gives namespace-less objects no namespace at all.
    defaultNamespace: opts.allNamespaces ? undefined : namespace,
    keys,
  });
  for (const n of input.notes) err(`${n}\n`);
  if (input.errors.length > 0) err(`Error(s) adding files: ${input.errors.join('\n')}\n`);
  resources.push(...input.resources);
  const fileMesh = await readMeshFile(opts.meshConfigFile, deps);
  if (fileMesh) meshConfig = { ...(meshConfig ?? {}), ...fileMesh };

  const target = { files: input.files, namespace, all: opts.allNamespaces };
  let diags = analyzeResources(resources, {
    analyzers,
    meshConfig,
    meshNetworks,
    istioNamespace: opts.istioNamespace,
    suppressions,
    addDefaultResources: !useKube,
  });
  if (!opts.allNamespaces) {
    // A Namespace's own namespace is its name, as upstream's origins have it.
    const originNs = (r: Resource | undefined) => (r?.kind === 'Namespace' ? r.name : (r?.namespace ?? ''));
    diags = diags.filter((d) => !originNs(d.resource) || originNs(d.resource) === namespace);
  }
  if (opts.verbose) {
    // Upstream lists every selected analyzer as executed, the skipped ones included.
    const list = (title: string, as: readonly { name: string }[]) =>
      as.length > 0 ? `${title}:\n${as.map((a) => `\t ${a.name}\n`).join('')}` : '';
    err(`Analyzed resources in ${targetText(target)}\n`);
    err(`${list('Skipped analyzers', skipped)}${list('Executed analyzers', selected)}\n`);
  }
  const failing = diags.some((d) => levelRank(d.level) >= levelRank(opts.failureThreshold));
  const shown = diags.filter((d) => levelRank(d.level) >= levelRank(opts.outputThreshold)).map(toOutput);
  const color = opts.color ?? deps.io.colorOut;
  switch (opts.output) {
    case 'json':
      deps.io.out.write(writeJson(shown));
      break;
    case 'yaml':
      // Upstream prints the YAML document (newline-terminated) with Println: a blank line ends it.
      deps.io.out.write(`${await writeYaml(shown)}\n`);
      break;
    case 'sarif':
      deps.io.out.write(
        writeSarif(shown, (c) => messageType(c), {
          version: ISTIO_VERSION,
          semanticVersion: PACKAGE_VERSION,
        }),
      );
      break;
    case 'github':
      deps.io.out.write(writeGithub(shown));
      break;
    default:
      deps.io.out.write(writeLog(shown, color));
  }
  if (failing) {
    err(`Error: Analyzers found issues when analyzing ${targetText(target)}.\n`);
    err(`See ${ANALYSIS_DOCS} for more information about causes and resolutions.\n`);
    throw new SilentExit(79);
  }
  // Upstream's success line follows what was shown, and counts the whole file set as one failure.
  if (shown.length === 0) {
    if (input.errors.length > 0) {
      err(
        `No validation issues found when analyzing ${targetText(target)} (but 1 file could not be parsed).\n`,
      );
    } else {
      err(`\u2714 No validation issues found when analyzing${successText(target)}\n`);
    }
  }
  if (input.errors.length > 0 && !opts.ignoreUnknown) {
    err("Error: Some files couldn't be parsed.\n");
    throw new SilentExit(65);
  }
}
