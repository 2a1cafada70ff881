// The commander root: istioctl's global flags, the command table, and the translation of
// commander's parse errors into our typed errors (cobra's texts, pflag's exit 64).
import { Command, CommanderError, Option } from 'commander';
import { commandModules } from '../commands/index.js';
import { type CommandContext, clusterOptions, type GlobalOptions } from './context.js';
import type { Deps } from './deps.js';
import { IstioctlError, UsageError } from './errors.js';
import { arrayFlag, durationArg, intArg } from './flags.js';
import { suggestions } from './suggest.js';

export const ROOT_DESCRIPTION =
  'Istio configuration command line utility for service operators to debug and diagnose their Istio mesh.';

/** Defaults that istioctl reads from its config file and ISTIOCTL_* variables (viper). */
export interface ConfigDefaults {
  istioNamespace?: string;
  [key: string]: unknown;
}

export function buildProgram(deps: Deps, defaults: ConfigDefaults = {}): Command {
  const program = new Command('istioctl');
  program
    .description(ROOT_DESCRIPTION)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => deps.io.out.write(s),
      writeErr: (s) => deps.io.err.write(s),
      // Parse errors are rethrown as typed errors and printed once, by main.
      outputError: () => {},
    })
    .showSuggestionAfterError(false)
    .helpCommand('help [command]', 'Help about any command')
    .option('-c, --kubeconfig <path>', 'Kubernetes configuration file')
    .option('--context <name>', 'Kubernetes configuration context')
    .option('-n, --namespace <namespace>', 'Kubernetes namespace')
    .option(
      '-i, --istioNamespace <namespace>',
      'Istio system namespace',
      defaults.istioNamespace ?? deps.env.ISTIOCTL_ISTIONAMESPACE ?? 'istio-system',
    )
    .option('--as <user>', 'Username to impersonate for the operation')
    .option('--as-uid <uid>', 'UID to impersonate for the operation')
    .addOption(
      new Option('--kubeclient-timeout <duration>', 'Kubernetes client timeout').argParser(durationArg),
    )
    .addOption(
      new Option('--vklog <level>', 'number for the log level verbosity. Like -v flag. ex: --vklog=9')
        .argParser(intArg)
        .default(0),
    )
    .addOption(new Option('--log_output_level <levels>').hideHelp())
    .addOption(new Option('--log_as_json').hideHelp())
    .addOption(new Option('--log_caller <scopes>').hideHelp())
    .addOption(new Option('--log_stacktrace_level <levels>').hideHelp())
    .addOption(new Option('--debug', 'print stack traces of errors').hideHelp());
  arrayFlag(program, '--as-group <group>', 'Group to impersonate for the operation, can be repeated');
  arrayFlag(program, '--log_target <target>', 'log targets', true);

  const ctx: CommandContext = {
    deps,
    globals: (cmd) => globalsOf(cmd),
    cluster: (cmd) => deps.cluster(clusterOptions(globalsOf(cmd))),
  };
  for (const m of commandModules) m.register(program, ctx);
  return program;
}

function globalsOf(cmd: Command): GlobalOptions {
  const o = cmd.optsWithGlobals() as Record<string, unknown>;
  const g: GlobalOptions = {
    istioNamespace: String(o.istioNamespace ?? 'istio-system'),
    kubeclientTimeoutMs: typeof o.kubeclientTimeout === 'number' ? o.kubeclientTimeout : 15_000,
    vklog: typeof o.vklog === 'number' ? o.vklog : 0,
    debug: o.debug === true,
  };
  if (o.kubeconfig) g.kubeconfig = String(o.kubeconfig);
  if (o.context) g.context = String(o.context);
  if (o.namespace) g.namespace = String(o.namespace);
  if (o.as) g.as = String(o.as);
  if (o.asUid) g.asUid = String(o.asUid);
  if (Array.isArray(o.asGroup)) g.asGroup = o.asGroup as string[];
  return g;
}

/** Every command reachable in the tree, for boolean-flag discovery and suggestions. */
function walk(cmd: Command, visit: (c: Command) => void): void {
  visit(cmd);
  for (const c of cmd.commands) walk(c, visit);
}

