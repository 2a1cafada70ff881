// The parse trees of one template as a flat JSON-able array and back, for the build's parse cache
// (parse-cache.ts, which says why and when they are used). Flat numbers and strings read much faster
// with JSON.parse than nested objects, and decodeTrees turns them into nodes in one pass, setting
// `tree` links as it goes; strings that are a slice of the template text at the node's position
// (most of them) are stored as their length. Changing the encoding: bump FORMAT in parse-cache.ts.
import type { CommandNode, ListNode, Node, PipeNode, Tree, VariableNode } from './nodes.js';

// Node kinds as numbers, from 1 (0 stands for a missing node, null); decodeTrees' switch spells
// the same numbers.
const CODE = new Map<string, number>(
  'text list action pipe command field variable chain identifier dot nil bool number string if range with template break continue end else'
    .split(' ')
    .map((k, i) => [k, i + 1]),
);
// How many own fields each kind has (kind, pos and tree included): a node with others cannot be
// stored faithfully, so encoding refuses it (the parser grew a field this file must learn).
const FIELDS: Record<Node['kind'], number> = {
  text: 4,
  list: 4,
  action: 5,
  pipe: 7,
  command: 4,
  field: 4,
  variable: 4,
  chain: 5,
  identifier: 4,
  dot: 3,
  nil: 3,
  bool: 4,
  number: 11,
  string: 5,
  if: 7,
  range: 7,
  with: 7,
  template: 6,
  break: 4,
  continue: 4,
  end: 3,
  else: 4,
};
// A node starts with one number: its kind's code in the low bits, its position above.
const KIND_BITS = 5;
const KIND_MASK = (1 << KIND_BITS) - 1;
const MAX_POS = 2 ** (31 - KIND_BITS);
// NumberNode flags, one bit each.
const IS_INT = 1;
const IS_FLOAT = 2;
const IS_UINT = 4;
const IS_RUNE = 8;
const IS_HEX = 16;

/**
 * The trees as one flat JSON-able array: per tree its name and parse name, then its root node in
 * pre-order, each node as its kind code and position in one number, then its fields (node lists as count then nodes;
 * bigints as decimal text; floats JSON cannot hold as text). Also the function names they call.
 */
export function encodeTrees(trees: Map<string, Tree>): { funcs: string[]; data: unknown[] } {
  const out: unknown[] = [trees.size];
  const funcs = new Set<string>();
  for (const [name, tree] of trees) {
    if (tree.name !== name) throw new Error(`parse cache: tree ${name} is named ${tree.name}`);
    const text = tree.text;
    // A string at `pos` in the template text is stored as its length.
    const sub = (s: string, pos: number) => (text.startsWith(s, pos) ? s.length : s);
    // So is a dotted name (after its leading dot for fields) that splits back into the same parts.
    const path = (parts: string[], pos: number, lead: '.' | '') => {
      const s = lead + parts.join('.');
      return text.startsWith(s, pos) && !parts.some((p) => p.includes('.')) ? s.length : parts;
    };
    // A node list: its length, then its nodes.
    const all = (ns: Node[]) => {
      out.push(ns.length);
      for (const c of ns) node(c);
    };
    const node = (n: Node | null): void => {
      if (n === null) {
        out.push(0);
        return;
      }
      if (n.tree !== tree) throw new Error(`parse cache: a node of ${name} links another tree`);
      if (Object.keys(n).length !== FIELDS[n.kind])
        throw new Error(`parse cache: ${n.kind} node fields changed; teach parse-cache.ts the new ones`);
      if (n.pos >= MAX_POS) throw new Error(`parse cache: ${name} is too long`);
      out.push(CODE.get(n.kind)! | (n.pos << KIND_BITS));
      switch (n.kind) {
        case 'text':
          out.push(sub(n.text, n.pos));
          return;
        case 'list':
          all(n.nodes);
          return;
        case 'action':
          out.push(n.line);
          node(n.pipe);
          return;
        case 'pipe':
          out.push(n.line, n.isAssign ? 1 : 0);
          all(n.decl);
          all(n.cmds);
          return;
        case 'command':
          all(n.args);
          return;
        case 'field':
          out.push(path(n.ident, n.pos, '.'));
          return;
        case 'variable':
          out.push(path(n.ident, n.pos, ''));
          return;
        case 'chain':
          node(n.node);
          out.push(path(n.field, n.pos, '.'));
          return;
        case 'identifier':
          funcs.add(n.ident);
          out.push(sub(n.ident, n.pos));
          return;
        case 'bool':
          out.push(n.value ? 1 : 0);
          return;
        case 'number': {
          const flags =
            (n.isInt ? IS_INT : 0) |
            (n.isFloat ? IS_FLOAT : 0) |
            (n.isUint ? IS_UINT : 0) |
            (n.isRune ? IS_RUNE : 0) |
            (n.isHex ? IS_HEX : 0);
          // JSON has no -0, NaN or infinities: those as text Number() reads back (String(-0) is "0").
          const float = Object.is(n.float, -0) ? '-0' : Number.isFinite(n.float) ? n.float : String(n.float);
          out.push(sub(n.text, n.pos), flags, n.int.toString(), float);
          return;
        }
        case 'string':
          out.push(sub(n.quoted, n.pos), n.text === n.quoted.slice(1, -1) ? 0 : n.text);
          return;
        case 'if':
        case 'range':
        case 'with':
          out.push(n.line);
          node(n.pipe);
          node(n.list);
          node(n.elseList);
          return;
        case 'template':
          out.push(n.line, n.name);
          node(n.pipe);
          return;
        case 'break':
        case 'continue':
        case 'else':
          out.push(n.line);
          return;
        case 'dot':
        case 'nil':
        case 'end':
          return;
      }
    };
    out.push(name, tree.parseName);
    node(tree.root);
  }
  return { funcs: [...funcs].sort(), data: out };
}

