// Parser for Go text/template (text/template/parse/parse.go): same grammar, same scoping of variables,
// same node positions and the same error texts ("template: NAME:LINE: ...").
import { type Item, lex, T } from './lexer.js';
import type {
  BranchNode,
  CommandNode,
  ListNode,
  Node,
  NumberNode,
  PipeNode,
  TemplateNode,
  Tree,
  VariableNode,
} from './nodes.js';
import { nodeString } from './nodes.js';
import { goQuote } from './quote.js';

export class ParseError extends Error {}

const KEYWORD_TYPES = new Set([
  T.Block,
  T.Break,
  T.Continue,
  T.Dot,
  T.Define,
  T.Else,
  T.End,
  T.If,
  T.Nil,
  T.Range,
  T.Template,
  T.With,
]);

function itemString(i: Item): string {
  if (i.typ === T.EOF) return 'EOF';
  if (i.typ === T.Error) return i.val;
  if (KEYWORD_TYPES.has(i.typ)) return `<${i.val}>`;
  if ([...i.val].length > 10) return `${goQuote([...i.val].slice(0, 10).join(''))}...`;
  return goQuote(i.val);
}

/** Parses text into trees (the main one under `name`, plus every {{define}}/{{block}}). */
export function parseTemplates(
  name: string,
  text: string,
  hasFunction: (n: string) => boolean,
): Map<string, Tree> {
  const items = lex(text);
  const treeSet = new Map<string, Tree>();
  let p = 0;
  const parseName = name;

  class P {
    tree: Tree;
    vars: string[] = ['$'];
    rangeDepth = 0;
    cur: Item = items[0]!;
    actionLine = 0;
    constructor(treeName: string) {
      this.tree = { name: treeName, parseName, text, root: null as unknown as ListNode };
    }
    errorf(msg: string): never {
      throw new ParseError(`template: ${parseName}:${this.cur.line}: ${msg}`);
    }
    next(): Item {
      const it = items[p] ?? items[items.length - 1]!;
      if (p < items.length) p++;
      this.cur = it;
      return it;
    }
    backup() {
      p--;
    }
    peek(): Item {
      return items[p] ?? items[items.length - 1]!;
    }
    nextNonSpace(): Item {
      let t: Item;
      do t = this.next();
      while (t.typ === T.Space);
      return t;
    }
    peekNonSpace(): Item {
      const t = this.nextNonSpace();
      this.backup();
      return t;
    }
    expect(typ: T, context: string): Item {
      const t = this.nextNonSpace();
      if (t.typ !== typ) this.unexpected(t, context);
      return t;
    }
    unexpected(token: Item, context: string): never {
      if (token.typ === T.Error) {
        let extra = '';
        if (this.actionLine !== 0 && this.actionLine !== token.line) {
          extra = ` in action started at ${parseName}:${this.actionLine}`;
          if (token.val.endsWith(' action')) extra = extra.slice(' in action'.length);
        }
        this.errorf(`${token.val}${extra}`);
      }
      this.errorf(`unexpected ${itemString(token)} in ${context}`);
    }
    list(pos: number): ListNode {
      return { kind: 'list', pos, tree: this.tree, nodes: [] };
    }
    add(treeSetRef: Map<string, Tree>) {
      const existing = treeSetRef.get(this.tree.name);
      if (!existing || isEmptyTree(existing.root)) {
        treeSetRef.set(this.tree.name, this.tree);
        return;
      }
      if (!isEmptyTree(this.tree.root))
        this.errorf(`template: multiple definition of template ${goQuote(this.tree.name)}`);
    }
    parse() {
      this.tree.root = this.list(this.peek().pos);
      while (this.peek().typ !== T.EOF) {
        if (this.peek().typ === T.LeftDelim) {
          const delimAt = p;
          this.next();
          if (this.nextNonSpace().typ === T.Define) {
            const sub = new P('definition');
            sub.cur = this.cur;
            sub.parseDefinition();
            this.cur = sub.cur;
            continue;
          }
          p = delimAt;
        }
        const n = this.textOrAction();
        if (n.kind === 'end' || n.kind === 'else') this.errorf(`unexpected ${nodeString(n)}`);
        this.tree.root.nodes.push(n);
      }
    }
    parseDefinition() {
      const context = 'define clause';
      const nameTok = this.nextNonSpace();
      if (nameTok.typ !== T.String && nameTok.typ !== T.RawString) this.unexpected(nameTok, context);
      this.tree.name = this.unquote(nameTok.val);
      this.expect(T.RightDelim, context);
      const [root, end] = this.itemList();
      this.tree.root = root;
      if (end.kind !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
      this.add(treeSet);
    }
    itemList(): [ListNode, Node] {
      const list = this.list(this.peekNonSpace().pos);
      while (this.peekNonSpace().typ !== T.EOF) {
        const n = this.textOrAction();
        if (n.kind === 'end' || n.kind === 'else') return [list, n];
        list.nodes.push(n);
      }
      this.errorf('unexpected EOF');
    }
    textOrAction(): Node {
      const token = this.nextNonSpace();
      if (token.typ === T.Text) return { kind: 'text', pos: token.pos, tree: this.tree, text: token.val };
      if (token.typ === T.LeftDelim) {
        this.actionLine = token.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      }
      this.unexpected(token, 'input');
    }
    action(): Node {
      const token = this.nextNonSpace();
      switch (token.typ) {
        case T.Block:
          return this.blockControl();
        case T.Break:
        case T.Continue: {
          const word = token.typ === T.Break ? 'break' : 'continue';
          const t2 = this.nextNonSpace();
          if (t2.typ !== T.RightDelim) this.unexpected(t2, `{{${word}}}`);
          if (this.rangeDepth === 0) this.errorf(`{{${word}}} outside {{range}}`);
          return { kind: word, pos: token.pos, tree: this.tree, line: token.line };
        }
        case T.Else:
          return this.elseControl();
        case T.End:
          return { kind: 'end', pos: this.expect(T.RightDelim, 'end').pos, tree: this.tree };
        case T.If:
          return this.control('if');
        case T.Range:
          return this.control('range');
        case T.Template:
          return this.templateControl();
        case T.With:
          return this.control('with');
      }
      this.backup();
      const t = this.peek();
      return {
        kind: 'action',
        pos: t.pos,
        line: t.line,
        tree: this.tree,
        pipe: this.pipeline('command', T.RightDelim),
      };
    }
    elseControl(): Node {
      const pk = this.peekNonSpace();
      if (pk.typ === T.If || pk.typ === T.With)
        return { kind: 'else', pos: pk.pos, line: pk.line, tree: this.tree };
      const token = this.expect(T.RightDelim, 'else');
      return { kind: 'else', pos: token.pos, line: token.line, tree: this.tree };
    }
    control(context: 'if' | 'range' | 'with'): BranchNode {
      const mark = this.vars.length;
      try {
        const pipe = this.pipeline(context, T.RightDelim);
        if (context === 'range') this.rangeDepth++;
        let [list, next] = this.itemList();
        if (context === 'range') this.rangeDepth--;
        let elseList: ListNode | null = null;
        if (next.kind === 'else') {
          if (
            (context === 'if' && this.peek().typ === T.If) ||
            (context === 'with' && this.peek().typ === T.With)
          ) {
            this.next();
            elseList = this.list(next.pos);
            elseList.nodes.push(this.control(context));
          } else {
            [elseList, next] = this.itemList();
            if (next.kind !== 'end') this.errorf(`expected end; found ${nodeString(next)}`);
          }
        }
        void list;
        return { kind: context, pos: pipe.pos, line: pipe.line, tree: this.tree, pipe, list, elseList };
      } finally {
        this.vars.length = mark;
      }
    }
    templateControl(): TemplateNode {
      const context = 'template clause';
      const token = this.nextNonSpace();
      const name = this.templateName(token, context);
      let pipe: PipeNode | null = null;
      if (this.nextNonSpace().typ !== T.RightDelim) {
        this.backup();
        pipe = this.pipeline(context, T.RightDelim);
      }
      return { kind: 'template', pos: token.pos, line: token.line, tree: this.tree, name, pipe };
    }
    templateName(token: Item, context: string): string {
      if (token.typ === T.String || token.typ === T.RawString) return this.unquote(token.val);
      this.unexpected(token, context);
    }
    blockControl(): TemplateNode {
      const context = 'block clause';
      const token = this.nextNonSpace();
      const name = this.templateName(token, context);
      const pipe = this.pipeline(context, T.RightDelim);
      const block = new P(name);
      block.cur = this.cur;
      const [root, end] = block.itemList();
      block.tree.root = root;
      if (end.kind !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
      block.add(treeSet);
      this.cur = block.cur;
      return { kind: 'template', pos: token.pos, line: token.line, tree: this.tree, name, pipe };
    }
    pipeline(context: string, end: T): PipeNode {
      const token = this.peekNonSpace();
      const pipe: PipeNode = {
        kind: 'pipe',
        pos: token.pos,
        line: token.line,
        tree: this.tree,
        isAssign: false,
        decl: [],
        cmds: [],
      };
      for (;;) {
        const v = this.peekNonSpace();
        if (v.typ !== T.Variable) break;
        this.next();
        const afterVarAt = p;
        const tokenAfterVariable = this.peek();
        const next = this.peekNonSpace();
        if (next.typ === T.Assign || next.typ === T.Declare) {
          pipe.isAssign = next.typ === T.Assign;
          this.nextNonSpace();
          pipe.decl.push(this.variable(v.pos, v.val));
          this.vars.push(v.val);
        } else if (next.typ === T.Char && next.val === ',') {
          this.nextNonSpace();
          pipe.decl.push(this.variable(v.pos, v.val));
          this.vars.push(v.val);
          if (context === 'range' && pipe.decl.length < 2) {
            const t = this.peekNonSpace().typ;
            if (t === T.Variable || t === T.RightDelim || t === T.RightParen) continue;
            this.errorf('range can only initialize variables');
          }
          this.errorf(`too many declarations in ${context}`);
        } else if (tokenAfterVariable.typ === T.Space) {
          p = afterVarAt - 1;
        } else {
          p = afterVarAt - 1;
        }
        break;
      }
      for (;;) {
        const token2 = this.nextNonSpace();
        if (token2.typ === end) {
          if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
          pipe.cmds.slice(1).forEach((c, i) => {
            const k = c.args[0]!.kind;
            if (k === 'bool' || k === 'dot' || k === 'nil' || k === 'number' || k === 'string')
              this.errorf(`non executable command in pipeline stage ${i + 2}`);
          });
          return pipe;
        }
        switch (token2.typ) {
          case T.Bool:
          case T.CharConstant:
          case T.Dot:
          case T.Field:
          case T.Identifier:
          case T.Number:
          case T.Nil:
          case T.RawString:
          case T.String:
          case T.Variable:
          case T.LeftParen:
            this.backup();
            pipe.cmds.push(this.command());
            break;
          default:
            this.unexpected(token2, context);
        }
      }
    }
    command(): CommandNode {
      const cmd: CommandNode = { kind: 'command', pos: this.peekNonSpace().pos, tree: this.tree, args: [] };
      for (;;) {
        this.peekNonSpace();
        const operand = this.operand();
        if (operand) cmd.args.push(operand);
        const token = this.next();
        if (token.typ === T.Space) continue;
        if (token.typ === T.RightDelim || token.typ === T.RightParen) this.backup();
        else if (token.typ !== T.Pipe) this.unexpected(token, 'operand');
        break;
      }
      if (cmd.args.length === 0) this.errorf('empty command');
      return cmd;
    }
    operand(): Node | null {
      let node = this.term();
      if (!node) return null;
      if (this.peek().typ === T.Field) {
        const pos = this.peek().pos;
        const fields: string[] = [];
        while (this.peek().typ === T.Field) fields.push(this.next().val.slice(1));
        if (node.kind === 'field') {
          node = { kind: 'field', pos, tree: this.tree, ident: [...node.ident, ...fields] };
        } else if (node.kind === 'variable') {
          node = { kind: 'variable', pos, tree: this.tree, ident: [...node.ident, ...fields] };
        } else if (['bool', 'string', 'number', 'nil', 'dot'].includes(node.kind)) {
          this.errorf(`unexpected . after term ${goQuote(nodeString(node))}`);
        } else {
          node = { kind: 'chain', pos, tree: this.tree, node, field: fields };
        }
      }
      return node;
    }
    term(): Node | null {
      const token = this.nextNonSpace();
      const tree = this.tree;
      switch (token.typ) {
        case T.Identifier:
          if (!hasFunction(token.val)) this.errorf(`function ${goQuote(token.val)} not defined`);
          return { kind: 'identifier', pos: token.pos, tree, ident: token.val };
        case T.Dot:
          return { kind: 'dot', pos: token.pos, tree };
        case T.Nil:
          return { kind: 'nil', pos: token.pos, tree };
        case T.Variable: {
          const v = this.variable(token.pos, token.val);
          if (!this.vars.includes(v.ident[0]!)) this.errorf(`undefined variable ${goQuote(v.ident[0]!)}`);
          return v;
        }
        case T.Field:
          return { kind: 'field', pos: token.pos, tree, ident: token.val.slice(1).split('.') };
        case T.Bool:
          return { kind: 'bool', pos: token.pos, tree, value: token.val === 'true' };
        case T.CharConstant:
        case T.Number:
          return this.number(token);
        case T.LeftParen:
          return this.pipeline('parenthesized pipeline', T.RightParen);
        case T.String:
        case T.RawString:
          return { kind: 'string', pos: token.pos, tree, quoted: token.val, text: this.unquote(token.val) };
      }
      this.backup();
      return null;
    }
    variable(pos: number, val: string): VariableNode {
      return { kind: 'variable', pos, tree: this.tree, ident: val.split('.') };
    }
    unquote(s: string): string {
      const r = goUnquote(s);
      if (r === null) this.errorf('invalid syntax');
      return r;
    }
    number(token: Item): NumberNode {
      const n = parseNumber(token.val, token.typ === T.CharConstant);
      if (typeof n === 'string') this.errorf(n);
      return { ...n, pos: token.pos, tree: this.tree };
    }
  }

  const top = new P(name);
  top.parse();
  top.add(treeSet);
  return treeSet;
}

function isEmptyTree(n: Node | null): boolean {
  if (!n) return true;
  switch (n.kind) {
    case 'list':
      return n.nodes.every(isEmptyTree);
    case 'text':
      return n.text.trim() === '';
    default:
      return false;
  }
}

type NumberFields = Omit<NumberNode, 'pos' | 'tree'>;

export function parseNumber(text: string, isChar: boolean): NumberFields | string {
  const base: NumberFields = {
    kind: 'number',
    text,
    isInt: false,
    isFloat: false,
    isUint: false,
    int: 0n,
    float: 0,
    isRune: isChar,
    isHex: /^[+-]?0[xX]/.test(text) && !/[pP]/.test(text),
  };
  if (isChar) {
    const r = goUnquoteChar(text);
    if (r === null) return 'invalid syntax';
    if (r === 'malformed') return `malformed character constant: ${text}`;
    const cp = BigInt(r);
    return { ...base, isInt: true, isUint: true, isFloat: true, int: cp, float: Number(cp) };
  }
  if (text.endsWith('i')) return `illegal number syntax: ${goQuote(text)}`;
  const clean = text.replace(/_/g, '');
  if (
    text.includes('_') &&
    !/^[+-]?(0[xXoObB]_?)?[0-9a-fA-F]+(_[0-9a-fA-F]+)*(\.[0-9a-fA-F_]*)?([eEpP][+-]?[0-9_]+)?$/.test(text)
  )
    return `illegal number syntax: ${goQuote(text)}`;
  const intVal = parseGoInt(clean);
  if (intVal !== null) {
    const inInt64 = intVal >= -(2n ** 63n) && intVal < 2n ** 63n;
    const inUint64 = intVal >= 0n && intVal < 2n ** 64n;
    if (inInt64)
      return { ...base, isInt: true, isUint: inUint64, isFloat: true, int: intVal, float: Number(intVal) };
    if (inUint64) return { ...base, isUint: true, isFloat: true, int: intVal, float: Number(intVal) };
  }
  const f = parseGoFloat(clean);
  if (f !== null) {
    if (!/[.eEpP]/.test(text)) return `integer overflow: ${goQuote(text)}`;
    const out = { ...base, isFloat: true, float: f };
    if (Number.isInteger(f) && Math.abs(f) < 2 ** 63) {
      out.isInt = true;
      out.int = BigInt(f);
      out.isUint = f >= 0;
    }
    return out;
  }
  return `illegal number syntax: ${goQuote(text)}`;
}

function parseGoInt(s: string): bigint | null {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return null;
  let body = m[2]!;
  let v: bigint;
  if (/^0[xXoObB]/.test(body)) v = BigInt(body.toLowerCase());
  else if (body.length > 1 && body[0] === '0') {
    body = body.slice(1);
    v = BigInt(`0o${body}`);
  } else v = BigInt(body);
  return m[1] === '-' ? -v : v;
}

function parseGoFloat(s: string): number | null {
  if (/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(s)) return Number(s);
  const hx = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?[0-9]+)$/.exec(s);
  if (hx) {
    const mant = Number.parseInt((hx[2] || '0') + (hx[3] || ''), 16);
    const v = mant * 2 ** (Number(hx[4]) - 4 * (hx[3] ?? '').length);
    return hx[1] === '-' ? -v : v;
  }
  return null;
}

const SIMPLE_ESC: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

/** strconv.Unquote for "..." and `...`; null on syntax error. */
export function goUnquote(s: string): string | null {
  if (s.length < 2) return null;
  const q = s[0];
  if (q !== s[s.length - 1]) return null;
  const body = s.slice(1, -1);
  if (q === '`') return body.includes('`') ? null : body.replace(/\r/g, '');
  if (q !== '"') return null;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '"' || c === '\n') return null;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const r = unescapeAt(body, i + 1, '"');
    if (!r) return null;
    out += r.value;
    i = r.next - 1;
  }
  return out;
}

