// istioctl version: client version, and control-plane versions unless --remote=false.
import { type Command, Option } from 'commander';
import type { CommandContext } from '../cli/context.js';
import type { Deps } from '../cli/deps.js';
import { UsageError } from '../cli/errors.js';
import { boolFlag } from '../cli/flags.js';
import type { Cluster } from '../cluster/cluster.js';
import { CLIENT_BUILD_INFO } from '../model/build-info.js';

export interface VersionOptions {
  short: boolean;
  remote: boolean;
  output: '' | 'json' | 'yaml';
  revision: string;
  istioNamespace: string;
  timeoutMs: number;
}

export function parseVersionOptions(
  raw: Record<string, unknown>,
  istioNamespace: string,
  timeoutMs: number,
): VersionOptions {
  const output = String(raw.output ?? '');
  if (output !== '' && output !== 'json' && output !== 'yaml') {
    throw new UsageError(`--output must be 'yaml' or 'json'`);
  }
  return {
    short: raw.short !== false,
    remote: raw.remote !== false,
    output,
    revision: String(raw.revision ?? ''),
    istioNamespace,
    timeoutMs,
  };
}

function register(parent: Command, ctx: CommandContext): void {
  const cmd = parent
    .command('version')
    .description('Prints out build version information')
    .addOption(new Option('-o, --output <format>', "One of 'yaml' or 'json'.").default(''))
    .addOption(new Option('-r, --revision <revision>', 'Control plane revision').default(''));
  boolFlag(cmd, '-s, --short', 'Use --short=false to generate full version information', true);
  boolFlag(cmd, '--remote', 'Use --remote=false to suppress control plane check', true);
  cmd.action(async (raw: Record<string, unknown>, c: Command) => {
    const g = ctx.globals(c);
    const opts = parseVersionOptions(raw, g.istioNamespace, g.kubeclientTimeoutMs);
    await run(opts, ctx.deps, opts.remote ? () => ctx.cluster(c) : undefined);
  });
}

export async function run(opts: VersionOptions, deps: Deps, cluster?: () => Promise<Cluster>): Promise<void> {
  const { writeVersion } = await import('../writers/version.js');
  let mesh: import('../engines/version/mesh-version.js').MeshVersion[] | undefined;
  if (cluster) {
    const { meshVersions } = await import('../engines/version/mesh-version.js');
    mesh = await meshVersions(
      await cluster(),
      opts.istioNamespace,
      opts.revision || undefined,
      opts.timeoutMs,
    );
    if (mesh.length === 0) {
      deps.io.err.write(
        `Istio is not present in the cluster: no running Istio pods in namespace "${opts.istioNamespace}"\n`,
      );
    } else if (mesh.some((m) => m.source === 'image')) {
      deps.io.err.write(
        'note: some istiod /version endpoints could not be reached; their versions are read from the image tag\n',
      );
    }
  }
  deps.io.out.write(await writeVersion(CLIENT_BUILD_INFO, mesh, opts));
}

export const versionCommand = { register };
