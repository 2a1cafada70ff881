// istioctl uninstall: removes a revision (or, with --purge, everything). Webhooks go first; the
// user is warned about gateways and proxies that would lose their control plane; and --purge
// refuses to delete Istio CRDs while user resources of those kinds exist (ours:
// --delete-user-config proceeds), because deleting a CRD deletes every resource of its kind.
import type { Command } from 'commander';
import type { CommandContext } from '../cli/context.js';
import type { Deps } from '../cli/deps.js';
import { IstioctlError, SilentExit } from '../cli/errors.js';
import { arrayFlag, boolFlag } from '../cli/flags.js';
import type { Cluster } from '../cluster/cluster.js';

export interface UninstallOptions {
  purge: boolean;
  revision: string;
  filename: string;
  set: string[];
  skipConfirmation: boolean;
  dryRun: boolean;
  verbose: boolean;
  deleteUserConfig: boolean;
  istioNamespace: string;
}

function register(parent: Command, ctx: CommandContext): void {
  const cmd = parent
    .command('uninstall')
    .description('Uninstall Istio from a cluster')
    .option('-r, --revision <revision>', 'Target control plane revision for the command.', '')
    .option('-f, --filename <file>', 'The filename of the IstioOperator CR.', '')
    .option('-d, --manifests <dir>', 'Specify a path to a directory of charts and profiles', '');
  arrayFlag(
    cmd,
    '-s, --set <path=value>',
    'Override an IstioOperator value, e.g. to choose a profile (--set profile=demo)',
  );
  boolFlag(
    cmd,
    '--purge',
    'Remove all Istio related resources, including CRDs (refused while user resources of Istio kinds exist)',
  );
  boolFlag(
    cmd,
    '-y, --skip-confirmation',
    'The skipConfirmation determines whether the user is prompted for confirmation.',
  );
  boolFlag(cmd, '--force', 'Proceed even with validation errors.');
  boolFlag(cmd, '-v, --verbose', 'Verbose output.');
  boolFlag(cmd, '--dry-run', 'Console/log output only, make no changes.');
  boolFlag(
    cmd,
    '--delete-user-config',
    'With --purge: also delete Istio CRDs that still hold user resources (deletes those resources)',
  );
  cmd.action(async (raw: Record<string, unknown>, c: Command) => {
    if (c.args.length) throw new IstioctlError('istioctl uninstall does not take arguments');
    const set = (raw.set as string[] | undefined) ?? [];
    let revision = String(raw.revision ?? '');
    const fromSet = set.map((s) => /^(?:spec\.)?revision=(.*)$/.exec(s)?.[1]).find((v) => v !== undefined);
    if (!revision && fromSet) revision = fromSet;
    const opts: UninstallOptions = {
      purge: raw.purge === true,
      revision,
      filename: String(raw.filename ?? ''),
      set,
      skipConfirmation: raw.skipConfirmation === true,
      dryRun: raw.dryRun === true,
      verbose: raw.verbose === true,
      deleteUserConfig: raw.deleteUserConfig === true,
      istioNamespace: ctx.globals(c).istioNamespace,
    };
    if (!opts.purge && !opts.revision && !opts.filename) {
      throw new IstioctlError(
        'at least one of the --revision (or --set revision=<revision>), --filename or --purge flags must be set',
      );
    }
    await run(opts, ctx.deps, await ctx.cluster(c));
  });
}

async function revisionFromFile(deps: Deps, file: string): Promise<string> {
  const { readIopFiles } = await import('../inputs/iop-files.js');
  const [f] = await readIopFiles(deps, [file]);
  const doc = (f?.documents.find((d) => d && typeof d === 'object') ?? {}) as {
    spec?: { revision?: string; values?: { revision?: string } };
  };
  return doc.spec?.revision ?? doc.spec?.values?.revision ?? '';
}

export async function run(opts: UninstallOptions, deps: Deps, cluster: Cluster): Promise<void> {
  const { planUninstall, executeUninstall } = await import('../engines/apply/uninstall.js');
  const { io } = deps;
  let revision = opts.revision;
  if (!revision && opts.filename && !opts.purge)
    revision = (await revisionFromFile(deps, opts.filename)) || 'default';
  if (opts.purge && (opts.revision || opts.filename)) {
    io.out.write(
      'Purge uninstall will remove all Istio resources, ignoring the specified revision or operator file\n',
    );
  }
  if (!opts.purge && opts.revision) {
    const webhooks = await cluster.list({
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'MutatingWebhookConfiguration',
    });
    const known = new Set(webhooks.map((w) => w.metadata.labels?.['istio.io/rev'] ?? 'default'));
    const want = revision === '' ? 'default' : revision;
    if (!known.has(want)) throw new IstioctlError('could not find target revision');
  }
  const plan = await planUninstall(cluster, {
    revision: revision === 'default' ? '' : revision,
    purge: opts.purge,
    deleteUserConfig: opts.deleteUserConfig,
    istioNamespace: opts.istioNamespace,
  });
  if (plan.userResources.length && !opts.deleteUserConfig) {
    const total = plan.userResources.reduce((n, u) => n + u.count, 0);
    throw new IstioctlError(
      `refusing to delete Istio CRDs: ${total} user resource(s) would be deleted with them (${plan.userResources.map((u) => `${u.kind}: ${u.count}`).join(', ')}); delete or back them up first, or pass --delete-user-config`,
    );
  }
  if (plan.deletions.length === 0) {
    io.out.write('No resources will be pruned from the cluster. Please double check the input configs\n');
    return;
  }
  let message = opts.purge ? 'All Istio resources will be pruned from the cluster\n' : '';
  if (opts.verbose) {
    const byKind = new Map<string, string[]>();
    for (const d of plan.deletions) byKind.set(d.kind, [...(byKind.get(d.kind) ?? []), d.name]);
    message += `The following resources will be pruned from the cluster: ${[...byKind].map(([k, n]) => `${k}: ${n.join(', ')}. `).join('')}\n`;
  }
  for (const w of plan.warnings) message += `${w}\n`;
  io.out.write(message);
  if (!opts.dryRun && !opts.skipConfirmation) {
    io.out.write('Proceed? (y/N) ');
    if (!(await io.confirm(''))) {
      io.err.write('Cancelled.\n');
      throw new SilentExit(1);
    }
  }
  await executeUninstall(cluster, plan, { dryRun: opts.dryRun }, (line) => io.out.write(`${line}\n`));
  deps.progress.start('').succeed('Uninstall complete');
}

export const uninstallCommand = { register };