/**
 * pflag accepts `--flag=false` for booleans; commander does not. Rewrite those forms into
 * `--flag` / `--no-flag` (every boolean flag of ours is registered with its negation).
 */
export function rewriteBoolFlags(program: Command, argv: string[]): string[] {
  const bools = new Set<string>();
  walk(program, (c) => {
    for (const o of c.options) if (o.long && !o.required && !o.optional && !o.negate) bools.add(o.long);
  });
  const out: string[] = [];
  for (const [i, a] of argv.entries()) {
    if (a === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const m = /^(--[\w-]+)=(true|false|1|0|t|f|TRUE|FALSE|True|False)$/.exec(a);
    if (m && bools.has(m[1]!)) {
      const on = /^(true|1|t)$/i.test(m[2]!);
      out.push(on ? m[1]! : `--no-${m[1]!.slice(2)}`);
    } else out.push(a);
  }
  return out;
}

/** Runs the program on user arguments (argv without node and script). */
export async function runProgram(deps: Deps, args: string[], defaults: ConfigDefaults = {}): Promise<void> {
  const program = buildProgram(deps, defaults);
  if (args.length === 0) {
    // cobra prints the root help and succeeds when no command is given.
    deps.io.out.write(program.helpInformation());
    return;
  }
  try {
    await program.parseAsync(rewriteBoolFlags(program, args), { from: 'user' });
  } catch (err) {
    const typed = translate(err, program, args);
    if (typed !== undefined) throw typed;
  }
}

function commandPath(program: Command, args: string[]): Command {
  let cmd = program;
  for (const a of args) {
    if (a.startsWith('-')) continue;
    const next = cmd.commands.find((c) => c.name() === a || c.aliases().includes(a));
    if (!next) break;
    cmd = next;
  }
  return cmd;
}

function fullName(cmd: Command): string {
  const parts: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) parts.unshift(c.name());
  return parts.join(' ');
}

function translate(err: unknown, program: Command, args: string[]): unknown {
  if (!(err instanceof CommanderError)) return err;
  const text = err.message.replace(/^error: /, '');
  switch (err.code) {
    case 'commander.help':
    case 'commander.helpDisplayed':
    case 'commander.version':
    case 'commander.executeSubCommandAsync':
      return undefined;
    case 'commander.unknownCommand': {
      const typed = /unknown command '([^']+)'/.exec(text)?.[1] ?? '';
      const parent = commandPath(program, args);
      const names = parent.commands
        .filter((c) => !(c as unknown as { _hidden?: boolean })._hidden)
        .flatMap((c) => [c.name()]);
      const sugg = suggestions(typed, names);
      let msg = `unknown command "${typed}" for "${fullName(parent)}"`;
      if (sugg.length) msg += `\n\nDid you mean this?\n${sugg.map((s) => `\t${s}`).join('\n')}\n`;
      msg += `\nRun '${fullName(parent)} --help' for usage.`;
      return new UsageError(msg);
    }
    case 'commander.unknownOption': {
      const flag = /unknown option '([^']+)'/.exec(text)?.[1] ?? text;
      return new UsageError(
        flag.startsWith('--')
          ? `unknown flag: ${flag}`
          : `unknown shorthand flag: '${flag.slice(1, 2)}' in ${flag}`,
      );
    }
    case 'commander.optionMissingArgument': {
      const flag = /option '([^']+)'/
        .exec(text)?.[1]
        ?.split(/[ ,]/)
        .filter((s) => s.startsWith('--'))[0];
      return new UsageError(flag ? `flag needs an argument: ${flag}` : text);
    }
    case 'commander.invalidArgument':
    case 'commander.conflictingOption':
      return new UsageError(
        text.replace(
          /^option '([^']+)' argument '([^']*)' is invalid\. /,
          'invalid argument "$2" for "$1" flag: ',
        ),
      );
    case 'commander.missingArgument':
    case 'commander.excessArguments':
    case 'commander.missingMandatoryOptionValue':
      // cobra returns positional-argument and required-flag errors without the flag-error hook: exit 1.
      return new IstioctlError(text);
    default:
      return new UsageError(text);
  }
}
