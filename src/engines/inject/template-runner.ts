// Runs injection templates on the Go template engine with istiod's function map (text/template +
// Sprig + Istio's functions). structToJSON/protoToJSON read back the JSON each struct was built
// from (template-data.ts), so they are supplied here.
import { ExecError, execute } from '../template/exec.js';
import { type FuncMap, fromJs } from '../template/func-types.js';
import { builtinFuncs } from '../template/funcs/builtins.js';
import { istioFuncs } from '../template/funcs/istio.js';
import { sprigFuncs } from '../template/funcs/sprig.js';
import type { Tree } from '../template/nodes.js';
import { ParseError, parseTemplates } from '../template/parse.js';
import { Typed } from '../template/values.js';
import type { TemplateData, TemplateRunner } from './inject.js';
import { proxyConfigJSON } from './mesh-config.js';
import { goJSON } from './post-process.js';
import { goTemplateData, sourceOf } from './template-data.js';
import { isMap, type JsonMap } from './typed.js';

/** k8s.v1.cni.cncf.io/networks with istio-cni added; the JSON form names the namespace apart. */
function appendMultusNetwork(existing: unknown, network: unknown): string {
  const cur = typeof existing === 'string' ? existing : '';
  const net = String(network);
  if (cur === '') return net;
  const i = cur.lastIndexOf(']');
  if (i >= 0) {
    let nets: unknown;
    try {
      nets = JSON.parse(cur);
    } catch {
      return cur;
    }
    if (!Array.isArray(nets)) return cur;
    const slash = net.indexOf('/');
    const ns = slash >= 0 ? net.slice(0, slash) : '';
    const name = slash >= 0 ? net.slice(slash + 1) : net;
    for (const n of nets) {
      if (isMap(n) && n.name === name && (ns === '' || (n.namespace ?? '') === ns)) return cur;
      if (isMap(n) && n.name === net) return cur;
    }
    const entry = ns === '' ? `{"name": "${name}"}` : `{"name": "${name}", "namespace": "${ns}"}`;
    return `${cur.slice(0, i)}, ${entry}${cur.slice(i)}`;
  }
  for (const n of cur.split(',')) if (n.trim() === net) return cur;
  return `${cur}, ${net}`;
}

const ownFuncs = {
  appendMultusNetwork,
  structToJSON: (v: unknown) => {
    const src = sourceOf(v);
    return src === null || src === undefined ? '{}' : goJSON(src);
  },
  protoToJSON: (v: unknown) => {
    const src = sourceOf(v);
    return isMap(src) ? proxyConfigJSON(src as JsonMap) : '{}';
  },
};

function funcMap(env: Readonly<Record<string, string | undefined>>): FuncMap {
  const e = { ...env };
  const fm: FuncMap = { ...builtinFuncs(), ...sprigFuncs(e, false), ...istioFuncs(e) };
  for (const [k, f] of Object.entries(ownFuncs)) fm[k] = fromJs(f);
  // Go's index on a map[string]string yields "" for a missing key (the element's zero value).
  const index = fm.index!;
  fm.index = {
    ...index,
    fn: (item: unknown, ...keys: unknown[]) => {
      if (
        keys.length === 1 &&
        item instanceof Typed &&
        item.type === 'map[string]string' &&
        typeof keys[0] === 'string'
      ) {
        const m = item.value as Record<string, string>;
        return Object.hasOwn(m, keys[0]) ? m[keys[0]] : '';
      }
      return index.fn(item, ...keys);
    },
  };
  return fm;
}

/**
 * A runner that parses each template text once (istiod parses its templates at load time);
 * `load` parses one ahead of use, so a broken template fails even when no pod needs it.
 */
export function templateRunner(
  env: Readonly<Record<string, string | undefined>> = {},
): TemplateRunner & { load(text: string): void } {
  const funcs = funcMap(env);
  const cache = new Map<string, Map<string, Tree>>();
  const load = (text: string): Map<string, Tree> => {
    let trees = cache.get(text);
    if (!trees) {
      try {
        trees = parseTemplates('inject', text, (n) => Object.hasOwn(funcs, n));
      } catch (e) {
        if (e instanceof ParseError) throw new Error(e.message);
        throw e;
      }
      cache.set(text, trees);
    }
    return trees;
  };
  const run = async (_name: string, text: string, data: TemplateData) => {
    const trees = load(text);
    try {
      return execute({ trees, funcs, missingKey: 'default' }, 'inject', goTemplateData(data));
    } catch (e) {
      if (e instanceof ExecError) throw new Error(e.message);
      throw e;
    }
  };
  return Object.assign(run, {
    load: (text: string) => {
      load(text);
    },
  });
}
