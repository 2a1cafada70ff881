// istioctl x precheck: can this cluster take an Istio install or upgrade? (reference §18)
// Messages go to stdout, the all-clear line to stderr; any Warning or Error fails the run.
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { CommandContext } from '../cli/context.js';
import type { Deps } from '../cli/deps.js';
import { IstioctlError } from '../cli/errors.js';
import { boolFlag } from '../cli/flags.js';
import type { Cluster, KubeObject } from '../cluster/cluster.js';
import type { PrecheckOptions } from '../engines/precheck/index.js';
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

type InstallPlan = Pick<PrecheckOptions, 'installTargets' | 'newCrds' | 'plannedObjects'>;

/**
 * What the install would create: the default profile rendered for --revision (its resources, CRDs
 * and webhooks); if the charts cannot be rendered, the static resource list and the package's CRD file.
 */
async function installPlan(deps: Deps, opts: PrecheckCommandOptions, cluster: Cluster): Promise<InstallPlan> {
  const ns = opts.istioNamespace;
  const perms = await import('../engines/precheck/install-permissions.js');
  try {
    const { renderInstall } = await import('./install-render.js');
    const rendered = await renderInstall(
      deps,
      { filenames: [], set: [], manifests: '', revision: opts.revision, force: false },
      cluster,
    );
    const objects = rendered.objects.map((o) => o.object as unknown as KubeObject);
    const newCrds = objects
      .filter((o) => o.kind === 'CustomResourceDefinition')
      .map((o) => ({
        name: o.metadata.name,
        versions: ((o.spec as { versions?: Array<{ name: string }> }).versions ?? []).map((v) => v.name),
      }));
    return { installTargets: perms.renderedInstallTargets(objects, ns), newCrds, plannedObjects: objects };
  } catch {
    const { newCrdsFromYaml } = await import('../engines/precheck/new-crds.js');
    const crdPath = `${deps.packageRoot}/${CRD_FILE}`;
    const newCrds = (await deps.files.exists(crdPath))
      ? newCrdsFromYaml(await deps.files.readFile(crdPath))
      : [];
    return { installTargets: perms.staticInstallTargets(ns), newCrds };
  }
}

export async function run(
  opts: PrecheckCommandOptions,
  deps: Deps,
  cluster: () => Promise<Cluster>,
): Promise<void> {
  const [{ runPrecheck }, messages, writer, { ISTIO_VERSION }] = await Promise.all([
    import('../engines/precheck/index.js'),
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
    const c = await cluster();
    const plan: InstallPlan = opts.skipControlPlane
      ? { installTargets: [], newCrds: [] }
      : await installPlan(deps, opts, c);
    const precheck: PrecheckOptions = {
      istioNamespace: opts.istioNamespace,
      revision: opts.revision,
      clientVersion: ISTIO_VERSION,
      ...plan,
      skipControlPlane: opts.skipControlPlane,
      fromVersion: opts.fromVersion,
    };
    if (opts.namespace) precheck.namespace = opts.namespace;
    result = await runPrecheck(c, precheck);
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
