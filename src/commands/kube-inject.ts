// istioctl kube-inject: add the Istio sidecar to workload manifests, offline from local files or
// through the cluster's injection webhook. The whole stream is injected in memory first, so a
// failure prints nothing on stdout and -o is written atomically.
import { type Command, Option } from 'commander';
import type { CommandContext } from '../cli/context.js';
import type { Deps } from '../cli/deps.js';
import { DataError, IstioctlError } from '../cli/errors.js';
import type { Cluster } from '../cluster/cluster.js';

export interface KubeInjectOptions {
  filename: string;
  output: string;
  injectConfigFile: string;
  meshConfigFile: string;
  valuesFile: string;
  operatorFileName: string;
  meshConfigMapName: string;
  injectConfigMapName: string;
  webhookConfig: string;
  revision: string;
  istioNamespace: string;
}

function register(parent: Command, ctx: CommandContext): void {
  const cmd = parent
    .command('kube-inject')
    .description('Inject Istio sidecar into Kubernetes pod resources')
    .addOption(new Option('-f, --filename <file>', 'Input Kubernetes resource filename').default(''))
    .addOption(new Option('-o, --output <file>', 'Modified output Kubernetes resource filename').default(''))
    .addOption(
      new Option(
        '--injectConfigFile <file>',
        'Injection configuration filename. Cannot be used with --injectConfigMapName',
      ).default(''),
    )
    .addOption(
      new Option(
        '--meshConfigFile <file>',
        'Mesh configuration filename. Takes precedence over --meshConfigMapName if set',
      ).default(''),
    )
    .addOption(new Option('--valuesFile <file>', 'Injection values configuration filename.').default(''))
    .addOption(
      new Option(
        '--operatorFileName <file>',
        'Path to file containing IstioOperator custom resources. If configs from files like meshConfigFile, valuesFile are provided, they will be overridden by iop config values.',
      ).default(''),
    )
    .addOption(
      new Option(
        '--meshConfigMapName <name>',
        'ConfigMap name for Istio mesh configuration, key should be "mesh"',
      ).default('istio'),
    )
    .addOption(
      new Option(
        '--injectConfigMapName <name>',
        'ConfigMap name for Istio sidecar injection, key should be "config".',
      )
        .default('istio-sidecar-injector')
        .hideHelp(),
    )
    .addOption(
      new Option('--webhookConfig <name>', 'MutatingWebhookConfiguration name for Istio').default(
        'istio-sidecar-injector',
      ),
    )
    .addOption(new Option('-r, --revision <revision>', 'Control plane revision').default(''))
    .addOption(new Option('--xds-address <address>', 'XDS Endpoint'))
    .addOption(new Option('--cert-dir <dir>', 'XDS Endpoint certificate directory'))
    .addOption(new Option('--xds-label <label>', 'Istiod pod label selector'))
    .addOption(new Option('--xds-port <port>', 'Istiod pod port').default('15012'))
    .addOption(new Option('--timeout <duration>', 'The duration to wait before failing').default('30s'))
    .addOption(
      new Option(
        '--authority <authority>',
        'XDS Subject Alternative Name (for example istiod.istio-system.svc)',
      ),
    )
    .addOption(new Option('--insecure', 'Skip server certificate and domain verification. (NOT SECURE!)'))
    .addOption(new Option('--plaintext', 'Use plain-text HTTP/2 when connecting to server (no TLS).'));
  cmd.action(async (raw: Record<string, unknown>, c: Command) => {
    const g = ctx.globals(c);
    const opts: KubeInjectOptions = {
      filename: String(raw.filename ?? ''),
      output: String(raw.output ?? ''),
      injectConfigFile: String(raw.injectConfigFile ?? ''),
      meshConfigFile: String(raw.meshConfigFile ?? ''),
      valuesFile: String(raw.valuesFile ?? ''),
      operatorFileName: String(raw.operatorFileName ?? ''),
      meshConfigMapName: String(raw.meshConfigMapName ?? ''),
      injectConfigMapName: String(raw.injectConfigMapName ?? ''),
      webhookConfig: String(raw.webhookConfig ?? ''),
      revision: String(raw.revision ?? ''),
      istioNamespace: g.istioNamespace,
    };
    await run(opts, ctx.deps, () => ctx.cluster(c));
  });
}

