// Lexer for Go text/template, following text/template/parse/lex.go: same item kinds, same trim-marker
// rules ("{{- " needs the space), same error texts, so parse errors read like Go's.

export enum T {
  Error,
  Bool,
  Char,
  CharConstant,
  Assign,
  Declare,
  EOF,
  Field,
  Identifier,
  LeftDelim,
  LeftParen,
  Number,
  Pipe,
  RawString,
  RightDelim,
  RightParen,
  Space,
  String,
  Text,
  Variable,
  // keywords
  Block,
  Break,
  Continue,
  Dot,
  Define,
  Else,
  End,
  If,
  Nil,
  Range,
  Template,
  With,
}

export interface Item {
  typ: T;
  pos: number;
  val: string;
  line: number;
}

const KEYWORDS: Record<string, T> = {
  '.': T.Dot,
  block: T.Block,
  break: T.Break,
  continue: T.Continue,
  define: T.Define,
  else: T.Else,
  end: T.End,
  if: T.If,
  range: T.Range,
  nil: T.Nil,
  template: T.Template,
  with: T.With,
};

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const ALNUM = /[\p{L}\p{Nd}]/u;
const isAlnum = (c: string) => {
  const x = c.charCodeAt(0);
  if (x < 128) return x === 95 || (x >= 48 && x <= 57) || ((x | 32) >= 97 && (x | 32) <= 122);
  return ALNUM.test(c);
};

