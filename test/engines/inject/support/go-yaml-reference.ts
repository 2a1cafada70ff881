// A reference model for the scalar writer: goyaml.v2's emitter (emitterc.go, go.yaml.in/yaml/v2)
// transcribed one character at a time, with its column, whitespace and indention state, and none of
// the shortcuts the real writer takes (regular expressions, whole-line slices, caches). Tests compare
// the two on generated texts.
import { resolvesNonString } from '../../../../src/engines/inject/go-yaml.js';

const isBreak = (c: number) => c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;
const isBlank = (c: number | undefined) => c === 0x20 || c === 0x09;
const isBlankz = (c: number | undefined) => c === undefined || isBlank(c) || isBreak(c) || c === 0;
/** is_printable reads UTF-8 lead bytes: nothing past U+FFFF, no U+0085, no BOM, no U+FFFE/U+FFFF. */
const isPrintable = (c: number) =>
  c === 0x0a ||
  (c >= 0x20 && c <= 0x7e) ||
  (c >= 0xa0 && c <= 0xd7ff) ||
  (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff);

interface Analysis {
  multiline: boolean;
  blockPlain: boolean;
  single: boolean;
  block: boolean;
}

function analyze(cs: number[]): Analysis {
  if (cs.length === 0) return { multiline: false, blockPlain: true, single: true, block: false };
  let blockInd = false;
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
  const str = String.fromCodePoint(...cs.slice(0, 3));
  if (str === '---' || str === '...') blockInd = true;
  let precededByWs = true;
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i]!;
    const followedByWs = i + 1 >= cs.length || isBlank(cs[i + 1]);
    const ch = String.fromCodePoint(c);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockInd = true;
      if ((ch === '?' || ch === ':' || ch === '-') && followedByWs) blockInd = true;
    } else {
      if (ch === ':' && followedByWs) blockInd = true;
      if (ch === '#' && precededByWs) blockInd = true;
    }
    if (!isPrintable(c)) special = true;
    if (c === 0x20) {
      if (i === 0) leadingSpace = true;
      if (i === cs.length - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === cs.length - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    precededByWs = isBlankz(c);
  }
  const a = { multiline: lineBreaks, blockPlain: true, single: true, block: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.blockPlain = false;
  if (trailingSpace) a.block = false;
  if (breakSpace) {
    a.blockPlain = false;
    a.single = false;
  }
  if (spaceBreak || special) {
    a.blockPlain = false;
    a.single = false;
    a.block = false;
  }
  if (lineBreaks || blockInd) a.blockPlain = false;
  return a;
}

/** The escape after the backslash, as yaml_emitter_write_double_quoted_scalar's switch picks it. */
function escapeLetter(c: number): string {
  switch (c) {
    case 0x00:
      return '0';
    case 0x07:
      return 'a';
    case 0x08:
      return 'b';
    case 0x09:
      return 't';
    case 0x0a:
      return 'n';
    case 0x0b:
      return 'v';
    case 0x0c:
      return 'f';
    case 0x0d:
      return 'r';
    case 0x1b:
      return 'e';
    case 0x22:
      return '"';
    case 0x5c:
      return '\\';
    case 0x85:
      return 'N';
    case 0xa0:
      return '_';
    case 0x2028:
      return 'L';
    case 0x2029:
      return 'P';
  }
  const hex = c.toString(16).toUpperCase();
  if (c <= 0xff) return `x${hex.padStart(2, '0')}`;
  if (c <= 0xffff) return `u${hex.padStart(4, '0')}`;
  return `U${hex.padStart(8, '0')}`;
}

const base60Float = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** The emitter's state where a scalar starts: right after "key:" (value), "-" (item) or at a line start (key). */
export interface ScalarContext {
  column: number;
  /** The scalar's indentation (its parent's plus 2). */
  indent: number;
  simpleKey: boolean;
  /** True at a line start (a key); false after an indicator such as ":" or "-". */
  whitespace: boolean;
}

/** The text goyaml writes for one string scalar, and the column after it. */
export function referenceScalar(s: string, ctx: ScalarContext): { text: string; column: number } {
  const cs = Array.from(s, (c) => c.codePointAt(0)!);
  let out = '';
  let column = ctx.column;
  let whitespace = ctx.whitespace;
  let indention = ctx.whitespace;
  const indent = ctx.indent;
  const put = (t: string) => {
    out += t;
    column += t.length;
  };
  const write = (c: number) => {
    out += String.fromCodePoint(c);
    column++;
  };
  const putBreak = () => {
    out += '\n';
    column = 0;
  };
  const writeBreak = (c: number) => {
    if (c === 0x0a) putBreak();
    else {
      out += String.fromCodePoint(c);
      column = 0;
    }
  };
  const writeIndent = () => {
    if (!indention || column > indent || (column === indent && !whitespace)) putBreak();
    while (column < indent) put(' ');
    whitespace = true;
    indention = true;
  };
  const indicator = (t: string, needWs: boolean, isWs: boolean, isIndention: boolean) => {
    if (needWs && !whitespace) put(' ');
    put(t);
    whitespace = isWs;
    indention = indention && isIndention;
  };

  let style = s.includes('\n')
    ? 'literal'
    : !resolvesNonString(s) && !base60Float.test(s)
      ? 'plain'
      : 'double';
  const a = analyze(cs);
  if (ctx.simpleKey && a.multiline) style = 'double';
  if (style === 'plain' && (!a.blockPlain || (cs.length === 0 && ctx.simpleKey))) style = 'single';
  if (style === 'single' && !a.single) style = 'double';
  if (style === 'literal' && (!a.block || ctx.simpleKey)) style = 'double';
  const allowBreaks = !ctx.simpleKey;
  const n = cs.length;

  if (style === 'plain' || style === 'single') {
    if (style === 'plain') {
      if (!whitespace) put(' ');
    } else indicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < n; i++) {
      const c = cs[i]!;
      if (c === 0x20) {
        const edge = style === 'single' ? i > 0 && i < n - 1 : true;
        if (allowBreaks && !spaces && column > 80 && edge && cs[i + 1] !== 0x20) writeIndent();
        else write(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === 0x0a) putBreak();
        writeBreak(c);
        indention = true;
        breaks = true;
      } else {
        if (breaks) writeIndent();
        if (style === 'single' && c === 0x27) put("'");
        write(c);
        indention = false;
        spaces = false;
        breaks = false;
      }
    }
    if (style === 'single') indicator("'", false, false, false);
  } else if (style === 'double') {
    indicator('"', true, false, false);
    let spaces = false;
    const bom = cs[0] === 0xfeff;
    for (let i = 0; i < n; i++) {
      const c = cs[i]!;
      if (!isPrintable(c) || bom || isBreak(c) || c === 0x22 || c === 0x5c) {
        put(`\\${escapeLetter(c)}`);
        spaces = false;
      } else if (c === 0x20) {
        if (allowBreaks && !spaces && column > 80 && i > 0 && i < n - 1) {
          writeIndent();
          if (cs[i + 1] === 0x20) put('\\');
        } else write(c);
        spaces = true;
      } else {
        write(c);
        spaces = false;
      }
    }
    indicator('"', false, false, false);
  } else {
    indicator('|', true, false, false);
    if (cs[0] === 0x20 || isBreak(cs[0]!)) indicator('2', false, false, false);
    const last = cs[n - 1]!;
    if (!isBreak(last)) indicator('-', false, false, false);
    else if (n === 1 || isBreak(cs[n - 2]!)) indicator('+', false, false, false);
    putBreak();
    indention = true;
    whitespace = true;
    let breaks = true;
    for (const c of cs) {
      if (isBreak(c)) {
        writeBreak(c);
        indention = true;
        breaks = true;
      } else {
        if (breaks) writeIndent();
        write(c);
        indention = false;
        breaks = false;
      }
    }
  }
  return { text: out, column };
}
