// YAML exactly as sigs.k8s.io/yaml writes it (JSON → goyaml.v2 → text): map keys in goyaml's
// natural order, sequences not indented under their key, goyaml's choice between plain,
// single-quoted, double-quoted and literal scalars, and its folding of long scalars at 80 columns.

const BEST_WIDTH = 80;

/** goyaml.v2 keyList.Less: letters sort after non-letters, digit runs compare as numbers. */
export function goKeyLess(a: string, b: string): boolean {
  const ar = Array.from(a);
  const br = Array.from(b);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]! < br[i]!;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]!); ai++) an = an * 10 + (ar[ai]!.charCodeAt(0) - 48);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]!); bi++) bn = bn * 10 + (br[bi]!.charCodeAt(0) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]! < br[i]!;
  }
  return ar.length < br.length;
}

const letterRe = /\p{L}/u;
const isLetter = (c: string) => letterRe.test(c);
const isDigit = (c: string) => c >= '0' && c <= '9';

/** Sorted orders by key set: the maps of a stream repeat the same few key sets (containers, probes). */
const sortedCache = new Map<string, string[]>();

export function goSortKeys(keys: string[]): string[] {
  if (keys.length < 2) return keys;
  const id = keys.join('\u0000');
  const hit = sortedCache.get(id);
  if (hit) return hit.slice();
  const sorted = keys.sort((x, y) => (goKeyLess(x, y) ? -1 : goKeyLess(y, x) ? 1 : 0));
  if (sortedCache.size < 10_000) sortedCache.set(id, sorted.slice());
  return sorted;
}

const RESOLVE_NON_STR = new Set([
  'y',
  'Y',
  'yes',
  'Yes',
  'YES',
  'true',
  'True',
  'TRUE',
  'on',
  'On',
  'ON',
  'n',
  'N',
  'no',
  'No',
  'NO',
  'false',
  'False',
  'FALSE',
  'off',
  'Off',
  'OFF',
  '',
  '~',
  'null',
  'Null',
  'NULL',
  '.nan',
  '.NaN',
  '.NAN',
  '.inf',
  '.Inf',
  '.INF',
  '+.inf',
  '+.Inf',
  '+.INF',
  '-.inf',
  '-.Inf',
  '-.INF',
  '<<',
]);

const yamlStyleFloat = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const base60Float = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const timestampRe =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]| +)(\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d*)?(?: *(Z|[-+]\d{1,2}(?::\d\d)?))?)?$/;

/** Go's strconv.ParseInt/ParseUint with base 0 (after goyaml dropped underscores). */
function goParsesAsInt(s: string): boolean {
  let t = s;
  if (t.startsWith('+') || t.startsWith('-')) t = t.slice(1);
  if (t === '') return false;
  if (/^0[xX][0-9a-fA-F]+$/.test(t)) return true;
  if (/^0[bB][01]+$/.test(t)) return true;
  if (/^0[oO][0-7]+$/.test(t)) return true;
  if (/^0[0-7]*$/.test(t)) return true;
  return /^[1-9][0-9]*$/.test(t);
}

/** True when goyaml.v2 would read the unquoted text as something other than a string. */
export function resolvesNonString(s: string): boolean {
  if (RESOLVE_NON_STR.has(s)) return true;
  const c = s[0]!;
  if (c === '.') return !Number.isNaN(Number.parseFloat(s)) && /^\.[0-9]/.test(s) && yamlStyleFloat.test(s);
  if (c === '+' || c === '-' || isDigit(c)) {
    if (timestampRe.test(s)) return true;
    const plain = s.replace(/_/g, '');
    if (goParsesAsInt(plain)) return true;
    if (yamlStyleFloat.test(plain)) return true;
    if (/^-?0b[01]+$/.test(plain)) return true;
  }
  return false;
}

const isBreak = (c: string) => c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isSpace = (c: string) => c === ' ';
const isBlankz = (c: string | undefined) =>
  c === undefined || c === ' ' || c === '\t' || isBreak(c) || c === '\0';

