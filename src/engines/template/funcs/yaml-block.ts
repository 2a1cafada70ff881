// A line-at-a-time reader for the block YAML that charts render: mappings, sequences, plain and
// quoted one-line scalars, `|`/`|-` literal blocks, one-line flow collections (yaml-block-scalar.ts).
//
// Why: a command runs once, so its code runs cold, and js-yaml walks every character through
// interpreted JavaScript (~30 ms for the ~150 KB manifest generate parses). Here the per-character work
// happens in native string methods (split, indexOf, regular expressions) and the JavaScript runs per line.
//
// It reads the same values js-yaml's core schema does, or gives up: anything it doesn't recognise with
// certainty (anchors, tags, folded or kept blocks, multi-line flow or quoted scalars, numbers other
// than plain decimals, duplicate keys, tabs outside literal blocks...) returns undefined, and the caller
// uses its full reader, which also owns every error message.
import { GIVE_UP, inlineScalar, NOT_STRING_KEY, PLAIN_KEY, quoted } from './yaml-block-scalar.js';

/** Characters js-yaml rejects, a BOM, and line ends other than \n: left to the full reader. */
const UNUSUAL = /[\x00-\x08\x0b-\x1f\x7f\ufeff\u0085\u2028\u2029]/;

const NOT_SPACE = /[^ ]/;
/** A key that is a name (PLAIN_KEY), its colon and the space after it, matched at a line's indentation. */
const NAME_KEY = /([A-Za-z_][A-Za-z0-9_./-]*):(?: |$)/y;

const indentations = new Map<number, RegExp>();
/** Up to n spaces at the start of every line: a block's indentation, or all of a shorter blank line. */
function indentation(n: number): RegExp {
  let re = indentations.get(n);
  if (!re) {
    re = new RegExp(`^ {1,${n}}`, 'gm');
    indentations.set(n, re);
  }
  return re;
}

class Reader {
  i = 0;
  constructor(readonly lines: string[]) {}

  /** The line next() found last, and its indentation. */
  private found = -1;
  private foundIndent = 0;

  /** Index of the next line with content (not blank, not a comment), or lines.length. */
  next(): number {
    const { lines } = this;
    while (this.i < lines.length) {
      const l = lines[this.i]!;
      const at = l.search(NOT_SPACE);
      if (at >= 0 && l.charCodeAt(at) !== 35) {
        if (l.includes('\t')) throw GIVE_UP;
        this.found = this.i;
        this.foundIndent = at;
        return this.i;
      }
      this.i++;
    }
    return this.i;
  }

  /** Leading spaces (YAML indentation is spaces only). */
  indentOf(k: number): number {
    if (k === this.found) return this.foundIndent;
    const l = this.lines[k]!;
    let n = 0;
    while (l.charCodeAt(n) === 32) n++;
    return n;
  }

  /** The node that belongs to a key or item whose own line had indentation `parent`. */
  nested(parent: number, allowIndentlessSeq: boolean): unknown {
    const k = this.next();
    if (k === this.lines.length) return null;
    const ind = this.indentOf(k);
    const content = this.lines[k]!.slice(ind);
    const isItem = content === '-' || content.startsWith('- ');
    if (ind > parent) return isItem ? this.sequence(ind) : this.mapping(ind);
    if (ind === parent && isItem && allowIndentlessSeq) return this.sequence(ind);
    return null;
  }

  /** The next content line of a block at indentation `ind`; undefined where the block ends. */
  entry(ind: number): number | undefined {
    const k = this.next();
    if (k === this.lines.length) return undefined;
    const own = this.indentOf(k);
    if (own < ind) return undefined;
    if (own > ind) throw GIVE_UP;
    return k;
  }

  mapping(ind: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (;;) {
      const k = this.entry(ind);
      if (k === undefined) return out;
      const line = this.lines[k]!;
      let key: string;
      let rest: string;
      // The common "name: value" in one native match; anything else through splitKey.
      NAME_KEY.lastIndex = ind;
      const m = NAME_KEY.exec(line);
      if (m && !NOT_STRING_KEY.has(m[1]!)) {
        key = m[1]!;
        rest = line.slice(NAME_KEY.lastIndex);
        if (rest.charCodeAt(0) === 32) rest = rest.trimStart();
      } else {
        const content = line.slice(ind);
        if (content === '-' || content.startsWith('- ')) return out;
        ({ key, rest } = splitKey(content));
      }
      if (Object.hasOwn(out, key) || key === '__proto__') throw GIVE_UP;
      this.i = k + 1;
      out[key] = this.value(rest, ind, true);
    }
  }

