// proxy-config log: Envoy logger names from the admin /logging answer, and the requests a
// `--level` spec turns into.
import { IstioctlError } from '../../cli/errors.js';

const LEVELS = ['trace', 'debug', 'info', 'warning', 'error', 'critical', 'off'];
const ALIASES: Record<string, string> = { warn: 'warning' };

/** Logger names listed by Envoy's /logging (`active loggers:` then `  name: level`). */
export function loggerNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    const m = /^\s+([^:\s][^:]*?):\s*\S+\s*$/.exec(line);
    if (m) names.add(m[1]!);
  }
  return names;
}

function checkLevel(level: string): string {
  const l = ALIASES[level] ?? level;
  if (!LEVELS.includes(l)) throw new IstioctlError(`unrecognized logging level: ${level}`);
  return l;
}

/** The admin paths (POST) for a `--level` spec: `level`, or `logger:level[,logger=level...]`. */
export function levelRequests(spec: string, loggers: Set<string>): string[] {
  if (!/[:=]/.test(spec)) return [`logging?level=${checkLevel(spec)}`];
  const out: string[] = [];
  for (const item of spec.split(',')) {
    if (item === '') continue;
    const m = /^(.*?)(?:[:=])([^:=]*)$/.exec(item);
    if (!m) throw new IstioctlError(`unrecognized logging level: ${item}`);
    const logger = m[1]!.replace(/^::/, '');
    const bare = logger.includes('::') ? logger.slice(logger.lastIndexOf('::') + 2) : logger;
    if (!loggers.has(logger) && !loggers.has(bare))
      throw new IstioctlError(`unrecognized logger name: ${logger}`);
    out.push(`logging?${loggers.has(logger) ? logger : bare}=${checkLevel(m[2]!)}`);
  }
  return out;
}
