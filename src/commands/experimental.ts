// istioctl experimental (aliases x, exp): the group of experimental subcommands. Each subcommand is
// an ordinary CommandModule registered on the group; add one by listing it in experimentalCommands
// (or, from another command file, by calling experimentalGroup(root) in its register()).
import type { Command } from 'commander';
import type { CommandContext, CommandModule } from '../cli/context.js';
import { precheckCommand } from './precheck.js';

/** The experimental subcommands that work today. Keep sorted by command name. */
export const experimentalCommands: CommandModule[] = [precheckCommand];

/** The `experimental` group under the root, created on first use so several modules can share it. */
export function experimentalGroup(root: Command): Command {
  const existing = root.commands.find((c) => c.name() === 'experimental');
  if (existing) return existing;
  return root
    .command('experimental')
    .aliases(['x', 'exp'])
    .description('Experimental commands that may be modified or deprecated');
}

function register(parent: Command, ctx: CommandContext): void {
  const group = experimentalGroup(parent);
  for (const m of experimentalCommands) m.register(group, ctx);
}

export const experimentalCommand: CommandModule = { register };
