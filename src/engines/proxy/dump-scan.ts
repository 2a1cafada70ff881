// A structural scan of config_dump bytes: finds each element of the top-level "configs" list and
// its "@type" without building any objects. Strings, nesting and truncation are checked here;
// each section's own syntax is checked when it is parsed.

export interface Span {
  type: string;
  start: number;
  end: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** Line and column (1-based) of a byte offset. */
export function positionOf(
  bytes: Uint8Array,
  offset: number,
  file: string,
): { file: string; line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, bytes.length);
  for (let i = 0; i < end; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { file, line, col: end - lineStart + 1 };
}

type Fail = (msg: string, offset?: number) => never;

class Scanner {
  pos = 0;
  constructor(
    readonly b: Uint8Array,
    readonly fail: Fail,
  ) {}

  ws(): void {
    const b = this.b;
    while (this.pos < b.length && isSpace(b[this.pos]!)) this.pos++;
  }

  eof(): never {
    return this.fail('unexpected end of JSON input (truncated?)', this.b.length);
  }

  expect(c: number, what: string): void {
    this.ws();
    if (this.pos >= this.b.length) this.eof();
    if (this.b[this.pos] !== c) this.fail(`expected ${what}`, this.pos);
    this.pos++;
  }

  /** Skips a string whose opening quote is at pos; returns its raw content bounds. */
  string(): [number, number] {
    const b = this.b;
    const start = ++this.pos;
    for (;;) {
      const i = b.indexOf(QUOTE, this.pos);
      if (i < 0) this.eof();
      let bs = 0;
      for (let j = i - 1; j >= start && b[j] === BACKSLASH; j--) bs++;
      this.pos = i + 1;
      if (bs % 2 === 0) return [start, i];
    }
  }

  /** Skips any JSON value. */
  value(): void {
    this.ws();
    const b = this.b;
    if (this.pos >= b.length) this.eof();
    const c = b[this.pos]!;
    if (c === QUOTE) {
      this.string();
      return;
    }
    if (c !== LBRACE && c !== LBRACKET) {
      const start = this.pos;
      while (this.pos < b.length) {
        const d = b[this.pos]!;
        if (d === COMMA || d === RBRACE || d === RBRACKET || isSpace(d)) break;
        this.pos++;
      }
      if (this.pos === start) this.fail('unexpected character', start);
      return;
    }
    // Containers: count nesting, skipping strings; one tight loop (this runs over every byte).
    let depth = 0;
    let i = this.pos;
    const n = b.length;
    while (i < n) {
      const d = b[i]!;
      if (d === QUOTE) {
        i++;
        while (i < n) {
          const e = b[i]!;
          if (e === BACKSLASH) i += 2;
          else if (e === QUOTE) break;
          else i++;
        }
        i++;
        continue;
      }
      if (d === LBRACE || d === LBRACKET) depth++;
      else if (d === RBRACE || d === RBRACKET) {
        depth--;
        if (depth === 0) {
          this.pos = i + 1;
          return;
        }
      }
      i++;
    }
    this.eof();
  }
}

const TYPE_AT_START = /^\s*\{\s*"@type"\s*:\s*"([^"\\]*)"/;

function typeOf(b: Uint8Array, start: number, end: number, fail: Fail): string {
  const head = Buffer.from(b.buffer, b.byteOffset + start, Math.min(end - start, 512)).toString('utf8');
  const m = TYPE_AT_START.exec(head);
  if (m) return m[1]!;
  // "@type" is not the first key: read the element to find it.
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(b.buffer, b.byteOffset + start, end - start).toString('utf8'));
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err), start);
  }
  const t = (v as Record<string, unknown> | null)?.['@type'];
  if (v === null || typeof v !== 'object' || Array.isArray(v))
    return fail('a "configs" entry is not an object', start);
  if (typeof t !== 'string') return fail('a "configs" entry has no "@type"', start);
  return t;
}

/** The typed sections of a config dump, in order. */
export function scanConfigs(bytes: Uint8Array, fail: Fail): Span[] {
  const s = new Scanner(bytes, fail);
  s.ws();
  if (s.pos >= bytes.length) fail('empty input', 0);
  if (bytes[s.pos] !== LBRACE) fail('not a JSON object', s.pos);
  s.pos++;
  const spans: Span[] = [];
  s.ws();
  if (bytes[s.pos] === RBRACE) {
    s.pos++;
  } else {
    for (;;) {
      s.ws();
      if (s.pos >= bytes.length) s.eof();
      if (bytes[s.pos] !== QUOTE) fail('expected an object key', s.pos);
      const [ks, ke] = s.string();
      const key = Buffer.from(bytes.buffer, bytes.byteOffset + ks, ke - ks).toString('utf8');
      s.expect(COLON, '":"');
      s.ws();
      if (key === 'configs') {
        if (s.pos >= bytes.length) s.eof();
        if (bytes[s.pos] === LBRACKET) {
          s.pos++;
          s.ws();
          if (bytes[s.pos] === RBRACKET) s.pos++;
          else {
            for (;;) {
              s.ws();
              const start = s.pos;
              if (start >= bytes.length) s.eof();
              if (bytes[start] !== LBRACE) fail('"configs" must be a list of objects', start);
              s.value();
              spans.push({ type: typeOf(bytes, start, s.pos, fail), start, end: s.pos });
              s.ws();
              if (s.pos >= bytes.length) s.eof();
              if (bytes[s.pos] === COMMA) {
                s.pos++;
                continue;
              }
              if (bytes[s.pos] === RBRACKET) {
                s.pos++;
                break;
              }
              fail('expected "," or "]"', s.pos);
            }
          }
        } else if (!(bytes[s.pos] === 0x6e && bytes[s.pos + 1] === 0x75)) {
          fail('"configs" must be a list of objects', s.pos);
        } else s.value();
      } else s.value();
      s.ws();
      if (s.pos >= bytes.length) s.eof();
      if (bytes[s.pos] === COMMA) {
        s.pos++;
        continue;
      }
      if (bytes[s.pos] === RBRACE) {
        s.pos++;
        break;
      }
      fail('expected "," or "}"', s.pos);
    }
  }
  s.ws();
  if (s.pos < bytes.length) fail('unexpected data after the top-level object', s.pos);
  return spans;
}
