// A values tree (plain JSON-like maps and lists) with istio's path grammar:
//   a.b.c        map keys; `\.` keeps a literal dot inside a key
//   a[0].b       list index (an index past the end appends when setting)
//   a.[0].b      the same, written as its own segment
//   a.[name:x].b the list element whose field `name` equals "x"
//   a.[x]        the list element that is the scalar "x" (overlay paths)
import { IstioctlError } from '../../cli/errors.js';

export type Tree = Record<string, unknown>;

export type Segment =
  | { kind: 'key'; key: string }
  | { kind: 'index'; index: number }
  | { kind: 'match'; field: string; value: string }
  | { kind: 'value'; value: string };

export class PathError extends IstioctlError {}

export function isMap(v: unknown): v is Tree {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Splits a path on unescaped dots, then `key[expr]` into a key and a bracket segment. */
export function parsePath(path: string): Segment[] {
  const raw: string[] = [];
  let cur = '';
  let depth = 0;
  for (let i = 0; i < path.length; i++) {
    const ch = path[i]!;
    if (ch === '\\' && path[i + 1] === '.') {
      cur += '.';
      i++;
    } else if (ch === '[') {
      depth++;
      cur += ch;
    } else if (ch === ']') {
      depth = Math.max(0, depth - 1);
      cur += ch;
    } else if (ch === '.' && depth === 0) {
      raw.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  raw.push(cur);
  while (raw.length > 0 && raw[0] === '') raw.shift();
  while (raw.length > 0 && raw[raw.length - 1] === '') raw.pop();
  const out: Segment[] = [];
  for (const part of raw) {
    if (part === '') throw new PathError(`invalid path ${JSON.stringify(path)}: empty element`);
    const open = part.indexOf('[');
    if (open < 0 || !part.endsWith(']')) {
      out.push({ kind: 'key', key: part });
      continue;
    }
    if (open > 0) out.push({ kind: 'key', key: part.slice(0, open) });
    out.push(bracket(part.slice(open + 1, -1), path));
  }
  return out;
}

function bracket(expr: string, path: string): Segment {
  if (/^-?\d+$/.test(expr)) return { kind: 'index', index: Number(expr) };
  const colon = expr.indexOf(':');
  if (colon > 0) return { kind: 'match', field: expr.slice(0, colon), value: expr.slice(colon + 1) };
  if (expr === '') throw new PathError(`invalid path ${JSON.stringify(path)}: empty []`);
  return { kind: 'value', value: expr };
}

export function formatPath(segs: Segment[]): string {
  return segs
    .map((s, i) => {
      const dot = i === 0 ? '' : '.';
      if (s.kind === 'key') return dot + s.key.replaceAll('.', '\\.');
      if (s.kind === 'index') return `${dot}[${s.index}]`;
      if (s.kind === 'match') return `${dot}[${s.field}:${s.value}]`;
      return `${dot}[${s.value}]`;
    })
    .join('');
}

function findIndex(list: unknown[], seg: Segment): number {
  if (seg.kind === 'index') return seg.index;
  if (seg.kind === 'match') {
    return list.findIndex(
      (e) => isMap(e) && e[seg.field] !== undefined && scalarText(e[seg.field]) === seg.value,
    );
  }
  if (seg.kind === 'value') return list.findIndex((e) => scalarText(e) === seg.value);
  return -1;
}

function scalarText(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** The value at a path, or undefined. */
export function getPath(tree: unknown, path: string | Segment[]): unknown {
  const segs = typeof path === 'string' ? parsePath(path) : path;
  let cur: unknown = tree;
  for (const seg of segs) {
    if (seg.kind === 'key') {
      if (!isMap(cur)) return undefined;
      cur = cur[seg.key];
    } else {
      if (!Array.isArray(cur)) return undefined;
      const i = findIndex(cur, seg);
      if (i < 0 || i >= cur.length) return undefined;
      cur = cur[i];
    }
  }
  return cur;
}

/**
 * Sets a value, creating maps and lists on the way. An index past the end of a list appends;
 * a `[k:v]` selector that matches nothing is an error (there is nothing to name the new element).
 * `undefined` deletes the key or list element.
 */
export function setPath(tree: Tree, path: string | Segment[], value: unknown): void {
  const segs = typeof path === 'string' ? parsePath(path) : path;
  if (segs.length === 0) throw new PathError('cannot set an empty path');
  let cur: unknown = tree;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    const last = i === segs.length - 1;
    const next = segs[i + 1];
    const fresh = (): unknown => (next && next.kind !== 'key' ? [] : {});
    if (seg.kind === 'key') {
      if (!isMap(cur))
        throw new PathError(`cannot set ${formatPath(segs)}: ${formatPath(segs.slice(0, i))} is not a map`);
      if (last) {
        if (value === undefined) delete cur[seg.key];
        else cur[seg.key] = value;
        return;
      }
      if (!isMap(cur[seg.key]) && !Array.isArray(cur[seg.key])) cur[seg.key] = fresh();
      cur = cur[seg.key];
      continue;
    }
    if (!Array.isArray(cur))
      throw new PathError(`cannot set ${formatPath(segs)}: ${formatPath(segs.slice(0, i))} is not a list`);
    let idx = findIndex(cur, seg);
    if (idx < 0 || idx >= cur.length) {
      if (seg.kind !== 'index') throw new PathError(`element ${formatPath([seg])} not found`);
      if (value === undefined && last) return;
      cur.push(last ? value : fresh());
      idx = cur.length - 1;
      if (last) return;
    } else if (last) {
      if (value === undefined) cur.splice(idx, 1);
      else cur[idx] = value;
      return;
    }
    if (!isMap(cur[idx]) && !Array.isArray(cur[idx])) cur[idx] = fresh();
    cur = cur[idx];
  }
}

/** Deep copy of a JSON-like value. */
export function clone<T>(v: T): T {
  if (Array.isArray(v)) return v.map(clone) as T;
  if (isMap(v)) {
    const out: Tree = {};
    for (const [k, x] of Object.entries(v)) out[k] = clone(x);
    return out as T;
  }
  return v;
}

/**
 * Merges `over` into a copy of `base`: maps merge key by key, everything else (lists, scalars)
 * is replaced. A null in `over` replaces too (upstream's merge keeps an explicit null).
 */
export function mergeTrees(base: unknown, over: unknown): unknown {
  if (isMap(base) && isMap(over)) {
    const out: Tree = clone(base);
    for (const [k, v] of Object.entries(over)) out[k] = k in out ? mergeTrees(out[k], v) : clone(v);
    return out;
  }
  return clone(over);
}
