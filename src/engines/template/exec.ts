// Executor for parsed Go templates, following text/template/exec.go: evaluation order, variable
// scoping, missingkey modes, argument checking against Go parameter types, and Go's error texts.
import { formatValue } from './fmt.js';
import type { FuncMap, GoFunc, ParamType } from './func-types.js';
import type {
  BranchNode,
  ChainNode,
  CommandNode,
  FieldNode,
  IdentifierNode,
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
import {
  GO_TYPE,
  isPlainMap,
  isTrue,
  kindOf,
  mapGet,
  NO_VALUE,
  sliceOf,
  sortedKeys,
  Typed,
  typeName,
  unwrapTyped,
} from './values.js';

export type MissingKey = 'default' | 'invalid' | 'zero' | 'error';

export class ExecError extends Error {}

const BREAK = { brk: true };
const CONTINUE = { cont: true };
const MAX_DEPTH = 100000;

export interface Templates {
  trees: Map<string, Tree>;
  funcs: FuncMap;
  missingKey: MissingKey;
}

interface Var {
  name: string;
  value: unknown;
  /** The value's static Go type is interface {} (it came out of a map or slice of interface values). */
  iface?: boolean;
}

/** Collections whose elements are interface {} values (plain JS arrays and objects). */
const untypedCollection = (v: unknown) => !(v instanceof Typed);

export function execute(set: Templates, name: string, data: unknown): string {
  const tree = set.trees.get(name);
  if (!tree)
    throw new ExecError(`template: no template ${goQuote(name)} associated with template ${goQuote(name)}`);
  const st = new State(set, tree, [{ name: '$', value: data }], 0);
  const dot = data === undefined || data === null ? NO_VALUE : data;
  st.vars[0]!.value = dot;
  try {
    st.walk(dot, tree.root);
  } catch (e) {
    if (e instanceof RangeError && /call stack/.test(e.message))
      throw new ExecError(`template: ${tree.name}: exceeded maximum template depth (${MAX_DEPTH})`);
    (e as any).partial = st.out;
    throw e;
  }
  return st.out;
}

const utf8 = new TextEncoder();

class State {
  out = '';
  node: Node | null = null;
  /** Whether dot's static type is interface {} (range over interface collections). */
  dotIface = false;
  /** Whether the last evalField result was an interface {} map element. */
  lastIface = false;
  constructor(
    readonly set: Templates,
    readonly tmpl: Tree,
    public vars: Var[],
    readonly depth: number,
  ) {}

  at(n: Node) {
    this.node = n;
  }

  errorf(msg: string): never {
    const name = this.tmpl.name;
    if (!this.node) throw new ExecError(`template: ${name}: ${msg}`);
    const n = this.node;
    const tree = n.tree ?? this.tmpl;
    const before = tree.text.slice(0, n.pos);
    const nl = before.lastIndexOf('\n');
    const col = utf8.encode(nl < 0 ? before : before.slice(nl + 1)).length;
    const line = 1 + (before.match(/\n/g)?.length ?? 0);
    throw new ExecError(
      `template: ${tree.parseName}:${line}:${col}: executing ${goQuote(name)} at <${nodeString(n)}>: ${msg}`,
    );
  }

  varValue(name: string): unknown {
    for (let i = this.vars.length - 1; i >= 0; i--)
      if (this.vars[i]!.name === name) return this.vars[i]!.value;
    this.errorf(`undefined variable: ${name}`);
  }

  setVar(name: string, value: unknown, iface = false) {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) {
        this.vars[i]!.value = value;
        this.vars[i]!.iface = iface;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  walk(dot: unknown, node: Node): void {
    this.at(node);
    switch (node.kind) {
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, val);
        return;
      }
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
      case 'if':
      case 'with':
        this.walkIfOrWith(dot, node);
        return;
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'range':
        this.walkRange(dot, node);
        return;
      case 'template':
        this.walkTemplate(dot, node);
        return;
      case 'text':
        this.out += node.text;
        return;
      default:
        this.errorf(`unknown node: ${nodeString(node)}`);
    }
  }

  walkIfOrWith(dot: unknown, node: BranchNode) {
    const mark = this.vars.length;
    try {
      const val = this.evalPipeline(dot, node.pipe);
      if (isTrue(val)) {
        if (node.kind === 'with') {
          const saved = this.dotIface;
          this.dotIface = false;
          try {
            this.walk(val, node.list);
          } finally {
            this.dotIface = saved;
          }
        } else this.walk(dot, node.list);
      } else if (node.elseList) this.walk(dot, node.elseList);
    } finally {
      if (this.vars.length !== mark) this.vars.length = mark;
    }
  }

  walkRange(dot: unknown, r: BranchNode) {
    this.at(r);
    const outerMark = this.vars.length;
    try {
      const val = this.evalPipeline(dot, r.pipe);
      const mark = this.vars.length;
      const decl = r.pipe.decl;
      const elemIface = untypedCollection(val) && (kindOf(val) === 'slice' || kindOf(val) === 'map');
      const savedIface = this.dotIface;
      const one = (index: unknown, elem: unknown): boolean => {
        if (decl.length > 0) {
          if (r.pipe.isAssign) {
            if (decl.length > 1) this.setVar(decl[0]!.ident[0]!, index);
            else this.setVar(decl[0]!.ident[0]!, elem, elemIface);
          } else {
            const top = this.vars[this.vars.length - 1]!;
            top.value = elem;
            top.iface = elemIface;
          }
        }
        if (decl.length > 1) {
          if (r.pipe.isAssign) this.setVar(decl[1]!.ident[0]!, elem, elemIface);
          else this.vars[this.vars.length - 2]!.value = index;
        }
        this.dotIface = elemIface;
        try {
          this.walk(elem, r.list);
        } catch (e) {
          if (e === CONTINUE) return true;
          if (e === BREAK) return false;
          throw e;
        } finally {
          if (this.vars.length !== mark) this.vars.length = mark;
          this.dotIface = savedIface;
        }
        return true;
      };
      const raw = unwrapTyped(val);
      switch (kindOf(val)) {
        case 'slice': {
          const items = sliceOf(val);
          if (items.length === 0) break;
          for (let i = 0; i < items.length; i++) if (!one(BigInt(i), items[i])) break;
          return;
        }
        case 'map': {
          const keys = sortedKeys(raw);
          if (keys.length === 0) break;
          for (const k of keys) if (!one(k, mapGet(raw, k))) break;
          return;
        }
        case 'int':
        case 'uint': {
          if (decl.length > 1)
            this.errorf(`can't use ${formatValue(val)} to iterate over more than one variable`);
          const n = raw as bigint;
          for (let i = 0n; i < n; i++) if (!one(i, i)) break;
          if (n <= 0n) break;
          return;
        }
        case 'invalid':
        case 'nil':
          break;
        case 'func':
          this.errorf(`range can't iterate over ${formatValue(val)}`);
          break;
        default:
          this.errorf(`range can't iterate over ${formatValue(val)}`);
      }
      if (r.elseList) this.walk(dot, r.elseList);
    } finally {
      if (this.vars.length !== outerMark) this.vars.length = outerMark;
    }
  }

  walkTemplate(dot: unknown, t: TemplateNode) {
    this.at(t);
    const tree = this.set.trees.get(t.name);
    if (!tree) this.errorf(`template ${goQuote(t.name)} not defined`);
    if (this.depth >= MAX_DEPTH) this.errorf(`exceeded maximum template depth (${MAX_DEPTH})`);
    const newDot = t.pipe ? this.evalPipeline(dot, t.pipe) : NO_VALUE;
    const st = new State(this.set, tree, [{ name: '$', value: newDot }], this.depth + 1);
    st.out = '';
    try {
      st.walk(newDot, tree.root);
    } finally {
      this.out += st.out;
    }
  }

  evalPipeline(dot: unknown, pipe: PipeNode): unknown {
    this.at(pipe);
    let value: unknown = NO_VALUE;
    const cmds = pipe.cmds;
    for (let i = 0; i < cmds.length; i++) {
      value = this.evalCommand(dot, cmds[i]!, i === 0 ? NO_VALUE : value, i > 0);
      if (value === null || value === undefined) value = NO_VALUE;
    }
    const decl = pipe.decl;
    for (let i = 0; i < decl.length; i++) {
      const name = decl[i]!.ident[0]!;
      if (pipe.isAssign) this.setVar(name, value);
      else this.vars.push({ name, value });
    }
    return value;
  }

  notAFunction(args: Node[], hasFinal: boolean) {
    if (args.length > 1 || hasFinal)
      this.errorf(`can't give argument to non-function ${nodeString(args[0]!)}`);
  }

  evalCommand(dot: unknown, cmd: CommandNode, final: unknown, hasFinal: boolean): unknown {
    const first = cmd.args[0]!;
    switch (first.kind) {
      case 'field':
        return this.evalFieldNode(dot, first, cmd.args, final, hasFinal);
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final, hasFinal);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final, hasFinal);
      case 'pipe':
        this.notAFunction(cmd.args, hasFinal);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final, hasFinal);
    }
    this.at(first);
    this.notAFunction(cmd.args, hasFinal);
    switch (first.kind) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        this.errorf('nil is not a command');
        break;
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
    this.errorf(`can't evaluate command ${goQuote(nodeString(first))}`);
  }

  idealConstant(c: NumberNode): unknown {
    this.at(c);
    if (c.isFloat && !c.isHex && !c.isRune && /[.eEpP]/.test(c.text)) return c.float;
    if (c.isInt) return c.int;
    if (c.isUint) this.errorf(`${c.text} overflows int`);
    return NO_VALUE;
  }

  evalFieldNode(dot: unknown, field: FieldNode, args: Node[], final: unknown, hasFinal: boolean): unknown {
    this.at(field);
    return this.evalFieldChain(dot, dot, field, field.ident, args, final, hasFinal, this.dotIface);
  }

  evalChainNode(dot: unknown, chain: ChainNode, args: Node[], final: unknown, hasFinal: boolean): unknown {
    this.at(chain);
    if (chain.field.length === 0) this.errorf('internal error: no fields in evalChainNode');
    if (chain.node.kind === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const pipe = this.evalArg(dot, 'any?', chain.node);
    return this.evalFieldChain(dot, pipe, chain, chain.field, args, final, hasFinal, false);
  }

  evalVariableNode(dot: unknown, v: VariableNode, args: Node[], final: unknown, hasFinal: boolean): unknown {
    this.at(v);
    const value = this.varValue(v.ident[0]!);
    if (v.ident.length === 1) {
      this.notAFunction(args, hasFinal);
      return value;
    }
    let iface = false;
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === v.ident[0]) {
        iface = !!this.vars[i]!.iface;
        break;
      }
    }
    return this.evalFieldChain(dot, value, v, v.ident.slice(1), args, final, hasFinal, iface);
  }

  evalFieldChain(
    dot: unknown,
    receiver: unknown,
    node: Node,
    ident: string[],
    args: Node[],
    final: unknown,
    hasFinal: boolean,
    iface: boolean,
  ): unknown {
    const n = ident.length;
    for (let i = 0; i < n - 1; i++) {
      receiver = this.evalField(dot, ident[i]!, node, [], NO_VALUE, false, receiver, iface);
      iface = this.lastIface;
    }
    return this.evalField(dot, ident[n - 1]!, node, args, final, hasFinal, receiver, iface);
  }

  evalField(
    dot: unknown,
    fieldName: string,
    node: Node,
    args: Node[],
    final: unknown,
    hasFinal: boolean,
    receiver: unknown,
    iface = false,
  ): unknown {
    this.lastIface = false;
    // Fast path: a plain JS object is a map[string]interface {} (own function properties are methods).
    if (typeof receiver === 'object' && receiver !== null && !Array.isArray(receiver)) {
      const proto = Object.getPrototypeOf(receiver);
      if ((proto === Object.prototype || proto === null) && (receiver as any)[GO_TYPE] === undefined) {
        const v = Object.hasOwn(receiver, fieldName)
          ? (receiver as Record<string, unknown>)[fieldName]
          : undefined;
        if (typeof v !== 'function') {
          if (args.length > 1 || hasFinal) this.errorf(`${fieldName} is not a method but has arguments`);
          this.lastIface = true;
          if (v !== undefined) return v;
          if (this.set.missingKey === 'zero') return null;
          if (this.set.missingKey === 'error') this.errorf(`map has no entry for key ${goQuote(fieldName)}`);
          return NO_VALUE;
        }
      }
    }
    const staticType = () => (iface ? 'interface {}' : typeName(receiver));
    if (receiver === NO_VALUE || receiver === undefined) {
      if (this.set.missingKey === 'error') this.errorf(`nil data; no entry for key ${goQuote(fieldName)}`);
      return NO_VALUE;
    }
    if (receiver === null) this.errorf(`nil pointer evaluating interface {}.${fieldName}`);
    if (receiver instanceof Typed && receiver.value === null && receiver.type.startsWith('*'))
      this.errorf(`nil pointer evaluating ${staticType()}.${fieldName}`);
    const raw = unwrapTyped(receiver);
    const typedMethod = receiver instanceof Typed ? receiver.methods?.[fieldName] : undefined;
    if (typedMethod) {
      const tm = typedMethod as any;
      return this.evalCall(
        dot,
        { fn: tm, params: tm.goParams ?? [], variadic: false },
        false,
        node,
        fieldName,
        args,
        final,
        hasFinal,
      );
    }
    if (typeof raw === 'object' && raw !== null) {
      const m = (raw as any)[fieldName];
      const plainMap = raw instanceof Map && Object.getPrototypeOf(raw) === Map.prototype;
      const inherited = isPlainMap(raw) && !Object.hasOwn(raw, fieldName);
      if (typeof m === 'function' && !plainMap && !inherited) {
        return this.evalCall(
          dot,
          { fn: m.bind(raw), params: m.goParams ?? ['any'], variadic: !m.goParams || !!m.goVariadic },
          false,
          node,
          fieldName,
          args,
          final,
          hasFinal,
        );
      }
    }
    const hasArgs = args.length > 1 || hasFinal;
    const kind = kindOf(receiver);
    if (kind === 'map') {
      if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
      const result = mapGet(raw, fieldName);
      this.lastIface = untypedCollection(receiver);
      if (result === NO_VALUE) {
        if (this.set.missingKey === 'zero') return null;
        if (this.set.missingKey === 'error') this.errorf(`map has no entry for key ${goQuote(fieldName)}`);
      }
      return result;
    }
    if (kind === 'struct' && Object.hasOwn(raw as object, fieldName)) {
      if (hasArgs) this.errorf(`${fieldName} has arguments but cannot be invoked as function`);
      const v = (raw as any)[fieldName];
      return v === undefined ? null : v;
    }
    if (kind === 'ptr') this.errorf(`nil pointer evaluating ${staticType()}.${fieldName}`);
    this.errorf(`can't evaluate field ${fieldName} in type ${staticType()}`);
  }

  evalFunction(
    dot: unknown,
    node: IdentifierNode,
    cmd: Node,
    args: Node[],
    final: unknown,
    hasFinal: boolean,
  ): unknown {
    this.at(node);
    const name = node.ident;
    const fn = this.set.funcs[name];
    if (!fn) this.errorf(`${goQuote(name)} is not a defined function`);
    return this.evalCall(dot, fn, true, cmd, name, args, final, hasFinal);
  }

  evalCall(
    dot: unknown,
    fun: GoFunc,
    isBuiltin: boolean,
    node: Node,
    name: string,
    argNodes: Node[],
    final: unknown,
    hasFinal: boolean,
  ): unknown {
    const nArgs = argNodes.length > 0 ? argNodes.length - 1 : 0;
    const numIn = nArgs + (hasFinal ? 1 : 0);
    const numParams = fun.params.length;
    let numFixed = nArgs;
    if (fun.variadic) {
      numFixed = numParams - 1;
      if (numIn < numFixed)
        this.errorf(`wrong number of args for ${name}: want at least ${numParams - 1} got ${nArgs}`);
    } else if (numIn !== numParams) {
      this.errorf(`wrong number of args for ${name}: want ${numParams} got ${numIn}`);
    }
    if (isBuiltin && (fun.special === 'and' || fun.special === 'or')) {
      let v: unknown = NO_VALUE;
      for (let ai = 1; ai <= nArgs; ai++) {
        const a = argNodes[ai]!;
        v = this.evalArg(dot, 'value', a);
        if (isTrue(v) === (fun.special === 'or')) return v;
      }
      if (hasFinal) v = final;
      return v;
    }
    const argv: unknown[] = new Array(numIn);
    let i = 0;
    for (; i < numFixed && i < nArgs; i++) argv[i] = this.evalArg(dot, fun.params[i]!, argNodes[i + 1]!);
    if (fun.variadic) {
      const t = fun.params[numParams - 1]!;
      for (; i < nArgs; i++) argv[i] = this.evalArg(dot, t, argNodes[i + 1]!);
    }
    if (hasFinal) {
      let t = fun.params[numParams - 1]!;
      if (fun.variadic && numIn - 1 < numFixed) t = fun.params[numIn - 1]!;
      argv[i] = this.validateType(final, t);
    }
    if (isBuiltin && fun.special === 'call') {
      argv.unshift(nArgs === 0 ? String(final) : nodeString(argNodes[1]!));
    }
    let v: unknown;
    try {
      v = fun.fn(...argv);
    } catch (e) {
      if (e === BREAK || e === CONTINUE) throw e;
      if (e instanceof RangeError && /call stack/.test(e.message)) throw e;
      this.at(node);
      this.errorf(`error calling ${name}: ${(e as Error)?.message ?? String(e)}`);
    }
    return v;
  }

  evalArg(dot: unknown, typ: ParamType, n: Node): unknown {
    this.at(n);
    switch (n.kind) {
      case 'dot':
        return this.validateType(dot, typ);
      case 'nil':
        if (canBeNil(typ)) return typ === 'value' ? NO_VALUE : null;
        this.errorf(`cannot assign nil to ${typ}`);
        break;
      case 'field':
        return this.validateType(this.evalFieldNode(dot, n, [n], NO_VALUE, false), typ);
      case 'variable':
        return this.validateType(this.evalVariableNode(dot, n, [], NO_VALUE, false), typ);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, n), typ);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, n, n, [], NO_VALUE, false), typ);
      case 'chain':
        return this.validateType(this.evalChainNode(dot, n, [], NO_VALUE, false), typ);
    }
    switch (typ) {
      case 'bool':
        if (n.kind === 'bool') return n.value;
        this.errorf(`expected bool; found ${nodeString(n)}`);
        break;
      case 'float64':
        if (n.kind === 'number' && n.isFloat) return n.float;
        this.errorf(`expected float; found ${nodeString(n)}`);
        break;
      case 'int':
      case 'int64':
      case 'int32':
      case 'uint32':
      case 'uint64':
        if (n.kind === 'number' && n.isInt) return n.int;
        this.errorf(`expected integer; found ${nodeString(n)}`);
        break;
      case 'string':
        if (n.kind === 'string') return n.text;
        this.errorf(`expected string; found ${nodeString(n)}`);
        break;
      case 'any':
      case 'any?':
      case 'value':
        if (n.kind === 'bool') return n.value;
        if (n.kind === 'number') return this.idealConstant(n);
        if (n.kind === 'string') return n.text;
        break;
    }
    this.errorf(`can't handle ${nodeString(n)} for arg of type ${goTypeOf(typ)}`);
  }

  validateType(value: unknown, typ: ParamType): unknown {
    if (typ === 'value' || typ === 'any?') return value;
    if (value === NO_VALUE || value === undefined) {
      if (canBeNil(typ)) return null;
      this.errorf(`invalid value; expected ${goTypeOf(typ)}`);
    }
    if (typ === 'any') return value;
    if (value === null) {
      if (typ === 'any?') return value;
      this.errorf(`wrong type for value; expected ${goTypeOf(typ)}; got interface {}`);
    }
    const k = kindOf(value);
    let ok: boolean;
    switch (typ) {
      case 'string':
        ok = k === 'string' && !(value instanceof Typed && value.type !== 'string');
        break;
      case 'int':
        ok = k === 'int' && !(value instanceof Typed && value.type !== 'int');
        break;
      case 'int64':
      case 'int32':
      case 'uint32':
      case 'uint64':
        ok = (k === 'int' || k === 'uint') && value instanceof Typed && value.type === typ;
        break;
      case 'float64':
        ok = k === 'float';
        break;
      case 'bool':
        ok = k === 'bool';
        break;
      case 'map':
        ok = k === 'map' && (!(value instanceof Typed) || value.type === 'map[string]interface {}');
        break;
      case '[]any':
        ok = k === 'slice' && (!(value instanceof Typed) || value.type === '[]interface {}');
        break;
      default:
        // Composite types of builtin element types are checked exactly; package types (v1.Container, ...)
        // cannot be expressed by JS data and are accepted as given.
        if (BUILTIN_COMPOSITE.test(typ)) ok = value instanceof Typed ? value.type === typ : false;
        else ok = true;
    }
    if (!ok) {
      const got = value === null ? 'interface {}' : typeName(value);
      this.errorf(`wrong type for value; expected ${goTypeOf(typ)}; got ${got}`);
    }
    return value;
  }

  printValue(n: Node, v: unknown) {
    this.at(n);
    if (v === NO_VALUE || v === null || v === undefined) {
      this.out += '<no value>';
      return;
    }
    switch (typeof v) {
      case 'string':
        this.out += v;
        return;
      case 'function':
        this.errorf(`can't print ${nodeString(n)} of type ${typeName(v)}`);
    }
    this.out += formatValue(v);
  }
}

const BUILTIN_COMPOSITE =
  /^(map\[string\](string|interface \{\})|\[\](string|int|int64|uint8|interface \{\}))$/;

function canBeNil(typ: ParamType): boolean {
  return (
    typ === 'any' ||
    typ === 'value' ||
    typ === 'any?' ||
    typ === 'map' ||
    typ === '[]any' ||
    typ.startsWith('[]') ||
    typ.startsWith('map[') ||
    typ.startsWith('*') ||
    typ.startsWith('func')
  );
}

export function goTypeOf(typ: ParamType): string {
  switch (typ) {
    case 'any':
    case 'any?':
      return 'interface {}';
    case 'value':
      return 'reflect.Value';
    case 'map':
      return 'map[string]interface {}';
    case '[]any':
      return '[]interface {}';
    default:
      return typ;
  }
}

export type { ListNode };
