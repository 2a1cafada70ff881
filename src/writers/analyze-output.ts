// analyze's output formats. log is upstream's line shape; json/yaml are upstream's documents
// (Go's MarshalIndent with tabs, HTML-escaped); sarif (2.1.0) and github (workflow commands)
// are ours. Every function returns the whole stdout text.
import type { Level } from '../model/diagnostics.js';
import { toYAML } from './yaml.js';

/** One message as the writers see it. */
export interface OutputMessage {
  code: string;
  level: Level;
  message: string;
  /** Friendly name `Kind ns/name`, when the message is about a resource. */
  origin?: string;
  file?: string;
  line?: number;
  cluster?: string;
}

export const ANALYZE_FORMATS = ['log', 'json', 'yaml', 'sarif', 'github'] as const;
export type AnalyzeFormat = (typeof ANALYZE_FORMATS)[number];

const DOCS_VERSION = 'v1.30';
export const ANALYSIS_DOCS = `https://istio.io/${DOCS_VERSION}/docs/reference/config/analysis`;

export function documentationUrl(code: string): string {
  return `${ANALYSIS_DOCS}/${code.toLowerCase()}/?ref=istioctl-analyze`;
}

/** `file:line`, or just the file for .json inputs (no line). */
function reference(m: OutputMessage): string | undefined {
  if (!m.file) return undefined;
  return m.line ? `${m.file}:${m.line}` : m.file;
}

const COLORS: Record<Level, string> = { Error: '\u001b[1;31m', Warning: '\u001b[33m', Info: '' };
const RESET = '\u001b[0m';

export function logLine(m: OutputMessage, color: boolean, multiCluster = false): string {
  const level = color ? `${COLORS[m.level]}${m.level}${RESET}` : m.level;
  let origin = '';
  if (m.origin) {
    const ref = reference(m);
    origin = ` (${m.origin}${ref ? ` ${ref}` : ''})`;
    if (multiCluster && m.cluster) origin = ` [cluster-${m.cluster}]${origin}`;
  }
  return `${level} [${m.code}]${origin} ${m.message}`;
}

/** The log document: one line per message, and one newline after all (just `\n` when empty). */
export function writeLog(ms: readonly OutputMessage[], color: boolean): string {
  return `${ms.map((m) => logLine(m, color)).join('\n')}\n`;
}

function record(m: OutputMessage): Record<string, string> {
  const o: Record<string, string> = {};
  if (m.cluster) o.cluster = m.cluster;
  o.code = m.code;
  o.documentationUrl = documentationUrl(m.code);
  o.level = m.level;
  o.message = m.message;
  if (m.origin) o.origin = m.origin;
  const ref = reference(m);
  if (ref) o.reference = ref;
  return o;
}

/** Go's json.MarshalIndent(v, "", "\t"): tab indent, `<>&` escaped. */
export function writeJson(ms: readonly OutputMessage[]): string {
  if (ms.length === 0) return '[]\n';
  const text = JSON.stringify(ms.map(record), null, '\t')
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
  return `${text}\n`;
}

export async function writeYaml(ms: readonly OutputMessage[]): Promise<string> {
  if (ms.length === 0) return '[]\n';
  return toYAML(ms.map(record), { sortKeys: true });
}

/** GitHub workflow commands: `::error file=…,line=…,title=IST0101::text`. */
export function writeGithub(ms: readonly OutputMessage[]): string {
  const cmd: Record<Level, string> = { Error: 'error', Warning: 'warning', Info: 'notice' };
  const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const prop = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  return ms
    .map((m) => {
      const props: string[] = [];
      if (m.file && m.file !== '-') props.push(`file=${prop(m.file)}`);
      if (m.file && m.line) props.push(`line=${m.line}`);
      props.push(`title=${prop(`${m.code}${m.origin ? ` ${m.origin}` : ''}`)}`);
      return `::${cmd[m.level]} ${props.join(',')}::${data(m.message)}\n`;
    })
    .join('');
}
