// istioctl x precheck: can this cluster take an Istio install or upgrade? (reference §18)
// Messages go to stdout, the all-clear line to stderr; any Warning or Error fails the run.
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { CommandContext } from '../cli/context.js';
import type { Deps } from '../cli/deps.js';
import { IstioctlError } from '../cli/errors.js';
import { boolFlag } from '../cli/flags.js';
import type { Cluster } from '../cluster/cluster.js';
import type { Level } from '../engines/precheck/messages.js';

const LEVELS: readonly Level[] = ['Info', 'Warning', 'Error'];

export interface PrecheckCommandOptions {
  skipControlPlane: boolean;
  fromVersion: string;
  revision: string;
  outputThreshold: Level;
  output: string;
  /** `-n`; undefined checks every namespace. */
  namespace?: string;
  istioNamespace: string;
}

function levelArg(v: string): Level {
  const l = LEVELS.find((x) => x.toUpperCase() === v.toUpperCase());
  if (!l)
    throw new InvalidArgumentError(
      `${JSON.stringify(v)} is not a level; choose one of [${LEVELS.join(' ')}]`,
    );
  return l;
}

function register(parent: Command, ctx: CommandContext): void {
  const cmd = parent
    .command('precheck')
    .description('Check whether Istio can safely be installed or upgraded')
    .addOption(
      new Option('-f, --from-version <version>', 'check changes since the provided version').default(''),
    )
    .addOption(new Option('-r, --revision <revision>', 'Control plane revision').default(''))
    .addOption(
      new Option(
        '--output-threshold <level>',
        `The severity level of precheck at which to display messages. Valid values: [${LEVELS.join(' ')}]`,
      )
        .argParser(levelArg)
        .default('Warning'),
    )
    .addOption(new Option('-o, --output <format>', 'Output format: one of [log json yaml]').default('log'));
  boolFlag(cmd, '--skip-controlplane', 'skip checking the control plane');
  cmd.action(async (raw: Record<string, unknown>, c: Command) => {
    const g = ctx.globals(c);
    const opts: PrecheckCommandOptions = {
      skipControlPlane: raw.skipControlplane === true,
      fromVersion: String(raw.fromVersion ?? ''),
      revision: String(raw.revision ?? ''),
      outputThreshold: raw.outputThreshold as Level,
      output: String(raw.output ?? 'log'),
      istioNamespace: g.istioNamespace,
    };
    if (g.namespace) opts.namespace = g.namespace;
    await run(opts, ctx.deps, () => ctx.cluster(c));
  });
}

const CRD_FILE = 'manifests/charts/base/files/crd-all.gen.yaml';

export async function run(
  opts: PrecheckCommandOptions,
  deps: Deps,
  cluster: () => Promise<Cluster>,
): Promise<void> {
  const [
    { runPrecheck },
    { staticInstallTargets },
    { newCrdsFromYaml },
    messages,
    writer,
    { ISTIO_VERSION },
  ] = await Promise.all([
    import('../engines/precheck/index.js'),
    import('../engines/precheck/install-permissions.js'),
    import('../engines/precheck/new-crds.js'),
    import('../engines/precheck/messages.js'),
    import('../writers/precheck.js'),
    import('../model/build-info.js'),
  ]);
  if (!writer.PRECHECK_FORMATS.includes(opts.output as never)) {
    throw new IstioctlError(
      `invalid output format ${JSON.stringify(opts.output)}: expected one of [${writer.PRECHECK_FORMATS.join(' ')}]`,
    );
  }
  const needCluster = !opts.skipControlPlane || opts.fromVersion !== '';
  let result: Awaited<ReturnType<typeof runPrecheck>> = { messages: [], skipped: [] };
  if (needCluster) {
    const crdPath = `${deps.packageRoot}/${CRD_FILE}`;
    const newCrds =
      !opts.skipControlPlane && (await deps.files.exists(crdPath))
        ? newCrdsFromYaml(await deps.files.readFile(crdPath))
        : [];
    const precheck: Parameters<typeof runPrecheck>[1] = {
      istioNamespace: opts.istioNamespace,
      revision: opts.revision,
      clientVersion: ISTIO_VERSION,
      installTargets: staticInstallTargets(opts.istioNamespace),
      newCrds,
      skipControlPlane: opts.skipControlPlane,
      fromVersion: opts.fromVersion,
    };
    if (opts.namespace) precheck.namespace = opts.namespace;
    result = await runPrecheck(await cluster(), precheck);
  }
  for (const s of result.skipped) deps.io.err.write(`precheck: skipped the ${s.check} check: ${s.reason}\n`);
  const shown = result.messages.filter((m) => messages.atLeast(m.level, opts.outputThreshold));
  const text = await writer.formatPrecheck(shown, opts.output as 'log', {
    // istioctl colours precheck's log lines whether or not stdout is a terminal; NO_COLOR turns it off.
    color: !deps.env.NO_COLOR,
    docUrl: (code) => messages.documentationUrl(code, ISTIO_VERSION),
  });
  deps.io.out.write(text);
  if (shown.length === 0) {
    const tick = deps.io.colorOut ? '\x1b[32m✔\x1b[0m' : '✔';
    deps.io.err.write(
      `${tick} No issues found when checking the cluster. Istio is safe to install or upgrade!\n` +
        '  To get started, check out https://istio.io/latest/docs/setup/getting-started/.\n',
    );
  }
  if (result.messages.some((m) => messages.atLeast(m.level, 'Warning'))) {
    const minor = ISTIO_VERSION.split('.').slice(0, 2).join('.');
    throw new IstioctlError(
      'Issues found when checking the cluster. Istio may not be safe to install or upgrade.\n' +
        `See https://istio.io/v${minor}/docs/reference/config/analysis for more information about causes and resolutions.`,
    );
  }
}

export const precheckCommand = { register };
