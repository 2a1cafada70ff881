// One scalar as goyaml.v2's emitter writes it (the writer behind sigs.k8s.io/yaml): the choice
// between plain, single-quoted, double-quoted and literal style, and folding at spaces once the
// column passes 80. Written with regular expressions and whole-line slices rather than a loop per
// character, because manifests carry long texts (the injector's ~80 KB template among them).
//
// goyaml counts columns in characters and calls a character printable only inside the Basic
// Multilingual Plane (its is_printable looks at UTF-8 lead bytes up to 0xEF): astral characters
// and lone surrogates are "special" and only ever appear escaped in double quotes. So every text
// written unescaped here is BMP-only, and its column width is its length in UTF-16 units.

import { isBase60Float, resolvesNonString } from './go-yaml-resolve.js';

const BEST_WIDTH = 80;

// The character classes of goyaml's emitter (yamlprivateh.go), as regular expressions.
/** Not is_printable: anything but \n, printable ASCII and the BMP from U+00A0 (no surrogates, BOM, U+FFFE/F). */
const SPECIAL = /[^\n\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd]/;
const BREAK = /[\n\r\x85\u2028\u2029]/;
const BREAK_SPACE = /[\n\r\x85\u2028\u2029] /;
const SPACE_BREAK = / [\n\r\x85\u2028\u2029]/;
const isBreakCode = (c: number) => c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;
/** Indicators that keep a text out of plain style in block context (flow indicators do not matter there). */
const BLOCK_INDICATOR =
  /^(?:---|\.\.\.|[#,[\]{}&*!|>'"%@`]|[?-](?:[ \t\n\r\x85\u2028\u2029\0]|$))|:(?:[ \t\n\r\x85\u2028\u2029\0]|$)|[ \t\n\r\x85\u2028\u2029\0]#/;

type Style = 'plain' | 'single' | 'double' | 'literal';

/** Text with no indicator, space or special character anywhere: plain unless it reads as non-string. */
const SAFE_PLAIN = /^[A-Za-z0-9][A-Za-z0-9_./=+-]*$/;

/** Styles of texts seen before (a stream repeats the template's texts for every pod). */
const styleCache = [new Map<string, Style>(), new Map<string, Style>()];

function chooseStyle(s: string, simpleKey: boolean): Style {
  // Without ":" no base 60 float either.
  if (SAFE_PLAIN.test(s)) return resolvesNonString(s) ? 'double' : 'plain';
  const cache = styleCache[simpleKey ? 1 : 0]!;
  let style = cache.get(s);
  if (style === undefined) {
    style = analyzeStyle(s, simpleKey);
    if (s.length <= 256 && cache.size < 20_000) cache.set(s, style);
  }
  return style;
}

/**
 * goyaml's encoder asks for literal style when the text has a "\n", else plain unless it would read
 * back as another type, else double quotes; the emitter then falls back by what its scalar analysis
 * allows (yaml_emitter_analyze_scalar, yaml_emitter_select_scalar_style), in block context.
 */
function analyzeStyle(s: string, simpleKey: boolean): Style {
  if (s.includes('\n')) {
    if (simpleKey) return 'double';
    // block_allowed: no trailing space, no space before a break, nothing special.
    return s.endsWith(' ') || SPACE_BREAK.test(s) || SPECIAL.test(s) ? 'double' : 'literal';
  }
  if (resolvesNonString(s) || isBase60Float(s)) return 'double';
  const special = SPECIAL.test(s);
  const lineBreaks = BREAK.test(s);
  // A multiline simple key is double-quoted whatever else holds.
  if (simpleKey && lineBreaks) return 'double';
  const spaceBreak = lineBreaks && SPACE_BREAK.test(s);
  const breakSpace = lineBreaks && BREAK_SPACE.test(s);
  const first = s.charCodeAt(0);
  const blockPlain =
    !special &&
    !lineBreaks &&
    first !== 0x20 &&
    !s.endsWith(' ') &&
    !BLOCK_INDICATOR.test(s) &&
    !(s.length === 0 && simpleKey);
  if (blockPlain) return 'plain';
  // single_quoted_allowed: no break next to a space, nothing special.
  return special || spaceBreak || breakSpace ? 'double' : 'single';
}

/** The output of one document, with the column of its cursor (goyaml's emitter.column). */
export class Out {
  buf: string[] = [];
  column = 0;
  /** BMP text; the column moves by its length, or restarts after its last line break. */
  write(s: string): void {
    this.buf.push(s);
    const nl = s.lastIndexOf('\n');
    this.column = nl >= 0 ? s.length - nl - 1 : this.column + s.length;
  }
  indent(n: number): void {
    this.buf.push(`\n${spaces(n)}`);
    this.column = n;
  }
}

const SPACES = Array.from({ length: 64 }, (_, i) => ' '.repeat(i));
export const spaces = (n: number) => SPACES[n] ?? ' '.repeat(n);

/** goyaml's short escapes, by the character they stand for. */
const NAMED_ESCAPES = new Map([
  ['\0', '\\0'],
  ['\x07', '\\a'],
  ['\b', '\\b'],
  ['\t', '\\t'],
  ['\n', '\\n'],
  ['\v', '\\v'],
  ['\f', '\\f'],
  ['\r', '\\r'],
  ['\x1b', '\\e'],
  ['"', '\\"'],
  ['\\', '\\\\'],
  ['\x85', '\\N'],
  ['\xa0', '\\_'],
  ['\u2028', '\\L'],
  ['\u2029', '\\P'],
]);

/** One character (a code point, or a lone surrogate) as goyaml escapes it in double quotes. */
function escapeDouble(c: string): string {
  const named = NAMED_ESCAPES.get(c);
  if (named !== undefined) return named;
  const cp = c.codePointAt(0)!;
  const hex = cp.toString(16).toUpperCase();
  if (cp <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  if (cp <= 0xffff) return `\\u${hex.padStart(4, '0')}`;
  return `\\U${hex.padStart(8, '0')}`;
}

/** Printable ASCII: written in one piece when it cannot fold. */
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

// What each flow style must look at character by character: spaces (where a line may fold),
// and what it writes differently from the text itself.
const PLAIN_STOPS = / /g;
const SINGLE_STOPS = /[ '\u2028\u2029]/g;
/** Everything double quotes do not copy as is: space, quote, backslash, breaks, BOM, non-printables. */
const DOUBLE_STOPS =
  /[\ud800-\udbff][\udc00-\udfff]|[^\x21\x23-\x5b\x5d-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]/g;
/**
 * goyaml's is_bom looks at the text's first character whatever position it is asked about, so a text
 * that starts with a BOM has every character escaped (spaces too, hence never folded).
 */
const EVERY_CHAR = /[\ud800-\udbff][\udc00-\udfff]|[\s\S]/g;

/** Value texts written in one piece (printable ASCII, nothing to escape), by text: manifests repeat them. */
const wholeTexts = new Map<string, string>();

/** The scalar's text when it is printable ASCII with nothing to escape (then only folding can change it). */
function wholeText(s: string, style: Style): string | undefined {
  if (style === 'literal' || !PLAIN_ASCII.test(s)) return undefined;
  if (style === 'plain') return s;
  if (style === 'single') return `'${s.includes("'") ? s.replace(/'/g, "''") : s}'`;
  return s.includes('"') || s.includes('\\') ? undefined : `"${s}"`;
}

export function writeScalar(out: Out, s: string, indent: number, simpleKey: boolean): void {
  let style: Style | undefined;
  let whole = simpleKey ? undefined : wholeTexts.get(s);
  if (whole === undefined) {
    style = chooseStyle(s, simpleKey);
    whole = wholeText(s, style);
    if (whole !== undefined && !simpleKey && s.length <= 256 && wholeTexts.size < 20_000)
      wholeTexts.set(s, whole);
  }
  // Folding happens only at a space past BEST_WIDTH: text that ends before it goes out whole.
  if (whole !== undefined && (simpleKey || out.column + whole.length <= BEST_WIDTH)) {
    out.buf.push(whole);
    out.column += whole.length;
    return;
  }
  style ??= chooseStyle(s, simpleKey);
  if (style === 'literal') writeLiteral(out, s, indent);
  else writeFlow(out, s, indent, !simpleKey, style);
}

/**
 * Plain, single- or double-quoted text (yaml_emitter_write_{plain,single_quoted,double_quoted}_scalar):
 * runs between stops go out as they are; at a space past column 80 the line folds (under the
 * style's conditions); quotes, escapes and breaks are written as goyaml writes them.
 */
function writeFlow(out: Out, s: string, indent: number, allowBreaks: boolean, style: Style): void {
  const escapeAll = style === 'double' && s.charCodeAt(0) === 0xfeff;
  const stops =
    style === 'plain'
      ? PLAIN_STOPS
      : style === 'single'
        ? SINGLE_STOPS
        : escapeAll
          ? EVERY_CHAR
          : DOUBLE_STOPS;
  const quote = style === 'single' ? "'" : style === 'double' ? '"' : '';
  const buf = out.buf;
  let col = out.column;
  if (quote) {
    buf.push(quote);
    col++;
  }
  const last = s.length - 1;
  let from = 0;
  let afterSpace = false;
  let afterBreak = false;
  stops.lastIndex = 0;
  for (let m = stops.exec(s); m !== null; m = stops.exec(s)) {
    const i = m.index;
    if (i > from) {
      if (afterBreak) {
        buf.push(spaces(indent));
        col = indent;
        afterBreak = false;
      }
      buf.push(s.slice(from, i));
      col += i - from;
      afterSpace = false;
    }
    from = stops.lastIndex;
    const c = m[0];
    if (c === ' ' && !escapeAll) {
      const next = s.charCodeAt(i + 1);
      const fold =
        allowBreaks &&
        !afterSpace &&
        col > BEST_WIDTH &&
        (style === 'plain'
          ? next !== 0x20
          : style === 'single'
            ? i > 0 && i < last && next !== 0x20
            : i > 0 && i < last);
      if (fold) {
        buf.push(`\n${spaces(indent)}`);
        col = indent;
        if (style === 'double' && next === 0x20) {
          buf.push('\\');
          col++;
        }
      } else {
        buf.push(' ');
        col++;
      }
      afterSpace = true;
    } else if (style === 'single' && c !== "'") {
      // A line break inside single quotes: written as is, the next text indented.
      buf.push(c);
      col = 0;
      afterBreak = true;
    } else {
      if (afterBreak) {
        buf.push(spaces(indent));
        col = indent;
        afterBreak = false;
      }
      const e = style === 'single' ? "''" : escapeDouble(c);
      buf.push(e);
      col += e.length;
      afterSpace = false;
    }
  }
  if (from <= last) {
    if (afterBreak) {
      buf.push(spaces(indent));
      col = indent;
    }
    buf.push(from === 0 ? s : s.slice(from));
    col += s.length - from;
  }
  if (quote) {
    buf.push(quote);
    col++;
  }
  out.column = col;
}

const OTHER_BREAK = /[\r\x85\u2028\u2029]/;
/** A "\n" that starts a line with something on it. */
const LINE_START = /\n(?=[^\n])/g;

/** A literal block (yaml_emitter_write_literal_scalar): each line indented, breaks kept as they are. */
function writeLiteral(out: Out, s: string, indent: number): void {
  let hint = '|';
  const first = s.charCodeAt(0);
  if (first === 0x20 || isBreakCode(first)) hint += '2';
  if (!isBreakCode(s.charCodeAt(s.length - 1))) hint += '-';
  else if (s.length === 1 || isBreakCode(s.charCodeAt(s.length - 2))) hint += '+';
  const pad = spaces(indent);
  let text = `${hint}\n`;
  if (!OTHER_BREAK.test(s)) {
    // Only "\n" breaks: one native replace indents every line that is not empty.
    text += (s.charCodeAt(0) === 0x0a ? '' : pad) + s.replace(LINE_START, `\n${pad}`);
  } else {
    // Split with the breaks captured: even indices are lines, odd ones the break that ended them.
    const parts = s.split(/([\n\r\x85\u2028\u2029])/);
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      text += i % 2 === 1 || p === '' ? p : pad + p;
    }
  }
  if (!isBreakCode(s.charCodeAt(s.length - 1))) text += '\n';
  out.buf.push(text);
  out.column = 0;
  // The emitter ends a block scalar at the start of a fresh line already.
  out.buf.push('\u0000');
}
