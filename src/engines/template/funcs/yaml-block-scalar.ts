// Scalars and one-line flow collections for the block YAML reader (yaml-block.ts): quoted scalars that
// close on their line, plain scalars as js-yaml's core schema resolves them, and flow collections of
// those. Everything else throws GIVE_UP, and the caller hands the document to a full YAML reader.

export const GIVE_UP = Symbol('give up');

/** Keys we read ourselves: names that resolve to themselves as strings under every schema. */
export const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
export const NOT_STRING_KEY = new Set([
  'true',
  'True',
  'TRUE',
  'false',
  'False',
  'FALSE',
  'null',
  'Null',
  'NULL',
]);
/** Everything js-yaml's core schema could read as an int or a float (a superset). */
const NUMBER_LIKE =
  /^(?:[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|0o[0-7_]+|[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9_]+(?:[eE][-+]?[0-9]+)?|\.(?:inf|Inf|INF))|\.(?:nan|NaN|NAN))$/;
const DECIMAL = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;
/** First characters a plain scalar cannot start with, or that start something we don't read. */
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`]/;

/** A quoted scalar at the start of `s` that closes on the same line: its value and where it ends. */
export function quoted(s: string): { value: string; end: number } {
  if (s[0] === "'") {
    let j = 1;
    for (;;) {
      const q = s.indexOf("'", j);
      if (q < 0) throw GIVE_UP;
      if (s[q + 1] === "'") {
        j = q + 2;
        continue;
      }
      return { value: s.slice(1, q).replaceAll("''", "'"), end: q + 1 };
    }
  }
  let j = 1;
  for (;;) {
    const q = s.indexOf('"', j);
    if (q < 0) throw GIVE_UP;
    let bs = 0;
    while (s[q - 1 - bs] === '\\') bs++;
    if (bs % 2 === 1) {
      j = q + 1;
      continue;
    }
    const body = s.slice(1, q);
    if (!body.includes('\\')) return { value: body, end: q + 1 };
    // JSON's escapes mean the same in YAML; YAML's others (\x, \0, \N, "\ "...) are left to js-yaml.
    if (/\\[^"\\/bfnrtu]/.test(body)) throw GIVE_UP;
    try {
      return { value: JSON.parse(`"${body}"`) as string, end: q + 1 };
    } catch {
      throw GIVE_UP;
    }
  }
}

/** The value of a scalar or flow collection that fills the rest of a line (a comment may follow). */
export function inlineScalar(rest: string): unknown {
  const c = rest[0]!;
  if (c === '"' || c === "'") {
    const q = quoted(rest);
    const tail = rest.slice(q.end).trimStart();
    if (tail !== '' && tail[0] !== '#') throw GIVE_UP;
    return q.value;
  }
  if (c === '[' || c === '{') {
    const f = flowNode(rest, 0);
    const tail = rest.slice(f.end).trimStart();
    if (tail !== '' && tail[0] !== '#') throw GIVE_UP;
    return f.value;
  }
  if (startsIndicator(rest)) throw GIVE_UP;
  const hash = rest.indexOf(' #');
  const text = (hash < 0 ? rest : rest.slice(0, hash)).trimEnd();
  if (text.includes(': ') || text.endsWith(':')) throw GIVE_UP;
  return plainValue(text);
}

/** A plain scalar may start with "-" when a non-space follows ("--flag"); other indicators we leave. */
const startsIndicator = (s: string) => INDICATOR.test(s) && !(s[0] === '-' && s.length > 1 && s[1] !== ' ');

/** Plain scalars inside flow collections end at these (and at ": "). */
const FLOW_PLAIN_END = /[,[\]{}]|: |:$|:(?=[,\]}])| #/;

/**
 * A one-line flow collection of scalars and flow collections starting at s[i]: its value and end.
 * Keys must be names or quoted; "[a: b]" pairs, empty entries, trailing commas and duplicate keys
 * are left to the full reader.
 */
function flowNode(s: string, i: number): { value: unknown; end: number } {
  const skip = (j: number) => {
    while (s[j] === ' ') j++;
    return j;
  };
  const open = s[i];
  if (open === '[' || open === '{') {
    const close = open === '[' ? ']' : '}';
    const list: unknown[] = [];
    const map: Record<string, unknown> = {};
    let j = skip(i + 1);
    if (s[j] === close) return { value: open === '[' ? list : map, end: j + 1 };
    for (;;) {
      if (open === '[') {
        const item = flowNode(s, j);
        j = skip(item.end);
        if (s[j] === ':') throw GIVE_UP;
        list.push(item.value);
      } else {
        let key: string;
        if (s[j] === '"' || s[j] === "'") {
          const q = quoted(s.slice(j));
          key = q.value;
          j += q.end;
        } else {
          const m = /^[A-Za-z_][A-Za-z0-9_./-]*/.exec(s.slice(j));
          if (!m || NOT_STRING_KEY.has(m[0])) throw GIVE_UP;
          key = m[0];
          j += key.length;
        }
        if (s[j] !== ':' || s[j + 1] !== ' ' || Object.hasOwn(map, key) || key === '__proto__') throw GIVE_UP;
        const v = flowNode(s, skip(j + 1));
        map[key] = v.value;
        j = skip(v.end);
      }
      if (s[j] === close) return { value: open === '[' ? list : map, end: j + 1 };
      if (s[j] !== ',') throw GIVE_UP;
      j = skip(j + 1);
      if (s[j] === close || s[j] === ',') throw GIVE_UP;
    }
  }
  if (open === '"' || open === "'") {
    const q = quoted(s.slice(i));
    return { value: q.value, end: i + q.end };
  }
  const rest = s.slice(i);
  if (rest === '' || startsIndicator(rest)) throw GIVE_UP;
  const m = FLOW_PLAIN_END.exec(rest);
  if (!m || m[0] === ' #' || m.index === 0) throw GIVE_UP;
  const text = rest.slice(0, m.index).trimEnd();
  return { value: plainValue(text), end: i + text.length };
}

function plainValue(s: string): unknown {
  switch (s) {
    case '~':
    case 'null':
    case 'Null':
    case 'NULL':
      return null;
    case 'true':
    case 'True':
    case 'TRUE':
      return true;
    case 'false':
    case 'False':
    case 'FALSE':
      return false;
  }
  if (!NUMBER_LIKE.test(s)) return s;
  if (!DECIMAL.test(s)) throw GIVE_UP;
  const n = Number(s);
  if ((!s.includes('.') && !Number.isSafeInteger(n)) || Object.is(n, -0)) throw GIVE_UP;
  return n;
}