function isPrintable(c: string): boolean {
  const cp = c.codePointAt(0)!;
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    cp === 0x85 ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

interface Analysis {
  multiline: boolean;
  flowPlain: boolean;
  blockPlain: boolean;
  single: boolean;
  block: boolean;
}

function analyze(value: string): Analysis {
  if (value.length === 0)
    return { multiline: false, flowPlain: false, blockPlain: true, single: true, block: false };
  const chars = Array.from(value);
  let blockInd = false;
  let flowInd = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let prevSpace = false;
  let prevBreak = false;
  if (value.startsWith('---') || value.startsWith('...')) {
    blockInd = true;
    flowInd = true;
  }
  let precededByWs = true;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const followedByWs = isBlankz(chars[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) {
        flowInd = true;
        blockInd = true;
      }
      if (c === '?' || c === ':') {
        flowInd = true;
        if (followedByWs) blockInd = true;
      }
      if (c === '-' && followedByWs) {
        flowInd = true;
        blockInd = true;
      }
    } else {
      if (',?[]{}'.includes(c)) flowInd = true;
      if (c === ':') {
        flowInd = true;
        if (followedByWs) blockInd = true;
      }
      if (c === '#' && precededByWs) {
        flowInd = true;
        blockInd = true;
      }
    }
    if (!isPrintable(c)) special = true;
    if (isBreak(c)) lineBreaks = true;
    if (isSpace(c)) {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreak(c)) {
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevBreak = true;
      prevSpace = false;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    precededByWs = isBlankz(c);
  }
  const a: Analysis = { multiline: lineBreaks, flowPlain: true, blockPlain: true, single: true, block: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
    a.flowPlain = false;
    a.blockPlain = false;
  }
  if (trailingSpace) a.block = false;
  if (breakSpace) {
    a.flowPlain = false;
    a.blockPlain = false;
    a.single = false;
  }
  if (spaceBreak || special) {
    a.flowPlain = false;
    a.blockPlain = false;
    a.single = false;
    a.block = false;
  }
  if (lineBreaks) {
    a.flowPlain = false;
    a.blockPlain = false;
  }
  if (flowInd) a.flowPlain = false;
  if (blockInd) a.blockPlain = false;
  return a;
}

type Style = 'plain' | 'single' | 'double' | 'literal';

/** Text with no indicator, space or special character anywhere: plain unless it reads as non-string. */
const SAFE_PLAIN = /^[A-Za-z0-9][A-Za-z0-9_./=+-]*$/;

/** Styles of texts seen before (a stream repeats the template's texts for every pod). */
const styleCache = [new Map<string, Style>(), new Map<string, Style>()];

function chooseStyle(s: string, simpleKey: boolean): Style {
  if (SAFE_PLAIN.test(s)) return resolvesNonString(s) || base60Float.test(s) ? 'double' : 'plain';
  const cache = styleCache[simpleKey ? 1 : 0]!;
  let style = cache.get(s);
  if (style === undefined) {
    style = analyzeStyle(s, simpleKey);
    if (s.length <= 256 && cache.size < 20_000) cache.set(s, style);
  }
  return style;
}

function analyzeStyle(s: string, simpleKey: boolean): Style {
  let style: Style;
  if (s.includes('\n')) style = 'literal';
  else if (!resolvesNonString(s) && !base60Float.test(s)) style = 'plain';
  else style = 'double';
  const a = analyze(s);
  if (style === 'plain') {
    if (!a.blockPlain) style = 'single';
    else if (s.length === 0 && simpleKey) style = 'single';
  }
  if (style === 'single' && !a.single) style = 'double';
  if (style === 'literal' && (!a.block || simpleKey)) style = 'double';
  return style;
}

/** Writes one scalar, tracking the column like libyaml's emitter. */
class Out {
  buf: string[] = [];
  column = 0;
  write(s: string): void {
    this.buf.push(s);
    const nl = s.lastIndexOf('\n');
    if (nl >= 0) this.column = Array.from(s.slice(nl + 1)).length;
    else this.column += s.length < 64 && /^[\x20-\x7e]*$/.test(s) ? s.length : Array.from(s).length;
  }
  indent(n: number): void {
    this.buf.push(`\n${' '.repeat(n)}`);
    this.column = n;
  }
  /** Text known to be one-column ASCII without line breaks (indentation, ":", "- "). */
  ascii(s: string): void {
    this.buf.push(s);
    this.column += s.length;
  }
}

const SPACES = Array.from({ length: 64 }, (_, i) => ' '.repeat(i));
const spaces = (n: number) => SPACES[n] ?? ' '.repeat(n);

function escapeDouble(c: string): string {
  switch (c) {
    case '\0':
      return '\\0';
    case '\x07':
      return '\\a';
    case '\b':
      return '\\b';
    case '\t':
      return '\\t';
    case '\n':
      return '\\n';
    case '\x0b':
      return '\\v';
    case '\f':
      return '\\f';
    case '\r':
      return '\\r';
    case '\x1b':
      return '\\e';
    case '"':
      return '\\"';
    case '\\':
      return '\\\\';
    case '\u0085':
      return '\\N';
    case '\u00a0':
      return '\\_';
    case '\u2028':
      return '\\L';
    case '\u2029':
      return '\\P';
  }
  const cp = c.codePointAt(0)!;
  if (cp <= 0xff) return `\\x${cp.toString(16).toUpperCase().padStart(2, '0')}`;
  if (cp <= 0xffff) return `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return `\\U${cp.toString(16).toUpperCase().padStart(8, '0')}`;
}

/** Printable ASCII without quotes or backslashes: written in one piece when no line can fold. */
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

function writeScalar(out: Out, s: string, indent: number, simpleKey: boolean): void {
  const style = chooseStyle(s, simpleKey);
  const allowBreaks = !simpleKey;
  // Folding happens only at a space past BEST_WIDTH: text that ends before it goes out whole.
  const fits = PLAIN_ASCII.test(s) && (!allowBreaks || out.column + s.length + 2 <= BEST_WIDTH);
  if (fits) {
    const whole =
      style === 'plain'
        ? s
        : style === 'single' && !s.includes("'")
          ? `'${s}'`
          : style === 'double' && !s.includes('"') && !s.includes('\\')
            ? `"${s}"`
            : undefined;
    if (whole !== undefined) {
      out.ascii(whole);
      return;
    }
  }
  const chars = Array.from(s);
  if (style === 'plain') {
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      if (c === ' ') {
        if (allowBreaks && !spaces && out.column > BEST_WIDTH && chars[i + 1] !== ' ') out.indent(indent);
        else out.write(c);
        spaces = true;
      } else {
        out.write(c);
        spaces = false;
      }
    }
    return;
  }
  if (style === 'single') {
    out.write("'");
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      if (c === ' ') {
        if (
          allowBreaks &&
          !spaces &&
          out.column > BEST_WIDTH &&
          i > 0 &&
          i < chars.length - 1 &&
          chars[i + 1] !== ' '
        )
          out.indent(indent);
        else out.write(c);
        spaces = true;
      } else {
        out.write(c === "'" ? "''" : c);
        spaces = false;
      }
    }
    out.write("'");
    return;
  }
  if (style === 'double') {
    out.write('"');
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      if (!isPrintable(c) || c === '\ufeff' || isBreak(c) || c === '"' || c === '\\') {
        out.write(escapeDouble(c));
        spaces = false;
        continue;
      }
      if (c === ' ') {
        if (allowBreaks && !spaces && out.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1) {
          out.indent(indent);
          if (chars[i + 1] === ' ') out.write('\\');
        } else out.write(c);
        spaces = true;
      } else {
        out.write(c);
        spaces = false;
      }
    }
    out.write('"');
    return;
  }
  // literal
  let hint = '|';
  if (chars[0] === ' ' || isBreak(chars[0]!)) hint += '2';
  const last = chars[chars.length - 1]!;
  if (!isBreak(last)) hint += '-';
  else if (chars.length === 1 || isBreak(chars[chars.length - 2]!)) hint += '+';
  out.write(hint);
  let breaks = true;
  let line = '';
  const flush = () => {
    if (line !== '') out.write(line);
    line = '';
  };
  out.buf.push('\n');
  out.column = 0;
  for (const c of chars) {
    if (isBreak(c)) {
      flush();
      out.buf.push('\n');
      out.column = 0;
      breaks = true;
    } else {
      if (breaks) {
        line += ' '.repeat(indent);
        breaks = false;
      }
      line += c;
    }
  }
  flush();
  if (!isBreak(last)) out.buf.push('\n');
  // The emitter ends a block scalar at the start of a fresh line already.
  out.buf.push('\u0000');
}

function scalarText(v: unknown): string | undefined {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return goFloatOrInt(v);
  if (typeof v === 'bigint') return v.toString();
  return undefined;
}

/** A JSON number as goyaml prints what it read back: integers plainly, floats with %g-like text. */
function goFloatOrInt(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  if (Number.isNaN(n)) return '.nan';
  if (n === Number.POSITIVE_INFINITY) return '.inf';
  if (n === Number.NEGATIVE_INFINITY) return '-.inf';
  // strconv.FormatFloat(f, 'g', -1, 64)
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 21) {
    const [m, e] = n.toExponential().split('e');
    const en = Number(e);
    return `${m}e${en < 0 ? '-' : '+'}${String(Math.abs(en)).padStart(2, '0')}`;
  }
  return String(n);
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function emitNode(out: Out, v: unknown, indent: number): void {
  // Called with the cursor right after "key:" or "-" (no trailing space written yet).
  if (Array.isArray(v)) {
    if (v.length === 0) out.write(' []');
    else emitSeq(out, v, indent);
    return;
  }
  if (isMap(v)) {
    const keys = Object.keys(v).filter((k) => v[k] !== undefined);
    if (keys.length === 0) out.write(' {}');
    else {
      out.indent(indent + 2);
      emitMapBody(out, v, keys, indent + 2);
    }
    return;
  }
  out.ascii(' ');
  const t = scalarText(v);
  if (t !== undefined) out.write(t);
  else writeScalar(out, String(v), indent + 2, false);
}

function endLine(out: Out): void {
  if (out.buf[out.buf.length - 1] === '\u0000') {
    out.buf.pop();
    return;
  }
  out.buf.push('\n');
  out.column = 0;
}

function emitMapBody(out: Out, m: Record<string, unknown>, keys: string[], indent: number): void {
  const sorted = goSortKeys(keys);
  for (const [i, k] of sorted.entries()) {
    if (i > 0) {
      endLine(out);
      out.ascii(spaces(indent));
    }
    writeScalar(out, k, indent, true);
    out.ascii(':');
    const v = m[k];
    if (Array.isArray(v) && v.length > 0) {
      endLine(out);
      out.ascii(spaces(indent));
      emitSeqItems(out, v, indent);
    } else emitNode(out, v, indent);
  }
}

function emitSeq(out: Out, items: unknown[], indent: number): void {
  // A sequence as a sequence item or at top level: "- - a".
  out.write(' ');
  emitSeqItems(out, items, indent + 2, true);
}

function emitSeqItems(out: Out, items: unknown[], indent: number, inline = false): void {
  for (const [i, item] of items.entries()) {
    if (i > 0 || !inline) {
      if (i > 0) {
        endLine(out);
        out.ascii(spaces(indent));
      }
    }
    out.ascii('-');
    if (isMap(item)) {
      const keys = Object.keys(item).filter((k) => item[k] !== undefined);
      if (keys.length === 0) out.write(' {}');
      else {
        out.write(' ');
        emitMapBody(out, item, keys, indent + 2);
      }
    } else if (Array.isArray(item)) {
      if (item.length === 0) out.write(' []');
      else emitSeq(out, item, indent);
    } else emitNode(out, item, indent);
  }
}

/** The YAML text of a JSON-like value, as sigs.k8s.io/yaml.Marshal prints it. */
export function goYamlMarshal(v: unknown): string {
  const out = new Out();
  if (isMap(v)) {
    const keys = Object.keys(v).filter((k) => v[k] !== undefined);
    if (keys.length === 0) return '{}\n';
    emitMapBody(out, v, keys, 0);
  } else if (Array.isArray(v)) {
    if (v.length === 0) return '[]\n';
    emitSeqItems(out, v, 0);
  } else {
    const t = scalarText(v);
    if (t !== undefined) out.write(t);
    else writeScalar(out, String(v), 0, false);
  }
  endLine(out);
  return out.buf.join('');
}
