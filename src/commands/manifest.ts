// istioctl manifest generate: render the install manifest (reference §10) from IstioOperator files
// and --set flags through our charts, in upstream's object order. No cluster access unless
// --cluster-specific.
import type { Command } from 'commander';
import type { CommandContext } from '../cli/context.js';
import type { Deps } from '../cli/deps.js';
import { IstioctlError } from '../cli/errors.js';
import { arrayFlag, boolFlag, sliceFlag } from '../cli/flags.js';
import type { Cluster } from '../cluster/cluster.js';

export interface GenerateCommandOptions {
  filenames: string[];
  set: string[];
  manifests: string;
  revision: string;
  force: boolean;
  /** Put the release's hub/tag over the profile (a released istioctl does; upstream's tests do not). */
  buildHubTag: boolean;
}

function register(parent: Command, ctx: CommandContext): void {
  const manifest = parent.command('manifest').description('Commands related to Istio manifests');
  boolFlag(manifest, '--dry-run', 'Console/log output only, make no changes.');
  const gen = manifest
    .command('generate')
    .description('Generates an Istio install manifest')
    .allowExcessArguments(true)
    .option('-d, --manifests <dir>', 'Specify a path to a directory of charts and profiles', '')
    .option('-r, --revision <revision>', 'Target control plane revision for the command.', '');
  sliceFlag(gen, '-f, --filename <files>', 'Path to file containing IstioOperator custom resource');
  arrayFlag(
    gen,
    '-s, --set <path=value>',
    'Override an IstioOperator value, e.g. to choose a profile (--set profile=demo)',
  );
  gen.option('--charts <dir>', 'Deprecated, use --manifests instead.');
  gen.options.find((o) => o.long === '--charts')?.hideHelp();
  sliceFlag(gen, '--filter <templates>', 'Filter templates to render (accepted for compatibility; ignored)');
  gen.options.find((o) => o.long === '--filter')?.hideHelp();
  boolFlag(gen, '--force', 'Proceed even with validation errors.');
  boolFlag(
    gen,
    '--cluster-specific',
    'If enabled, the current cluster will be checked for cluster-specific setting detection.',
  );
  gen.action(async (raw: Record<string, unknown>, c: Command) => {
    if (c.args.length > 0) {
      throw new IstioctlError(
        `generate accepts no positional arguments, got []string{${c.args.map((a) => JSON.stringify(a)).join(', ')}}`,
      );
    }
    const opts: GenerateCommandOptions = {
      filenames: (raw.filename as string[] | undefined) ?? [],
      set: (raw.set as string[] | undefined) ?? [],
      manifests: String(raw.manifests || raw.charts || ''),
      revision: String(raw.revision ?? ''),
      force: raw.force === true,
      buildHubTag: true,
    };
    const cluster = raw.clusterSpecific === true ? await ctx.cluster(c) : undefined;
    ctx.deps.io.out.write(await runGenerate(ctx.deps, opts, cluster));
  });
}

/** GKE needs the CNI agent in kube-system and no resource quota (operator clusterSpecificSettings). */
async function clusterSettings(deps: Deps, cluster: Cluster | undefined): Promise<string[]> {
  if (!cluster || deps.env.AUTO_GKE_DETECTION === 'false') return [];
  const v = await cluster.version();
  if (!v.gitVersion.includes('-gke')) return [];
  return [
    'components.cni.namespace=kube-system',
    'values.global.platform=gke',
    'values.cni.resourceQuotas.enabled=false',
  ];
}

/** Returns the manifest text; warnings go to stderr prefixed with ❗ as upstream prints them. */
export async function runGenerate(
  deps: Deps,
  opts: GenerateCommandOptions,
  cluster?: Cluster,
): Promise<string> {
  const [
    { generateManifests, formatManifests },
    { loadProfile },
    { chartSource },
    { readIopFiles },
    { ISTIO_VERSION },
  ] = await Promise.all([
    import('../engines/render/generate.js'),
    import('../engines/render/sources.js'),
    import('../engines/render/chart-source.js'),
    import('../inputs/iop-files.js'),
    import('../model/build-info.js'),
  ]);
  const src = { files: deps.files, packageRoot: deps.packageRoot };
  const { manifests } = await generateManifests({
    files: await readIopFiles(deps, opts.filenames),
    set: opts.set,
    manifests: opts.manifests,
    revision: opts.revision,
    force: opts.force,
    clusterSettings: await clusterSettings(deps, cluster),
    buildHubTag: opts.buildHubTag ? { hub: 'docker.io/istio', tag: ISTIO_VERSION } : undefined,
    loadProfile: (name, ipp) => loadProfile(src, name, ipp),
    charts: (installPackagePath) => chartSource(src, installPackagePath),
    warn: (w) => deps.io.err.write(w.startsWith('spec invalid') ? `${w}\n` : `❗ ${w}\n`),
  });
  return formatManifests(manifests);
}

export const manifestCommand = { register };