function validate(o: KubeInjectOptions): void {
  const errs: string[] = [];
  if (o.filename === '') errs.push('filename not specified (see --filename or -f)');
  if (o.meshConfigFile === '' && o.meshConfigMapName === '' && o.operatorFileName === '')
    errs.push('--meshConfigFile or --meshConfigMapName or --operatorFileName must be set');
  if (errs.length === 0) return;
  const head = errs.length === 1 ? '1 error occurred:' : `${errs.length} errors occurred:`;
  throw new IstioctlError(`${head}\n${errs.map((e) => `\t* ${e}`).join('\n')}\n`);
}

async function readFile(deps: Deps, file: string): Promise<string> {
  const { resolve } = await import('node:path');
  try {
    return await deps.files.readFile(resolve(deps.cwd, file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new IstioctlError(`open ${file}: no such file or directory`);
    if (code === 'EISDIR') throw new IstioctlError(`read ${file}: is a directory`);
    throw new IstioctlError(`open ${file}: ${(e as Error).message}`);
  }
}

const OPEN_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
};

export async function run(
  opts: KubeInjectOptions,
  deps: Deps,
  cluster: () => Promise<Cluster>,
): Promise<void> {
  validate(opts);
  const { kubeInject, KubeInjectError } = await import('../engines/inject/kube-inject.js');
  const { templateRunner } = await import('../engines/inject/template-runner.js');
  const { parseGoYaml } = await import('../engines/inject/yaml-parse.js');
  const inputName = opts.filename === '-' ? '<stdin>' : opts.filename;
  const input = opts.filename === '-' ? await deps.io.readStdin() : await readFile(deps, opts.filename);
  let operator: unknown;
  if (opts.operatorFileName !== '') {
    const text = await readFile(deps, opts.operatorFileName);
    try {
      operator = parseGoYaml(text);
    } catch (e) {
      const se = e as { message: string; line?: number; col?: number };
      throw new DataError(se.message, { file: opts.operatorFileName, line: se.line, col: se.col });
    }
  }
  const revision = opts.revision === 'default' ? '' : opts.revision;
  const runner = templateRunner(deps.env);
  let result: Awaited<ReturnType<typeof kubeInject>>;
  try {
    result = await kubeInject({
      input,
      inputName,
      ...(opts.injectConfigFile !== ''
        ? { injectConfigText: await readFile(deps, opts.injectConfigFile) }
        : {}),
      ...(opts.meshConfigFile !== '' ? { meshConfigText: await readFile(deps, opts.meshConfigFile) } : {}),
      ...(opts.valuesFile !== '' ? { valuesText: await readFile(deps, opts.valuesFile) } : {}),
      ...(operator !== undefined ? { operator } : {}),
      revision,
      env: deps.env,
      run: runner,
      loadTemplate: runner.load,
      cluster,
      istioNamespace: opts.istioNamespace,
      meshConfigMapName: opts.meshConfigMapName,
      injectConfigMapName: opts.injectConfigMapName,
      webhookConfigName: opts.webhookConfig,
      webhook: async (c) => {
        const { webhookInjector } = await import('../engines/inject/webhook-client.js');
        return webhookInjector(c, revision);
      },
    });
  } catch (e) {
    if (e instanceof KubeInjectError && e.line !== undefined) {
      const file = e.source === 'input' ? inputName : opts[e.source];
      throw new DataError(e.message, { file, line: e.line, col: e.col });
    }
    if (e instanceof KubeInjectError) throw new IstioctlError(e.message);
    throw e;
  }
  // istioctl's log lines carry a timestamp (RFC 3339, microseconds).
  const stamp = () =>
    deps
      .now()
      .toISOString()
      .replace(/\.(\d{3})Z$/, '.$1000Z');
  for (const l of result.logs) deps.io.err.write(`${stamp()}\t${l}\n`);
  if (opts.output === '') deps.io.out.write(result.output);
  else {
    const { resolve } = await import('node:path');
    try {
      await deps.files.writeFileAtomic(resolve(deps.cwd, opts.output), result.output);
    } catch (e) {
      // Go's os.Create wording, naming the file asked for rather than the temporary one.
      const code = (e as NodeJS.ErrnoException).code ?? '';
      const why = OPEN_ERRORS[code] ?? (e as Error).message;
      throw new IstioctlError(`open ${opts.output}: ${why}`);
    }
  }
  if (result.warnings.length > 0) {
    deps.io.err.write('\n');
    for (const w of result.warnings) deps.io.err.write(`${w}\n`);
  }
}

export const kubeInjectCommand = { register };
