// istioctl profile list|dump|diff — removed upstream in 1.24; kept here with its last upstream
// behaviour (reference §12) because install guides still use it. An extension, marked so in the README.
import { type Command, Option } from 'commander';
import type { CommandContext } from '../cli/context.js';
import type { Deps } from '../cli/deps.js';
import { SilentExit, UsageError } from '../cli/errors.js';
import { arrayFlag, choiceArg, sliceFlag } from '../cli/flags.js';

export interface DumpOptions {
  profile?: string;
  filenames: string[];
  set: string[];
  configPath: string;
  output: 'yaml' | 'json' | 'flags';
  manifests: string;
}

function register(parent: Command, ctx: CommandContext): void {
  const profile = parent
    .command('profile')
    .description(
      'Commands related to Istio configuration profiles (an istioctl-ts extension; removed upstream in 1.24)',
    );

  profile
    .command('list')
    .description('Lists available Istio configuration profiles')
    .option('-d, --manifests <dir>', 'Specify a path to a directory of charts and profiles', '')
    .action(async (raw: { manifests: string }) => {
      await runList(ctx.deps, raw.manifests);
    });

  const dump = profile
    .command('dump')
    .argument('[profile]')
    .description('Dumps an Istio configuration profile')
    .addOption(
      new Option(
        '-p, --config-path <path>',
        'The path of the configuration subtree to dump (e.g. components.pilot)',
      ).default(''),
    )
    .addOption(
      new Option('-o, --output <format>', 'Output format: one of json|yaml|flags')
        .argParser(choiceArg(['json', 'yaml', 'flags']))
        .default('yaml'),
    )
    .option('-d, --manifests <dir>', 'Specify a path to a directory of charts and profiles', '');
  sliceFlag(dump, '-f, --filename <files>', 'Path to file containing IstioOperator custom resource');
  arrayFlag(dump, '-s, --set <path=value>', 'Override an IstioOperator value, e.g. to choose a profile');
  dump.action(async (name: string | undefined, raw: Record<string, unknown>) => {
    await runDump(ctx.deps, {
      profile: name,
      filenames: (raw.filename as string[] | undefined) ?? [],
      set: (raw.set as string[] | undefined) ?? [],
      configPath: String(raw.configPath ?? ''),
      output: raw.output as DumpOptions['output'],
      manifests: String(raw.manifests ?? ''),
    });
  });

  profile
    .command('diff')
    .argument('<profile1>')
    .argument('<profile2>')
    .description('Diffs two Istio configuration profiles')
    .option('-d, --manifests <dir>', 'Specify a path to a directory of charts and profiles', '')
    .action(async (a: string, b: string, raw: { manifests: string }) => {
      await runDiff(ctx.deps, a, b, raw.manifests);
    });
}

export async function runList(deps: Deps, manifests: string): Promise<void> {
  const { listProfiles } = await import('../engines/render/sources.js');
  const names = await listProfiles({ files: deps.files, packageRoot: deps.packageRoot }, manifests);
  deps.io.out.write(`Istio configuration profiles:\n${names.map((n) => `    ${n}\n`).join('')}`);
}

/** The profile merged over default (plus the release hub/tag, files and flags), as an IstioOperator. */
async function dumpTree(deps: Deps, opts: DumpOptions): Promise<unknown> {
  if (opts.profile && opts.filenames.length > 0) {
    throw new UsageError('cannot specify both profile name and filename flag');
  }
  const [{ mergeInputs }, { loadProfile }, { readIopFiles }, { getPath }, { ISTIO_VERSION }] =
    await Promise.all([
      import('../engines/render/merge.js'),
      import('../engines/render/sources.js'),
      import('../inputs/iop-files.js'),
      import('../model/iop/tree.js'),
      import('../model/build-info.js'),
    ]);
  const src = { files: deps.files, packageRoot: deps.packageRoot };
  const set = opts.profile ? [`profile=${opts.profile}`, ...opts.set] : opts.set;
  const merged = await mergeInputs({
    files: await readIopFiles(deps, opts.filenames),
    set,
    manifests: opts.manifests,
    loadProfile: (name, ipp) => loadProfile(src, name, ipp),
    buildHubTag: { hub: 'docker.io/istio', tag: ISTIO_VERSION },
  });
  if (!opts.configPath) return merged.iop;
  const path = opts.configPath.replace(/^spec\./, '');
  const sub = getPath(merged.iop.spec, path);
  if (sub === undefined) throw new UsageError(`cannot find path ${opts.configPath} in the profile`);
  return sub;
}

export async function runDump(deps: Deps, opts: DumpOptions): Promise<void> {
  const tree = await dumpTree(deps, opts);
  deps.io.out.write(await formatDump(tree, opts.output));
}

async function formatDump(tree: unknown, output: DumpOptions['output']): Promise<string> {
  if (output === 'json') return `${JSON.stringify(tree, null, 4)}\n`;
  if (output === 'flags') {
    const { flattenLeaves } = await import('../engines/render/flags.js');
    return flattenLeaves(tree)
      .map(([p, v]) => `${p}=${v}\n`)
      .join('');
  }
  const { toYAML } = await import('../writers/yaml.js');
  return toYAML(tree, { sortKeys: true });
}

export async function runDiff(deps: Deps, a: string, b: string, manifests: string): Promise<void> {
  const base = { filenames: [], set: [], configPath: '', output: 'yaml' as const, manifests };
  const ta = await formatDump(await dumpTree(deps, { ...base, profile: a }), 'yaml');
  const tb = await formatDump(await dumpTree(deps, { ...base, profile: b }), 'yaml');
  if (ta === tb) {
    deps.io.out.write('Profiles are identical\n');
    return;
  }
  const { createTwoFilesPatch } = await import('diff');
  const patch = createTwoFilesPatch(a, b, ta, tb).replace(/^=+\n/, '');
  deps.io.out.write(`The difference between profiles:\n${patch}`);
  throw new SilentExit(1);
}

export const profileCommand = { register };
