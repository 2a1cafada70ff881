// The `--set path=value` grammar of istioctl (operator/pkg/values SetPaths): the path is relative to
// the IstioOperator `spec`, values are typed int > float > bool > string, a few paths stay strings.
import { UsageError } from '../../cli/errors.js';
import { PathError, parsePath, type Segment, setPath, type Tree } from './tree.js';

export interface SetFlag {
  /** The path below the IstioOperator root, `spec.` included. */
  path: Segment[];
  pathText: string;
  value: unknown;
}

/** Paths whose values are never converted from text (an image tag like 1.30 must not become 1.3). */
const ALWAYS_STRING = new Set([
  'spec.values.compatibilityVersion',
  'spec.tag',
  'spec.values.global.tag',
  'spec.compatibilityVersion',
]);
const STRING_PREFIXES = [
  'spec.meshConfig.defaultConfig.proxyMetadata.',
  'spec.values.meshConfig.defaultConfig.proxyMetadata.',
];

const INT = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|inf|infinity|nan)$/i;
const BOOLS: Record<string, boolean> = {
  '1': true,
  t: true,
  T: true,
  TRUE: true,
  true: true,
  True: true,
  '0': false,
  f: false,
  F: false,
  FALSE: false,
  false: false,
  False: false,
};

/** Types a --set value the way Go's strconv would: int, then float, then bool, then string. */
export function typeValue(text: string): unknown {
  if (INT.test(text)) {
    const n = Number(text);
    if (Number.isSafeInteger(n)) return n;
    const b = BigInt(text);
    if (b >= -(2n ** 63n) && b < 2n ** 63n) return n;
  }
  if (FLOAT.test(text)) {
    const lower = text.toLowerCase().replace(/^[+]/, '');
    if (lower === 'inf' || lower === 'infinity') return Infinity;
    if (lower === '-inf' || lower === '-infinity') return -Infinity;
    if (lower.endsWith('nan')) return Number.NaN;
    return Number(text);
  }
  if (text in BOOLS) return BOOLS[text];
  return text.replaceAll('\\,', ',');
}

/** Parses one `--set` entry. Without exactly one `=`, the whole text is the path and the value is "". */
export function parseSetFlag(entry: string): SetFlag {
  const parts = entry.split('=');
  let pathText = entry.trim();
  let valueText = '';
  if (parts.length === 2) {
    pathText = parts[0]!.trim();
    valueText = parts[1]!.trim();
  }
  const full = `spec.${pathText.replace(/^\.+|\.+$/g, '')}`;
  let path: Segment[];
  try {
    path = parsePath(full);
  } catch (e) {
    throw new UsageError(`--set ${entry}: ${(e as Error).message}`);
  }
  const keepString = ALWAYS_STRING.has(full) || STRING_PREFIXES.some((p) => full.startsWith(p));
  return { path, pathText: full, value: keepString ? valueText : typeValue(valueText) };
}

/** Applies --set entries in order to an IstioOperator document. */
export function applySetFlags(iop: Tree, flags: SetFlag[]): void {
  for (const f of flags) {
    try {
      setPath(iop, f.path, f.value);
    } catch (e) {
      if (e instanceof PathError) throw new UsageError(`--set ${f.pathText.slice(5)}: ${e.message}`);
      throw e;
    }
  }
}
