// RFC 6902 JSON patch, applied to a copy (what the webhook's AdmissionResponse carries).
import { isMap, type Json } from './typed.js';

export interface PatchOp {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  from?: string;
  value?: Json;
}

function tokens(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`invalid JSON pointer "${pointer}"`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(doc: Json, toks: string[]): [Json, string] {
  let cur = doc;
  for (const t of toks.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[Number(t)] as Json;
    else if (isMap(cur)) cur = cur[t] as Json;
    else throw new Error(`path not found: /${toks.join('/')}`);
    if (cur === undefined) throw new Error(`path not found: /${toks.join('/')}`);
  }
  return [cur, toks[toks.length - 1]!];
}

function getAt(doc: Json, pointer: string): Json {
  let cur: Json | undefined = doc;
  for (const t of tokens(pointer)) {
    cur = Array.isArray(cur) ? cur[Number(t)] : isMap(cur) ? cur[t] : undefined;
    if (cur === undefined) throw new Error(`path not found: ${pointer}`);
  }
  return cur;
}

function remove(doc: Json, pointer: string): Json {
  const [parent, last] = parentOf(doc, tokens(pointer));
  if (Array.isArray(parent)) {
    const i = Number(last);
    if (!(i >= 0 && i < parent.length)) throw new Error(`index out of range: ${pointer}`);
    return parent.splice(i, 1)[0]!;
  }
  if (isMap(parent) && last in parent) {
    const v = parent[last]!;
    delete parent[last];
    return v;
  }
  throw new Error(`path not found: ${pointer}`);
}

function add(doc: Json, pointer: string, value: Json): Json {
  const toks = tokens(pointer);
  if (toks.length === 0) return value;
  const [parent, last] = parentOf(doc, toks);
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : Number(last);
    if (!(i >= 0 && i <= parent.length)) throw new Error(`index out of range: ${pointer}`);
    parent.splice(i, 0, value);
  } else if (isMap(parent)) parent[last] = value;
  else throw new Error(`path not found: ${pointer}`);
  return doc;
}

export function applyJsonPatch(input: Json, ops: PatchOp[]): Json {
  let doc = structuredClone(input);
  for (const o of ops) {
    switch (o.op) {
      case 'add':
        doc = add(doc, o.path, structuredClone(o.value ?? null));
        break;
      case 'remove':
        remove(doc, o.path);
        break;
      case 'replace':
        if (o.path === '') doc = structuredClone(o.value ?? null);
        else {
          remove(doc, o.path);
          doc = add(doc, o.path, structuredClone(o.value ?? null));
        }
        break;
      case 'move': {
        const v = remove(doc, o.from ?? '');
        doc = add(doc, o.path, v);
        break;
      }
      case 'copy':
        doc = add(doc, o.path, structuredClone(getAt(doc, o.from ?? '')));
        break;
      case 'test':
        if (JSON.stringify(getAt(doc, o.path)) !== JSON.stringify(o.value))
          throw new Error(`test failed at ${o.path}`);
        break;
      default:
        throw new Error(`unknown JSON patch operation ${(o as { op: string }).op}`);
    }
  }
  return doc;
}
