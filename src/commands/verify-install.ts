// istioctl verify-install: kept from istioctl ≤1.23 as an extension (upstream removed it in 1.24
// and left `install --verify` doing nothing; our `install --verify` runs it).
import type { Command } from 'commander';
import type { CommandContext } from '../cli/context.js';
import type { Deps } from '../cli/deps.js';
import { IstioctlError, UsageError } from '../cli/errors.js';
import { sliceFlag } from '../cli/flags.js';
import type { Cluster, KubeObject } from '../cluster/cluster.js';

function register(parent: Command, ctx: CommandContext): void {
  const cmd = parent
    .command('verify-install')
    .description('Verifies Istio Installation Status')
    .option('-d, --manifests <dir>', 'Specify a path to a directory of charts and profiles', '')
    .option('-r, --revision <revision>', 'Control plane revision', '');
  sliceFlag(cmd, '-f, --filename <files>', 'Istio YAML installation file.');
  cmd.action(async (raw: Record<string, unknown>, c: Command) => {
    const filenames = (raw.filename as string[] | undefined) ?? [];
    const revision = String(raw.revision ?? '');
    if (filenames.length && revision) throw new UsageError('supply either a file or revision, but not both');
    const cluster = await ctx.cluster(c);
    const { renderInstall } = await import('./install-render.js');
    const rendered = await renderInstall(
      ctx.deps,
      { filenames, set: [], manifests: String(raw.manifests ?? ''), revision, force: false },
      cluster,
    );
    await runVerify(
      ctx.deps,
      cluster,
      rendered.objects.map((r) => r.object),
    );
  });
}

export async function runVerify(deps: Deps, cluster: Cluster, objects: KubeObject[]): Promise<void> {
  const { verifyInstall } = await import('../engines/apply/verify.js');
  const result = await verifyInstall(cluster, objects);
  for (const g of result.groups) {
    if (g.problems.length === 0) deps.io.err.write(`✔ ${g.kind}: ${g.checked} checked successfully\n`);
    else
      deps.io.err.write(
        `✘ ${g.kind}: ${g.problems.length} of ${g.checked} missing or not ready: ${g.problems.join(', ')}\n`,
      );
  }
  if (!result.ok) {
    const n = result.groups.reduce((s, g) => s + g.problems.length, 0);
    throw new IstioctlError(`Istio installation is not complete: ${n} object(s) missing or not ready`);
  }
  deps.io.err.write('✔ Istio is installed and verified successfully\n');
}

export const verifyInstallCommand = { register };