export function lex(input: string, left = '{{', right = '}}'): Item[] {
  const items: Item[] = [];
  let pos = 0;
  let start = 0;
  let line = 1;
  let startLine = 1;
  let parenDepth = 0;
  let insideAction = false;

  const emit = (typ: T) => {
    items.push({ typ, pos: start, val: input.slice(start, pos), line: startLine });
    start = pos;
    startLine = line;
  };
  const emitVal = (typ: T, val: string) => {
    items.push({ typ, pos: start, val, line: startLine });
    start = pos;
    startLine = line;
  };
  const ignore = () => {
    line += countNL(input, start, pos);
    start = pos;
    startLine = line;
  };
  const next = (): string => {
    if (pos >= input.length) {
      pos++;
      return '';
    }
    const c = input[pos++]!;
    if (c === '\n') line++;
    return c;
  };
  const backup = () => {
    pos--;
    if (pos < input.length && input[pos] === '\n') line--;
  };
  const peek = () => (pos < input.length ? input[pos]! : '');
  const errorf = (msg: string) => {
    items.push({ typ: T.Error, pos: start, val: msg, line: startLine });
    return true;
  };
  const atRightDelim = (): { delim: boolean; trim: boolean } => {
    if (
      input.startsWith(' -', pos) ||
      input.startsWith('\t-', pos) ||
      input.startsWith('\r-', pos) ||
      input.startsWith('\n-', pos)
    ) {
      if (input.startsWith(right, pos + 2)) return { delim: true, trim: true };
    }
    if (input.startsWith(right, pos)) return { delim: true, trim: false };
    return { delim: false, trim: false };
  };

  // returns true when lexing must stop
  const lexText = (): boolean => {
    const x = input.indexOf(left, pos);
    if (x >= 0) {
      if (x > pos) {
        line += countNL(input, pos, x);
        pos = x;
        let trimLen = 0;
        let delimEnd = pos + left.length;
        if (input.startsWith('-', delimEnd) && isSpace(input[delimEnd + 1] ?? ''))
          trimLen = rightTrimLength(input.slice(start, pos));
        pos -= trimLen;
        line -= countNL(input, pos, pos + trimLen);
        if (pos > start) emit(T.Text);
        pos += trimLen;
        line += countNL(input, pos - trimLen, pos);
        ignore();
        delimEnd = 0;
      }
      return lexLeftDelim();
    }
    pos = input.length;
    line += countNL(input, start, pos);
    if (pos > start) {
      items.push({ typ: T.Text, pos: start, val: input.slice(start, pos), line: startLine });
      start = pos;
      startLine = line;
    }
    emit(T.EOF);
    return true;
  };

  const lexLeftDelim = (): boolean => {
    pos += left.length;
    const trimSpace = input.startsWith('-', pos) && isSpace(input[pos + 1] ?? '');
    let afterMarker = 0;
    if (trimSpace) afterMarker = 2;
    if (input.startsWith('/*', pos + afterMarker)) {
      pos += afterMarker;
      ignore();
      return lexComment();
    }
    emit(T.LeftDelim);
    pos += afterMarker;
    ignore();
    parenDepth = 0;
    insideAction = true;
    return false;
  };

  const lexComment = (): boolean => {
    pos += 2;
    const x = input.indexOf('*/', pos);
    if (x < 0) return errorf('unclosed comment');
    line += countNL(input, pos, x + 2);
    pos = x + 2;
    const r = atRightDelim();
    if (!r.delim) return errorf('comment ends before closing delimiter');
    const t = items.length;
    void t;
    pos += r.trim ? 2 : 0;
    pos += right.length;
    if (r.trim) {
      const n = leftTrimLength(input.slice(pos));
      line += countNL(input, pos, pos + n);
      pos += n;
    }
    ignore();
    return false;
  };

  const lexRightDelim = (trim: boolean): boolean => {
    if (trim) {
      pos += 2;
      ignore();
    }
    pos += right.length;
    emit(T.RightDelim);
    if (trim) {
      const n = leftTrimLength(input.slice(pos));
      line += countNL(input, pos, pos + n);
      pos += n;
      ignore();
    }
    insideAction = false;
    return false;
  };

  const lexInsideAction = (): boolean => {
    const r = atRightDelim();
    if (r.delim) {
      if (parenDepth === 0) return lexRightDelim(r.trim);
      return errorf('unclosed left paren');
    }
    const c = next();
    if (c === '') return errorf('unclosed action');
    if (isSpace(c)) {
      backup();
      return lexSpace();
    }
    if (c === '=') {
      emit(T.Assign);
      return false;
    }
    if (c === ':') {
      if (next() !== '=') return errorf('expected :=');
      emit(T.Declare);
      return false;
    }
    if (c === '|') {
      emit(T.Pipe);
      return false;
    }
    if (c === '"') return lexQuote();
    if (c === '`') return lexRawQuote();
    if (c === '$') return lexVariable();
    if (c === "'") return lexChar();
    if (c === '.') {
      if (pos < input.length) {
        const r2 = input[pos]!;
        if (r2 < '0' || r2 > '9') return lexField();
      }
      backup();
      return lexNumber();
    }
    if (c === '+' || c === '-' || (c >= '0' && c <= '9')) {
      backup();
      return lexNumber();
    }
    if (isAlnum(c)) {
      backup();
      return lexIdentifier();
    }
    if (c === '(') {
      emit(T.LeftParen);
      parenDepth++;
      return false;
    }
    if (c === ')') {
      parenDepth--;
      if (parenDepth < 0) return errorf('unexpected right paren');
      emit(T.RightParen);
      return false;
    }
    if (c.charCodeAt(0) <= 0x7f && /[\x20-\x7e]/.test(c)) {
      emit(T.Char);
      return false;
    }
    return errorf(`unrecognized character in action: ${goQuoteRune(c)}`);
  };

  const lexSpace = (): boolean => {
    let numSpaces = 0;
    for (;;) {
      const c = peek();
      if (!isSpace(c)) break;
      next();
      numSpaces++;
    }
    // a trim marker "-}}" preceded by space: leave the space for atRightDelim
    if (input.startsWith('-' + right, pos) && numSpaces > 0) {
      backup();
      if (numSpaces === 1) return false;
    }
    emit(T.Space);
    return false;
  };

  const lexIdentifier = (): boolean => {
    for (;;) {
      const c = next();
      if (c !== '' && isAlnum(c)) continue;
      backup();
      const word = input.slice(start, pos);
      if (!atTerminator()) return errorf(`bad character ${goQuoteRune(input[pos] ?? '')}`);
      const kw = Object.hasOwn(KEYWORDS, word) ? KEYWORDS[word] : undefined;
      if (kw !== undefined && word !== '.') emit(kw);
      else if (word[0] === '.') emit(T.Field);
      else if (word === 'true' || word === 'false') emit(T.Bool);
      else emit(T.Identifier);
      return false;
    }
  };

  const lexFieldOrVariable = (typ: T): boolean => {
    if (atTerminator()) {
      if (typ === T.Variable) emit(T.Variable);
      else emit(T.Dot);
      return false;
    }
    for (;;) {
      const c = next();
      if (c !== '' && isAlnum(c)) continue;
      backup();
      break;
    }
    if (!atTerminator()) return errorf(`bad character ${goQuoteRune(input[pos] ?? '')}`);
    emit(typ);
    return false;
  };
  const lexField = () => lexFieldOrVariable(T.Field);
  const lexVariable = () => lexFieldOrVariable(T.Variable);

  const atTerminator = (): boolean => {
    const c = peek();
    if (c === '' || isSpace(c)) return true;
    if ('.,|:)('.includes(c)) return true;
    return input.startsWith(right, pos);
  };

  const lexChar = (): boolean => {
    for (;;) {
      let c = next();
      if (c === '\\') {
        c = next();
        if (c !== '' && c !== '\n') continue;
      }
      if (c === '' || c === '\n') return errorf('unterminated character constant');
      if (c === "'") break;
    }
    emit(T.CharConstant);
    return false;
  };

  const lexNumber = (): boolean => {
    if (!scanNumber()) return errorf(`bad number syntax: ${JSON.stringify(input.slice(start, pos))}`);
    emit(T.Number);
    return false;
  };

  const accept = (valid: string) => {
    if (pos < input.length && valid.includes(input[pos]!)) {
      pos++;
      return true;
    }
    return false;
  };
  const acceptRun = (valid: string) => {
    while (pos < input.length && valid.includes(input[pos]!)) pos++;
  };
  const scanNumber = (): boolean => {
    accept('+-');
    let digits = '0123456789_';
    if (accept('0')) {
      if (accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (accept('oO')) digits = '01234567_';
      else if (accept('bB')) digits = '01_';
    }
    acceptRun(digits);
    if (accept('.')) acceptRun(digits);
    if (digits.length === 11 && accept('eE')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    if (digits.length === 23 && accept('pP')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    accept('i');
    if (pos < input.length && isAlnum(input[pos]!)) {
      pos++;
      return false;
    }
    return true;
  };

  const lexQuote = (): boolean => {
    for (;;) {
      let c = next();
      if (c === '\\') {
        c = next();
        if (c !== '' && c !== '\n') continue;
      }
      if (c === '' || c === '\n') return errorf('unterminated quoted string');
      if (c === '"') break;
    }
    emit(T.String);
    return false;
  };

  const lexRawQuote = (): boolean => {
    const x = input.indexOf('`', pos);
    if (x < 0) return errorf('unterminated raw quoted string');
    line += countNL(input, pos, x + 1);
    pos = x + 1;
    emit(T.RawString);
    return false;
  };

  void emitVal;
  for (;;) {
    const stop = insideAction ? lexInsideAction() : lexText();
    if (stop) break;
  }
  // Line of each item = line where it starts (as Go's lexer records it).
  let ln = 1;
  let at = 0;
  for (const it of items) {
    ln += countNL(input, at, it.pos);
    at = Math.max(at, it.pos);
    it.line = ln;
  }
  return items;
}

function countNL(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to && i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

function rightTrimLength(s: string): number {
  let i = s.length;
  while (i > 0 && isSpace(s[i - 1]!)) i--;
  return s.length - i;
}

function leftTrimLength(s: string): number {
  let i = 0;
  while (i < s.length && isSpace(s[i]!)) i++;
  return i;
}

// Go's %#U: "U+0041 'A'" (the quoted form only for printable runes).
export function goQuoteRune(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) return hex;
  return `${hex} '${c}'`;
}
