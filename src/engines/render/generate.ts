// `manifest generate` as an engine: merged IstioOperator → per-component chart values → chart
// render → post-processing → upstream's object order. Chart loading and template execution come
// in through ChartSource, so this module stays free of file system and template details.
import { getPath, isMap, type Tree } from '../../model/iop/tree.js';
import { assertValid } from '../../model/iop/validate.js';
import { type ComponentInstance, componentValues, enabledComponents } from './components.js';
import { cachedYaml, type DocumentCache, objectFromCache } from './doc-cache.js';
import { effectiveValues, type MergedInputs, type MergeOptions, mergeInputs } from './merge.js';
import { sortObjects } from './order.js';
import { postProcess } from './postprocess.js';

export interface RenderedFile {
  /** Template path inside the chart, e.g. templates/deployment.yaml. */
  path: string;
  content: string;
}

export interface ChartSource {
  /** Renders one of our charts (base, istiod, gateway, istio-cni, ztunnel) as Helm would. */
  render(chart: string, values: Tree, release: { name: string; namespace: string }): Promise<RenderedFile[]>;
  /** Precomputed reads and writes of the charts' static documents, when there are any. */
  documentCache?(): Promise<DocumentCache | undefined>;
}

export interface ComponentManifest {
  component: ComponentInstance;
  objects: Tree[];
}

/** The release name istioctl renders every chart with (labels app.kubernetes.io/instance, release). */
export const RELEASE_NAME = 'istio';

/**
 * Parses rendered template output into objects (documents without a kind are dropped). Documents are
 * split as Helm's releaseutil does (see readDocument), and a document the cache knows is not read at all.
 */
export async function parseRendered(files: RenderedFile[], cache?: DocumentCache): Promise<Tree[]> {
  let load: ((text: string) => unknown) | undefined;
  const out: Tree[] = [];
  for (const f of files) {
    if (!f.path.endsWith('.yaml') && !f.path.endsWith('.yml')) continue;
    for (const doc of splitDocuments(f.content.trim())) {
      if (doc.trim() === '') continue;
      const hit = cache?.get(doc);
      let v: unknown;
      try {
        if (hit) v = objectFromCache(hit);
        else {
          load ??= await readDocument();
          v = load(doc);
        }
      } catch (e) {
        throw new Error(
          `chart template ${f.path} produced invalid YAML: ${(e as Error).message.split('\n')[0]}`,
        );
      }
      if (isMap(v) && typeof v.kind === 'string' && v.kind !== '') out.push(v);
    }
  }
  return out;
}

const JS_SPACE = /\s/;
const isSpace = (c: number) =>
  c === 32 || (c >= 9 && c <= 13) || (c > 127 && JS_SPACE.test(String.fromCharCode(c)));

/**
 * `text.split(/(?:^|\s*\n)---\s*\/)` (Helm's releaseutil separator) without the regexp, which tries
 * `\s*\n` at every position of every indentation run: slow on the large CRD documents.
 */
export function splitDocuments(text: string): string[] {
  const out: string[] = [];
  let piece = 0;
  const skipSpace = (i: number) => {
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    return i;
  };
  if (text.startsWith('---')) {
    out.push('');
    piece = skipSpace(3);
  }
  for (;;) {
    const k = text.indexOf('\n---', piece);
    if (k < 0) break;
    let start = k;
    while (start > piece && isSpace(text.charCodeAt(start - 1))) start--;
    out.push(text.slice(piece, start));
    piece = skipSpace(k + 4);
  }
  out.push(text.slice(piece));
  return out;
}

/**
 * How parseRendered reads one document (the doc cache is built with this very function): the line
 * reader for the block YAML charts render, js-yaml for the rest. Both with YAML's core schema plus
 * merge keys, so a timestamp-like scalar stays a string, as goyaml v2 leaves it for interface{}.
 */
export async function readDocument(): Promise<(text: string) => unknown> {
  const [{ default: jsyaml }, { readBlockYaml }] = await Promise.all([
    import('js-yaml'),
    import('../template/funcs/yaml-block.js'),
  ]);
  // js-yaml exports its built-in types at run time; @types/js-yaml doesn't declare them.
  const { merge } = (jsyaml as unknown as { types: { merge: import('js-yaml').Type } }).types;
  const schema = jsyaml.CORE_SCHEMA.extend({ implicit: [merge] });
  return (text) => {
    const fast = readBlockYaml(text);
    return fast ? fast.value : jsyaml.load(text, { schema });
  };
}

/** Renders every enabled component of a merged IstioOperator whose values are final. */
export async function renderComponents(
  iop: Tree,
  values: Tree,
  charts: ChartSource,
): Promise<ComponentManifest[]> {
  const revision = String(getPath(values, 'revision') ?? '');
  const out: ComponentManifest[] = [];
  const cache = await charts.documentCache?.();
  for (const inst of enabledComponents(iop)) {
    const compValues = componentValues(inst, values);
    const files = await charts.render(inst.info.chart, compValues, {
      name: RELEASE_NAME,
      namespace: inst.namespace,
    });
    const objects = await postProcess(inst, await parseRendered(files, cache), revision);
    out.push({ component: inst, objects });
  }
  return out;
}

/** All objects of all components, in upstream's order, each as sigs.k8s.io/yaml writes it, then `---`. */
export async function formatManifests(manifests: ComponentManifest[]): Promise<string> {
  const { goYamlMarshal } = await import('../inject/go-yaml.js');
  return sortObjects(manifests.flatMap((m) => m.objects))
    .map((o) => `${cachedYaml(o) ?? goYamlMarshal(o)}\n---\n`)
    .join('');
}

export interface GenerateOptions extends MergeOptions {
  force: boolean;
  /** The charts to render with, given the merged installPackagePath ("" = built-in). */
  charts(installPackagePath: string): ChartSource;
  /** Receives validation warnings (and, with force, the errors that were overridden). */
  warn(message: string): void;
}

/** The whole pipeline: merge inputs, validate, render each enabled component, post-process. */
export async function generateManifests(
  opts: GenerateOptions,
): Promise<{ merged: MergedInputs; manifests: ComponentManifest[] }> {
  const merged = await mergeInputs(opts);
  for (const w of assertValid(merged.iop, opts.force)) opts.warn(w);
  const manifests = await renderComponents(
    merged.iop,
    effectiveValues(merged.iop),
    opts.charts(merged.installPackagePath),
  );
  return { merged, manifests };
}
