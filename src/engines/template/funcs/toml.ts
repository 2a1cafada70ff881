// A TOML reader for Helm's fromToml (BurntSushi/toml into map[string]interface{}): tables, arrays of
// tables, dotted keys, inline tables and arrays; integers become int64, floats float64.
import { Typed } from '../values.js';

type Table = Record<string, unknown>;

export function parseToml(text: string): Table {
  const root: Table = {};
  let current = root;
  let i = 0;
  let line = 1;
  const fail = (msg: string): never => {
    throw new Error(`toml: line ${line}: ${msg}`);
  };
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  };
  const skipBlank = () => {
    for (;;) {
      ws();
      if (text[i] === '#') while (i < text.length && text[i] !== '\n') i++;
      if (text[i] === '\n' || text[i] === '\r') {
        if (text[i] === '\n') line++;
        i++;
        continue;
      }
      break;
    }
  };
  const key = (): string[] => {
    const parts: string[] = [];
    for (;;) {
      ws();
      if (text[i] === '"' || text[i] === "'") parts.push(str());
      else {
        const m = /^[A-Za-z0-9_-]+/.exec(text.slice(i));
        if (!m) fail(`expected a key, found ${JSON.stringify(text[i] ?? 'EOF')}`);
        parts.push(m![0]);
        i += m![0].length;
      }
      ws();
      if (text[i] !== '.') return parts;
      i++;
    }
  };
  const str = (): string => {
    const q = text[i]!;
    const multi = text.startsWith(q.repeat(3), i);
    if (multi) {
      i += 3;
      if (text[i] === '\n') i++;
      const end = text.indexOf(q.repeat(3), i);
      if (end < 0) fail('unterminated string');
      const raw = text.slice(i, end);
      i = end + 3;
      return q === "'" ? raw : unescapeToml(raw.replace(/\\\r?\n\s*/g, ''));
    }
    i++;
    let out = '';
    while (i < text.length && text[i] !== q) {
      if (text[i] === '\n') fail('unterminated string');
      if (q === '"' && text[i] === '\\') {
        out += text.slice(i, i + 2);
        i += 2;
        if (out.endsWith('\\u')) {
          out += text.slice(i, i + 4);
          i += 4;
        }
        continue;
      }
      out += text[i++];
    }
    i++;
    return q === "'" ? out : unescapeToml(out);
  };
  const value = (): unknown => {
    ws();
    const c = text[i];
    if (c === '"' || c === "'") return str();
    if (c === '[') {
      i++;
      const arr: unknown[] = [];
      for (;;) {
        skipBlank();
        if (text[i] === ']') {
          i++;
          return arr;
        }
        arr.push(value());
        skipBlank();
        if (text[i] === ',') i++;
      }
    }
    if (c === '{') {
      i++;
      const t: Table = {};
      for (;;) {
        ws();
        if (text[i] === '}') {
          i++;
          return t;
        }
        const k = key();
        if (text[i] !== '=') fail('expected =');
        i++;
        setPath(t, k, value());
        ws();
        if (text[i] === ',') i++;
      }
    }
    const m = /^[^\s,\]}#]+/.exec(text.slice(i));
    if (!m) fail('expected a value');
    const tok = m![0];
    i += tok.length;
    if (tok === 'true' || tok === 'false') return tok === 'true';
    if (/^[+-]?(0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+|\d[\d_]*)$/.test(tok)) {
      const t = tok.replace(/_/g, '');
      const neg = t.startsWith('-');
      const body = t.replace(/^[+-]/, '');
      const n = BigInt(body);
      return new Typed('int64', neg ? -n : n);
    }
    if (/^[+-]?(inf|nan)$/.test(tok))
      return tok.endsWith('nan') ? Number.NaN : tok.startsWith('-') ? -Infinity : Infinity;
    if (/^[+-]?\d[\d_]*(\.\d[\d_]*)?([eE][+-]?\d+)?$/.test(tok)) return Number(tok.replace(/_/g, ''));
    if (/^\d{4}-\d{2}-\d{2}/.test(tok)) return tok;
    return fail(`invalid value ${JSON.stringify(tok)}`);
  };
  const setPath = (t: Table, path: string[], v: unknown) => {
    let cur = t;
    for (const p of path.slice(0, -1)) {
      if (cur[p] === undefined) cur[p] = {};
      cur = cur[p] as Table;
    }
    const last = path[path.length - 1]!;
    if (last in cur) fail(`key ${JSON.stringify(path.join('.'))} has already been defined`);
    cur[last] = v;
  };
  for (;;) {
    skipBlank();
    if (i >= text.length) break;
    if (text[i] === '[') {
      const arrayTable = text[i + 1] === '[';
      i += arrayTable ? 2 : 1;
      const path = key();
      i += arrayTable ? 2 : 1;
      let cur = root;
      for (const p of path.slice(0, -1)) {
        if (cur[p] === undefined) cur[p] = {};
        const x = cur[p];
        cur = (Array.isArray(x) ? x[x.length - 1] : x) as Table;
      }
      const last = path[path.length - 1]!;
      if (arrayTable) {
        if (cur[last] === undefined) cur[last] = [];
        const t: Table = {};
        (cur[last] as Table[]).push(t);
        current = t;
      } else {
        if (cur[last] === undefined) cur[last] = {};
        current = cur[last] as Table;
      }
      continue;
    }
    const k = key();
    if (text[i] !== '=') fail(`expected = after key ${JSON.stringify(k.join('.'))}`);
    i++;
    setPath(current, k, value());
  }
  return root;
}

function unescapeToml(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_m, e: string) => {
    if (e.length > 1) return String.fromCodePoint(Number.parseInt(e.slice(1), 16));
    return (
      ({ b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' } as Record<string, string>)[e] ??
      e
    );
  });
}
