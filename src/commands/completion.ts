// istioctl completion bash|zsh|fish|powershell: scripts generated from our command tree.
import type { Command } from 'commander';
import type { CommandContext } from '../cli/context.js';

const SHELLS = ['bash', 'fish', 'powershell', 'zsh'] as const;
export type Shell = (typeof SHELLS)[number];

function register(parent: Command, ctx: CommandContext): void {
  const completion = parent
    .command('completion')
    .description('Generate the autocompletion script for the specified shell');
  for (const shell of SHELLS) {
    completion
      .command(shell)
      .description(`Generate the autocompletion script for ${shell}`)
      .action(async () => {
        const { completionScript, commandTree } = await import('../writers/completion.js');
        let root: Command = parent;
        while (root.parent) root = root.parent;
        ctx.deps.io.out.write(completionScript(shell, commandTree(root)));
      });
  }
}

export const completionCommand = { register };
