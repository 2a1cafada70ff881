// istioctl install (alias apply) and istioctl upgrade: render, confirm, then server-side apply
// in waves (webhooks only after istiod is ready), prune by inventory, and optionally verify.
// Ours: --plan (dry-run diff, exit 2 when something would change), --atomic, --force-conflicts.
import { type Command, Option } from 'commander';
import type { CommandContext } from '../cli/context.js';
import type { Deps } from '../cli/deps.js';
import { IstioctlError, SilentExit, UsageError } from '../cli/errors.js';
import { arrayFlag, boolFlag, durationArg, sliceFlag } from '../cli/flags.js';
import type { Cluster } from '../cluster/cluster.js';
import type { RenderRequest } from './install-render.js';

export interface InstallOptions extends RenderRequest {
  skipConfirmation: boolean;
  dryRun: boolean;
  plan: boolean;
  verify: boolean;
  atomic: boolean;
  forceConflicts: boolean;
  readinessTimeoutMs: number;
  upgrade: boolean;
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function parseInstallOptions(raw: Record<string, unknown>, upgrade: boolean): InstallOptions {
  const revision = String(raw.revision ?? '');
  if (!upgrade && revision && (revision.length > 63 || !DNS1123_LABEL.test(revision))) {
    throw new UsageError(`invalid revision specified: ${revision}`);
  }
  if (raw.plan === true && raw.dryRun === true)
    throw new UsageError('--plan and --dry-run cannot be used together');
  return {
    filenames: (raw.filename as string[] | undefined) ?? [],
    set: (raw.set as string[] | undefined) ?? [],
    manifests: String(raw.manifests || raw.charts || ''),
    revision,
    force: raw.force === true,
    skipConfirmation: raw.skipConfirmation === true,
    dryRun: raw.dryRun === true,
    plan: raw.plan === true,
    verify: raw.verify === true,
    atomic: raw.atomic === true,
    forceConflicts: raw.forceConflicts === true,
    readinessTimeoutMs: typeof raw.readinessTimeout === 'number' ? raw.readinessTimeout : 300_000,
    upgrade,
  };
}

function addFlags(cmd: Command): Command {
  sliceFlag(cmd, '-f, --filename <files>', 'Path to file containing IstioOperator custom resource');
  arrayFlag(
    cmd,
    '-s, --set <path=value>',
    'Override an IstioOperator value, e.g. to choose a profile (--set profile=demo)',
  );
  cmd
    .option('-d, --manifests <dir>', 'Specify a path to a directory of charts and profiles', '')
    .addOption(new Option('--charts <dir>', 'Deprecated, use --manifests instead.').hideHelp())
    .option('-r, --revision <revision>', 'Target control plane revision for the command.', '')
    .addOption(
      new Option(
        '--readiness-timeout <duration>',
        'Maximum time to wait for Istio resources in each component to be ready.',
      )
        .argParser(durationArg)
        .default(300_000, '5m0s'),
    );
  boolFlag(
    cmd,
    '-y, --skip-confirmation',
    'The skipConfirmation determines whether the user is prompted for confirmation.',
  );
  boolFlag(cmd, '--dry-run', 'Console/log output only, make no changes.');
  boolFlag(cmd, '--force', 'Proceed even with validation errors.');
  boolFlag(cmd, '--verify', 'Verify the Istio control plane after installation/in-place upgrade');
  boolFlag(
    cmd,
    '--plan',
    'Show what would change on the cluster (server-side dry run), make no changes; exit 2 if anything would',
  );
  boolFlag(cmd, '--atomic', 'On failure, restore every object this run changed');
  boolFlag(cmd, '--force-conflicts', 'Take over fields that other field managers own');
  return cmd;
}

function register(parent: Command, ctx: CommandContext): void {
  const install = addFlags(
    parent
      .command('install')
      .alias('apply')
      .description('Applies an Istio manifest, installing or reconfiguring Istio on a cluster.'),
  );
  install.action(async (raw: Record<string, unknown>, c: Command) => {
    await run(parseInstallOptions(raw, false), ctx.deps, await ctx.cluster(c));
  });
  const upgrade = addFlags(parent.command('upgrade').description('Upgrade Istio control plane in-place'));
  upgrade.action(async (raw: Record<string, unknown>, c: Command) => {
    await run(parseInstallOptions(raw, true), ctx.deps, await ctx.cluster(c));
  });
}

function minorOf(v: string): [number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)/.exec(v);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

export async function run(opts: InstallOptions, deps: Deps, cluster: Cluster): Promise<void> {
  const [
    { renderInstall },
    { planInstall, COMPONENT_LABELS },
    { executeInstall, ApplyError },
    { meshVersions },
    { ISTIO_VERSION },
  ] = await Promise.all([
    import('./install-render.js'),
    import('../engines/apply/plan.js'),
    import('../engines/apply/execute.js'),
    import('../engines/version/mesh-version.js'),
    import('../model/build-info.js'),
  ]);
  const { io } = deps;
  const server = await cluster.version();
  const serverMinor = Number.parseInt(server.minor, 10);
  if (Number.isFinite(serverMinor) && serverMinor < 32) {
    io.err.write(
      `\nThe Kubernetes version ${server.gitVersion} is not supported by Istio ${ISTIO_VERSION}. The minimum supported Kubernetes version is 1.32.\nProceeding with the installation, but you might experience problems.\n\n`,
    );
  }
  const rendered = await renderInstall(deps, opts, cluster);
  const plan = planInstall(rendered.objects, rendered.identity);

  const running = await meshVersions(
    cluster,
    rendered.identity.namespace,
    rendered.identity.revision || undefined,
    2000,
  ).catch(() => []);
  const current = running
    .map((m) => m.Info.version)
    .filter((v) => minorOf(v))
    .sort()
    .at(-1);
  if (current && current !== ISTIO_VERSION) {
    const [cm, cn] = minorOf(current)!;
    const [tm, tn] = minorOf(ISTIO_VERSION)!;
    const up = cm < tm || (cm === tm && cn < tn);
    io.out.write(
      `WARNING: Istio is being ${up ? 'upgraded' : 'downgraded'} from ${current} to ${ISTIO_VERSION}.\n`,
    );
    io.out.write(
      "         Before upgrading, you may wish to use 'istioctl x precheck' to check for upgrade warnings.\n",
    );
    if (opts.upgrade && up && (cm !== tm || tn - cn > 1) && !opts.force) {
      throw new IstioctlError(
        `upgrade from ${current} to ${ISTIO_VERSION} skips a minor version; upgrade one minor version at a time (or pass --force)`,
      );
    }
  }

  const objectCount = plan.waves.reduce((n, w) => n + w.objects.length, 0);
  if (opts.plan || opts.upgrade) {
    const { planChanges } = await import('../engines/apply/diff-plan.js');
    const changes = await planChanges(cluster, plan, opts.forceConflicts);
    for (const ch of changes) io.out.write(ch.diff);
    io.err.write(
      changes.length
        ? `${changes.length} object(s) would change: ${changes.filter((c) => c.action === 'create').length} created, ${changes.filter((c) => c.action === 'update').length} updated, ${changes.filter((c) => c.action === 'delete').length} deleted\n`
        : 'No changes: the cluster matches the rendered manifest.\n',
    );
    if (opts.plan) {
      if (changes.length) throw new SilentExit(2);
      return;
    }
  }
  if (opts.dryRun) {
    for (const c of plan.components)
      io.err.write(`✔ ${label(COMPONENT_LABELS, c)} would be installed (dry run)\n`);
    io.err.write(
      `Dry run complete: ${objectCount} objects rendered for profile "${rendered.profile}"; nothing was written to the cluster.\n`,
    );
    return;
  }
  if (!opts.skipConfirmation) {
    io.out.write(
      `This will install the Istio ${ISTIO_VERSION} profile "${rendered.profile}" into the cluster. Proceed? (y/N) `,
    );
    if (!(await io.confirm(''))) {
      io.err.write('Cancelled.\n');
      throw new SilentExit(1);
    }
  }
  const task = deps.progress.start(
    `Processing resources for ${plan.components.map((c) => label(COMPONENT_LABELS, c, false)).join(', ')}.`,
  );
  let lastWait = '';
  try {
    await executeInstall(
      cluster,
      plan,
      {
        forceConflicts: opts.forceConflicts,
        readinessTimeoutMs: opts.readinessTimeoutMs,
        atomic: opts.atomic,
      },
      {
        waiting: (items) => {
          const text = `Processing resources. Waiting for ${items.join(', ')}`;
          if (text !== lastWait) task.update(text);
          lastWait = text;
        },
        componentDone: (c) =>
          deps.progress
            .start('')
            .succeed(`${label(COMPONENT_LABELS, c, false)} installed ${icon(COMPONENT_LABELS, c)}`.trimEnd()),
        pruned: (r) => io.err.write(`  Pruned ${r.kind}/${r.namespace ? `${r.namespace}/` : ''}${r.name}\n`),
      },
    );
  } catch (e) {
    task.fail('Installation failed');
    if (e instanceof ApplyError) throw new IstioctlError(`failed to install manifests: ${e.message}`);
    throw e;
  }
  task.succeed('Installation complete');
  if (rendered.profile === 'ambient')
    io.out.write('The ambient profile has been installed successfully, enjoy Istio without sidecars!\n');
  if (opts.verify) {
    const { runVerify } = await import('./verify-install.js');
    await runVerify(
      deps,
      cluster,
      rendered.objects.map((r) => r.object),
    );
  }
}

function label(labels: Record<string, string>, c: string, withIcon = true): string {
  const l = labels[c] ?? c;
  return withIcon ? l : l.replace(/\s+\S+$/u, '');
}

function icon(labels: Record<string, string>, c: string): string {
  const l = labels[c];
  return l ? (l.split(' ').at(-1) ?? '') : '';
}

export const installCommand = { register };
