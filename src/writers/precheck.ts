// x precheck's output: istioctl's analysis message formats (log, json, yaml). Log lines are
// `<Level> [<code>] (<origin>) <text>`, colourised as istioctl's precheck always does; our added
// checks append their hint. JSON is the documented, stable schema (README): a tab-indented array,
// keys sorted, `[]` when there is nothing to report.
import type { PrecheckMessage } from '../engines/precheck/messages.js';
import { sortKeys } from './json.js';
import { toYAML } from './yaml.js';

export type PrecheckFormat = 'log' | 'json' | 'yaml';
export const PRECHECK_FORMATS: readonly PrecheckFormat[] = ['log', 'json', 'yaml'];

const COLOR_PREFIX: Record<string, string> = { Error: '\x1b[1;31m', Warning: '\x1b[33m', Info: '' };
const COLOR_RESET = '\x1b[0m';

export function logLine(m: PrecheckMessage, color: boolean): string {
  const level = color ? `${COLOR_PREFIX[m.level]}${m.level}${COLOR_RESET}` : m.level;
  const origin = m.origin ? ` (${m.origin})` : '';
  const hint = m.hint ? ` Hint: ${m.hint}` : '';
  return `${level} [${m.code}]${origin} ${m.text}${hint}`;
}

export interface PrecheckJsonMessage {
  check: string;
  code: string;
  documentationUrl?: string;
  hint?: string;
  level: string;
  message: string;
  origin?: string;
}

export function jsonMessages(
  messages: PrecheckMessage[],
  docUrl: (code: string) => string | undefined,
): PrecheckJsonMessage[] {
  return messages.map((m) => {
    const j: PrecheckJsonMessage = { check: m.check, code: m.code, level: m.level, message: m.text };
    const url = docUrl(m.code);
    if (url) j.documentationUrl = url;
    if (m.hint) j.hint = m.hint;
    if (m.origin) j.origin = m.origin;
    return sortKeys(j);
  });
}

/** The text for stdout (with its final newline), or '' when a log report has nothing to print. */
export async function formatPrecheck(
  messages: PrecheckMessage[],
  format: PrecheckFormat,
  opts: { color: boolean; docUrl: (code: string) => string | undefined },
): Promise<string> {
  if (format === 'json') return `${JSON.stringify(jsonMessages(messages, opts.docUrl), null, '\t')}\n`;
  if (messages.length === 0) return '';
  // istioctl prints the YAML document with Println, hence the blank line after it.
  if (format === 'yaml') return `${await toYAML(jsonMessages(messages, opts.docUrl), { sortKeys: true })}\n`;
  return `${messages.map((m) => logLine(m, opts.color)).join('\n')}\n`;
}