/** The trees back from encodeTrees' data, for the template text they were parsed from. */
export function decodeTrees(data: unknown[], text: string): Map<string, Tree> {
  if (!Array.isArray(data) || typeof data[0] !== 'number') throw new Error('parse cache: not trees');
  const trees = new Map<string, Tree>();
  let i = 1;
  let tree: Tree;
  // Written for a cold start (it runs once per template, mostly before any JIT): a switch on
  // small integers, reads inlined, fields in the order parse.ts creates them (same object shapes).
  // A node list: its length, then its nodes. Short ones (most) as array literals, which allocate
  // just the slots needed (pushing onto [] reserves 17).
  // A dotted name: its parts, or its length at pos (after `skip` leading characters) to split.
  const path = (pos: number, skip: number): string[] => {
    const v = data[i++] as number | string[];
    return typeof v === 'number' ? text.slice(pos + skip, pos + v).split('.') : v;
  };
  const nodes = (): Node[] => {
    const n = data[i++] as number;
    if (n === 0) return [];
    if (n === 1) return [node()!];
    if (n === 2) return [node()!, node()!];
    const list = [node()!, node()!, node()!];
    for (let k = 3; k < n; k++) list.push(node()!);
    return list;
  };
  const node = (): Node | null => {
    const head = data[i++] as number;
    if (head === 0) return null;
    const code = head & KIND_MASK;
    const pos = head >>> KIND_BITS;
    switch (code) {
      case 1: {
        const s = data[i++] as string | number;
        return { kind: 'text', pos, tree, text: typeof s === 'number' ? text.slice(pos, pos + s) : s };
      }
      case 2:
        return { kind: 'list', pos, tree, nodes: nodes() };
      case 3: {
        const line = data[i++] as number;
        return { kind: 'action', pos, line, tree, pipe: node() as PipeNode };
      }
      case 4: {
        const line = data[i++] as number;
        const isAssign = data[i++] === 1;
        const decl = nodes() as VariableNode[];
        return { kind: 'pipe', pos, line, tree, isAssign, decl, cmds: nodes() as CommandNode[] };
      }
      case 5:
        return { kind: 'command', pos, tree, args: nodes() };
      case 6:
        return { kind: 'field', pos, tree, ident: path(pos, 1) };
      case 7:
        return { kind: 'variable', pos, tree, ident: path(pos, 0) };
      case 8: {
        const n = node()!;
        return { kind: 'chain', pos, tree, node: n, field: path(pos, 1) };
      }
      case 9: {
        const s = data[i++] as string | number;
        return { kind: 'identifier', pos, tree, ident: typeof s === 'number' ? text.slice(pos, pos + s) : s };
      }
      case 10:
        return { kind: 'dot', pos, tree };
      case 11:
        return { kind: 'nil', pos, tree };
      case 12:
        return { kind: 'bool', pos, tree, value: data[i++] === 1 };
      case 13: {
        const s = data[i++] as string | number;
        const flags = data[i++] as number;
        const int = BigInt(data[i++] as string);
        const float = data[i++] as number | string;
        return {
          kind: 'number',
          text: typeof s === 'number' ? text.slice(pos, pos + s) : s,
          isInt: (flags & IS_INT) !== 0,
          isFloat: (flags & IS_FLOAT) !== 0,
          isUint: (flags & IS_UINT) !== 0,
          int,
          float: typeof float === 'string' ? Number(float) : float,
          isRune: (flags & IS_RUNE) !== 0,
          isHex: (flags & IS_HEX) !== 0,
          pos,
          tree,
        };
      }
      case 14: {
        const s = data[i++] as string | number;
        const quoted = typeof s === 'number' ? text.slice(pos, pos + s) : s;
        const t = data[i++] as string | number;
        return { kind: 'string', pos, tree, quoted, text: typeof t === 'number' ? quoted.slice(1, -1) : t };
      }
      case 15:
      case 16:
      case 17: {
        const line = data[i++] as number;
        const pipe = node() as PipeNode;
        const list = node() as ListNode;
        const elseList = node() as ListNode | null;
        const kind = code === 15 ? 'if' : code === 16 ? 'range' : 'with';
        return { kind, pos, line, tree, pipe, list, elseList };
      }
      case 18: {
        const line = data[i++] as number;
        const name = data[i++] as string;
        return { kind: 'template', pos, line, tree, name, pipe: node() as PipeNode | null };
      }
      case 19:
        return { kind: 'break', pos, tree, line: data[i++] as number };
      case 20:
        return { kind: 'continue', pos, tree, line: data[i++] as number };
      case 21:
        return { kind: 'end', pos, tree };
      case 22:
        return { kind: 'else', pos, tree, line: data[i++] as number };
    }
    throw new Error(`parse cache: no node kind ${code}`);
  };
  for (let n = data[0] as number; n > 0; n--) {
    const name = data[i++] as string;
    tree = { name, parseName: data[i++] as string, text, root: null as unknown as ListNode };
    tree.root = node() as ListNode;
    trees.set(name, tree);
  }
  if (i !== data.length) throw new Error('parse cache: trees end before their data');
  return trees;
}
