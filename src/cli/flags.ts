// Helpers that give commander pflag's habits: Go-style bools (`--remote=false`), repeatable
// string arrays (`--set a=b --set c=d`), Go durations, and flag-value errors that exit 64.
import { type Command, InvalidArgumentError, Option } from 'commander';
import { parseDuration } from '../model/duration.js';

/**
 * A boolean flag that also accepts `--name=false`/`--name=true` (rewritten by program.ts)
 * and `--no-name`. The value is `default` unless given.
 */
export function boolFlag(cmd: Command, flags: string, description: string, dflt = false): Command {
  cmd.addOption(new Option(flags, description).default(dflt));
  const long = /--([\w-]+)/.exec(flags)?.[1];
  if (long) cmd.addOption(new Option(`--no-${long}`).hideHelp());
  return cmd;
}

/** A repeatable string flag (pflag StringArray): every occurrence is kept, in order. */
export function arrayFlag(cmd: Command, flags: string, description: string, hidden = false): Command {
  const o = new Option(flags, description).argParser((v: string, prev: string[] | undefined) => [
    ...(prev ?? []),
    v,
  ]);
  if (hidden) o.hideHelp();
  return cmd.addOption(o);
}

/** A comma-separated or repeatable string flag (pflag StringSlice). */
export function sliceFlag(cmd: Command, flags: string, description: string, dflt?: string[]): Command {
  const o = new Option(flags, description).argParser((v: string, prev: string[] | undefined) => [
    ...(prev === dflt ? [] : (prev ?? [])),
    ...v.split(',').filter(Boolean),
  ]);
  if (dflt) o.default(dflt);
  return cmd.addOption(o);
}

export function intArg(v: string): number {
  if (!/^[+-]?\d+$/.test(v.trim()))
    throw new InvalidArgumentError(`invalid argument "${v}": must be an integer`);
  return Number.parseInt(v, 10);
}

/** A Go duration flag (`30s`, `1m30s`, `300ms`); the value is in milliseconds. */
export function durationArg(v: string): number {
  try {
    return parseDuration(v);
  } catch {
    throw new InvalidArgumentError(`invalid argument "${v}": time: invalid duration "${v}"`);
  }
}

export function choiceArg(choices: readonly string[]): (v: string) => string {
  return (v) => {
    if (!choices.includes(v)) {
      throw new InvalidArgumentError(`invalid argument "${v}": must be one of ${choices.join('|')}`);
    }
    return v;
  };
}
