// Public API of the Go template engine (package export `istioctl-ts/template`).
//   renderGoTemplate(text, data, options)  — parse (cached) + execute, Go semantics, throws TemplateError
//   compileGoTemplate(text, options)       — parse once, execute many
//   renderChart(chart, options)            — Helm chart rendering (see chart.ts); renderChartLive adds lookup
import { buildHelmFuncs } from './chart.js';
import { ExecError, execute, type MissingKey, type Templates } from './exec.js';
import { type FuncMap, fromJs, type GoFunc } from './func-types.js';
import { builtinFuncs } from './funcs/builtins.js';
import { istioFuncs } from './funcs/istio.js';
import { sprigFuncs } from './funcs/sprig.js';
import type { Tree } from './nodes.js';
import { ParseError, parseTemplates } from './parse.js';
import { Typed } from './values.js';

export {
  type ChartInput,
  loadChartDir,
  type RenderChartOptions,
  type RenderedChart,
  renderChart,
  renderChartLive,
} from './chart.js';
export type { FuncMap, GoFunc } from './func-types.js';
export { def as goFunc } from './func-types.js';
export { GO_TYPE, goInt, NO_VALUE, Typed } from './values.js';

/** A map[string]string (what corev1 annotations/labels are; istio's isset and toJSON require it). */
export const goStringMap = (m: Record<string, string> | null | undefined): Typed =>
  new Typed('map[string]string', m === null || m === undefined ? {} : { ...m });
/** A []string. */
export const goStrings = (xs: string[]): Typed => new Typed('[]string', [...xs]);

/** A template error; `message` is exactly Go's error text. `partial` is the output written before it. */
export class TemplateError extends Error {
  override name = 'TemplateError';
  constructor(
    message: string,
    readonly partial = '',
  ) {
    super(message);
  }
}

export interface TemplateOptions {
  /** 'go': text/template + Sprig (default); 'helm': Helm's function map (no env/expandenv). */
  mode?: 'go' | 'helm';
  /** Add istiod's injection-template functions (formatDuration, isset, annotation, ...). */
  istio?: boolean;
  /** Leave Sprig out (plain text/template builtins only). */
  sprig?: boolean;
  /** Template name used in error messages (Go: template.New(name)). Default "template". */
  name?: string;
  /** Extra functions; a plain JS function takes variadic interface{} arguments. */
  funcs?: Record<string, Function | GoFunc>;
  missingKey?: 'default' | 'invalid' | 'zero' | 'error';
  /** Environment for Sprig's env/expandenv and istio's env (default: empty). */
  env?: Record<string, string | undefined>;
}

export interface CompiledTemplate {
  readonly name: string;
  execute(data: unknown): string;
  /** Other templates defined with {{define}}/{{block}}. */
  templateNames(): string[];
  executeTemplate(name: string, data: unknown): string;
}

const cache = new Map<string, CompiledTemplate>();
const CACHE_LIMIT = 256;

export function buildFuncMap(options: TemplateOptions = {}): FuncMap {
  const env = options.env ?? {};
  const fm: FuncMap = builtinFuncs();
  if (options.sprig !== false) Object.assign(fm, sprigFuncs(env, options.mode === 'helm'));
  if (options.istio) Object.assign(fm, istioFuncs(env));
  for (const [k, f] of Object.entries(options.funcs ?? {})) {
    fm[k] = typeof f === 'function' ? fromJs(f) : f;
  }
  return fm;
}

export function compileGoTemplate(text: string, options: TemplateOptions = {}): CompiledTemplate {
  const name = options.name ?? 'template';
  if (options.mode === 'helm') {
    // Helm's engine: its function map (include/tpl bound to this template set), missing keys render empty.
    const set: Templates = { trees: new Map(), funcs: {}, missingKey: options.missingKey ?? 'zero' };
    buildHelmFuncs(set, {});
    if (options.istio) Object.assign(set.funcs, istioFuncs(options.env ?? {}));
    for (const [k, f] of Object.entries(options.funcs ?? {}))
      set.funcs[k] = typeof f === 'function' ? fromJs(f) : f;
    return compileWith(text, name, set.funcs, set.missingKey, set, true);
  }
  const funcs = buildFuncMap(options);
  return compileWith(text, name, funcs, options.missingKey ?? 'default');
}

export function compileWith(
  text: string,
  name: string,
  funcs: FuncMap,
  missingKey: MissingKey,
  into?: Templates,
  helm = false,
): CompiledTemplate {
  let trees: Map<string, Tree>;
  try {
    trees = parseTemplates(name, text, (n) => Object.hasOwn(funcs, n));
  } catch (e) {
    if (e instanceof ParseError) throw new TemplateError(e.message);
    throw e;
  }
  const set: Templates = into ?? { trees, funcs, missingKey };
  if (into) for (const [k, t] of trees) into.trees.set(k, t);
  const run = (tname: string, data: unknown) => {
    try {
      const out = execute(set, tname, data);
      return helm ? out.replaceAll('<no value>', '') : out;
    } catch (e) {
      if (e instanceof ExecError) throw new TemplateError(e.message, (e as any).partial ?? '');
      throw e;
    }
  };
  return {
    name,
    execute: (data) => run(name, data),
    templateNames: () => [...trees.keys()].filter((k) => k !== name).sort(),
    executeTemplate: run,
  };
}

/** Render a Go template with Go's semantics. Parse results are cached by text and options. */
export function renderGoTemplate(text: string, data: unknown, options: TemplateOptions = {}): string {
  const cacheable = !options.funcs && !options.env;
  if (!cacheable) return compileGoTemplate(text, options).execute(data);
  const key = `${options.mode ?? 'go'}|${options.istio ? 1 : 0}|${options.sprig === false ? 0 : 1}|${options.name ?? ''}|${options.missingKey ?? ''}|${text}`;
  let t = cache.get(key);
  if (!t) {
    t = compileGoTemplate(text, options);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(key, t);
  }
  return t.execute(data);
}