  sequence(ind: number): unknown[] {
    const out: unknown[] = [];
    for (;;) {
      const k = this.entry(ind);
      if (k === undefined) return out;
      const line = this.lines[k]!;
      const content = line.slice(ind);
      if (content !== '-' && !content.startsWith('- ')) return out;
      const after = content.slice(1).trimStart();
      const col = line.length - after.length;
      if (
        after !== '' &&
        after[0] !== '#' &&
        (after === '-' || after.startsWith('- ') || isMappingEntry(after))
      ) {
        // "- key: v" or "- - v": the item is a block node starting at the item's column.
        this.lines[k] = ' '.repeat(col) + after;
        out.push(after[0] === '-' ? this.sequence(col) : this.mapping(col));
      } else {
        this.i = k + 1;
        out.push(this.value(after, ind, false));
      }
    }
  }

  /** The value after "key:" or "-" (text `rest`, comments included) on a line of indentation `ind`. */
  value(rest: string, ind: number, inMapping: boolean): unknown {
    if (rest === '' || rest[0] === '#') return this.nested(ind, inMapping);
    if (rest[0] === '|') return this.literal(rest, ind);
    return inlineScalar(rest);
  }

  literal(header: string, parent: number): string {
    const strip = header.startsWith('|-');
    const tail = header.slice(strip ? 2 : 1).trimStart();
    if (tail !== '' && tail[0] !== '#') throw GIVE_UP;
    const { lines } = this;
    let k = this.i;
    // Leading blank lines have their own indentation rules: left to the full reader.
    if (k < lines.length && lines[k]!.trim() === '') throw GIVE_UP;
    if (k === lines.length || this.indentOf(k) <= parent) return '';
    const m = this.indentOf(k);
    // The block runs while lines carry its indentation or are blank; per line only a native prefix
    // test, then one regular expression takes the indentation off every line at once.
    const prefix = ' '.repeat(m);
    const first = k;
    for (; k < lines.length; k++) {
      const l = lines[k]!;
      if (l.startsWith(prefix)) continue;
      if (l.trim() !== '') break;
      if (l.includes('\t')) throw GIVE_UP;
    }
    this.i = k;
    let text = lines.slice(first, k).join('\n').replace(indentation(m), '');
    // Clip keeps one line break after the last content line, strip none; trailing empty lines go
    // (spaces past the indentation on a blank line are content).
    let end = text.length;
    while (end > 0 && text.charCodeAt(end - 1) === 10) end--;
    text = text.slice(0, end);
    return strip ? text : `${text}\n`;
  }
}

/** "key: rest" or "key:" → the key and the text after ": " (trimmed at the start). */
function splitKey(content: string): { key: string; rest: string } {
  let key: string;
  let after: number;
  if (content[0] === '"' || content[0] === "'") {
    const q = quoted(content);
    if (typeof q.value !== 'string' || content[q.end] !== ':') throw GIVE_UP;
    key = q.value;
    after = q.end + 1;
  } else {
    const c = content.indexOf(':');
    if (c < 0) throw GIVE_UP;
    key = content.slice(0, c);
    if (!PLAIN_KEY.test(key) || NOT_STRING_KEY.has(key)) throw GIVE_UP;
    after = c + 1;
  }
  if (after < content.length && content[after] !== ' ') throw GIVE_UP;
  return { key, rest: content.slice(after).trimStart() };
}

function isMappingEntry(s: string): boolean {
  // A flow collection is a value; one used as a key ("{a: 1}: b") fails later, in inlineScalar.
  if (s[0] === '[' || s[0] === '{') return false;
  if (s[0] === '"' || s[0] === "'") {
    try {
      const q = quoted(s);
      return s[q.end] === ':';
    } catch {
      throw GIVE_UP;
    }
  }
  const c = s.indexOf(': ');
  return (c > 0 && !s.slice(0, c).includes(' #')) || (s.endsWith(':') && !s.includes(' #'));
}

/**
 * The value of one YAML document holding a block mapping or sequence, as js-yaml's core schema reads
 * it; undefined when the text uses anything this reader leaves to a full YAML reader.
 */
export function readBlockYaml(text: string): { value: unknown } | undefined {
  if (UNUSUAL.test(text)) return undefined;
  const r = new Reader(text.split('\n'));
  try {
    const k = r.next();
    if (k === r.lines.length) return undefined;
    const ind = r.indentOf(k);
    const first = r.lines[k]!.slice(ind);
    if (first.startsWith('---') || first.startsWith('%')) return undefined;
    const isSeq = first === '-' || first.startsWith('- ');
    if (!isSeq && !isMappingEntry(first)) return undefined;
    const value = isSeq ? r.sequence(ind) : r.mapping(ind);
    // Anything left over (less indented than the first line, or a second document) is not ours.
    return r.next() === r.lines.length ? { value } : undefined;
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}
