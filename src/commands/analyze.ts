// istioctl analyze: run the configuration analyzers over the cluster and/or files (reference §14).
// Deliberate fixes over upstream: exit 79 in every output format, machine formats write only their
// document to stdout, plus SARIF and GitHub annotation output.
import { type Command, Option } from 'commander';
import type { CommandContext } from '../cli/context.js';
import { UsageError } from '../cli/errors.js';
import { arrayFlag, boolFlag, durationArg } from '../cli/flags.js';
import { type Level, parseLevel } from '../model/diagnostics.js';

export const ANALYZE_OUTPUTS = ['log', 'json', 'yaml', 'sarif', 'github'];

export interface AnalyzeCommandOptions {
  files: string[];
  /** undefined: decided by whether a kubeconfig is usable. */
  useKube?: boolean;
  allNamespaces: boolean;
  listAnalyzers: boolean;
  analyzers: string[];
  suppress: string[];
  failureThreshold: Level;
  outputThreshold: Level;
  output: string;
  color?: boolean;
  verbose: boolean;
  meshConfigFile: string;
  timeoutMs: number;
  recursive: boolean;
  ignoreUnknown: boolean;
  revision: string;
  remoteContexts: string[];
  namespace?: string;
  istioNamespace: string;
  kubeconfig?: string;
}

function level(flag: string, v: unknown): Level {
  const l = parseLevel(String(v));
  if (!l)
    throw new UsageError(
      `invalid argument "${v}" for "--${flag}" flag: ${v} is not a valid level; use Info, Warning or Error`,
    );
  return l;
}

export function parseAnalyzeOptions(
  files: string[],
  raw: Record<string, unknown>,
  /** Whether a flag (by attribute name) was given on the command line rather than defaulted. */
  given: (attr: string) => boolean,
  globals: { namespace?: string; istioNamespace: string; kubeconfig?: string },
): AnalyzeCommandOptions {
  const output = String(raw.output ?? 'log').toLowerCase();
  if (!ANALYZE_OUTPUTS.includes(output)) {
    throw new UsageError(`${raw.output} not a valid option for format. See istioctl analyze --help`);
  }
  const o: AnalyzeCommandOptions = {
    files,
    allNamespaces: raw.allNamespaces === true,
    listAnalyzers: raw.listAnalyzers === true,
    analyzers: (raw.analyzer as string[] | undefined) ?? [],
    suppress: (raw.suppress as string[] | undefined) ?? [],
    failureThreshold: level('failure-threshold', raw.failureThreshold ?? 'Error'),
    outputThreshold: level('output-threshold', raw.outputThreshold ?? 'Info'),
    output,
    verbose: raw.verbose === true,
    meshConfigFile: String(raw.meshConfigFile ?? ''),
    timeoutMs: Number(raw.timeout ?? 30_000),
    recursive: raw.recursive === true,
    ignoreUnknown: raw.ignoreUnknown === true,
    revision: String(raw.revision || 'default'),
    remoteContexts: (raw.remoteContexts as string[] | undefined) ?? [],
    istioNamespace: globals.istioNamespace,
  };
  if (given('useKube')) o.useKube = raw.useKube !== false;
  if (given('color')) o.color = raw.color !== false;
  if (globals.namespace) o.namespace = globals.namespace;
  if (globals.kubeconfig) o.kubeconfig = globals.kubeconfig;
  return o;
}

function register(parent: Command, ctx: CommandContext): void {
  const cmd = parent
    .command('analyze')
    .description('Analyze Istio configuration and print validation messages')
    .argument('[files...]', 'files, directories (recursive) or - for stdin')
    .addOption(
      new Option('-o, --output <format>', `Output format: one of ${ANALYZE_OUTPUTS.join('|')}`).default(
        'log',
      ),
    )
    .addOption(
      new Option(
        '--failure-threshold <level>',
        'The severity level of analysis at which to set a non-zero exit code. Valid values: [Info Warning Error]',
      ).default('Error'),
    )
    .addOption(
      new Option(
        '--output-threshold <level>',
        'The severity level of analysis at which to display messages. Valid values: [Info Warning Error]',
      ).default('Info'),
    )
    .addOption(
      new Option('--meshConfigFile <file>', 'Overrides the mesh config values to use for analysis.').default(
        '',
      ),
    )
    .addOption(
      new Option('--timeout <duration>', 'The duration to wait before failing')
        .argParser(durationArg)
        .default(30_000, '30s'),
    )
    .addOption(
      new Option('-r, --revision <revision>', 'analyze a specific revision deployed.').default('default'),
    );
  boolFlag(
    cmd,
    '-k, --use-kube',
    'Use live Kubernetes cluster for analysis. Set --use-kube=false to analyze files only.',
    true,
  );
  boolFlag(cmd, '-A, --all-namespaces', 'Analyze all namespaces');
  boolFlag(cmd, '-L, --list-analyzers', 'List the analyzers available to run. Suppresses normal execution.');
  boolFlag(cmd, '--color', "Default true. Disable with '=false' or set $TERM to dumb", true);
  boolFlag(cmd, '-v, --verbose', 'Enable verbose output');
  boolFlag(cmd, '-R, --recursive', 'Accepted for compatibility; directories are always read recursively.');
  boolFlag(
    cmd,
    '--ignore-unknown',
    "Don't complain about un-parseable input documents, for cases where analyze should run only on k8s compliant inputs.",
  );
  arrayFlag(cmd, '--analyzer <name>', 'Select specific analyzers to run (repeatable); see --list-analyzers.');
  arrayFlag(
    cmd,
    '-S, --suppress <code=resource>',
    "Suppress reporting a message code on a resource, e.g. -S 'IST0102=Namespace frod' (globs allowed).",
  );
  arrayFlag(
    cmd,
    '--remote-contexts <context>',
    'Kubernetes configuration contexts for remote clusters to be used in multi-cluster analysis.',
  );
  cmd.action(async (files: string[], raw: Record<string, unknown>, c: Command) => {
    const g = ctx.globals(c);
    const given = (attr: string) => {
      const src = c.getOptionValueSource(attr);
      return src !== undefined && src !== 'default';
    };
    const opts = parseAnalyzeOptions(files, raw, given, g);
    const { runAnalyze } = await import('./analyze-run.js');
    await runAnalyze(opts, ctx.deps, () => ctx.cluster(c));
  });
}

export const analyzeCommand = { register };