function unescapeAt(s: string, i: number, quote: string): { value: string; next: number } | null {
  const c = s[i];
  if (c === undefined) return null;
  if (SIMPLE_ESC[c] !== undefined) return { value: SIMPLE_ESC[c]!, next: i + 1 };
  if (c === quote) return { value: c, next: i + 1 };
  if (c === 'x' || c === 'u' || c === 'U') {
    const n = c === 'x' ? 2 : c === 'u' ? 4 : 8;
    const hex = s.slice(i + 1, i + 1 + n);
    if (hex.length !== n || !/^[0-9a-fA-F]+$/.test(hex)) return null;
    const v = Number.parseInt(hex, 16);
    if (c !== 'x' && (v > 0x10ffff || (v >= 0xd800 && v < 0xe000))) return null;
    return { value: String.fromCodePoint(v), next: i + 1 + n };
  }
  if (c >= '0' && c <= '7') {
    const oct = s.slice(i, i + 3);
    if (!/^[0-7]{3}$/.test(oct)) return null;
    const v = Number.parseInt(oct, 8);
    if (v > 255) return null;
    return { value: String.fromCharCode(v), next: i + 3 };
  }
  return null;
}

function goUnquoteChar(text: string): number | null | 'malformed' {
  const body = text.slice(1);
  let cp: number;
  let rest: string;
  if (body[0] === '\\') {
    const r = unescapeAt(body, 1, "'");
    if (!r) return null;
    cp = r.value.codePointAt(0)!;
    rest = body.slice(r.next);
  } else {
    if (body[0] === "'" || body.length === 0) return null;
    cp = body.codePointAt(0)!;
    rest = body.slice(cp > 0xffff ? 2 : 1);
  }
  if (rest !== "'") return 'malformed';
  return cp;
}
