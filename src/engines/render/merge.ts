// Merging the inputs of an install into one IstioOperator (operator/pkg/render MergeInputs).
// The precedence lives in mergeInputs() and nowhere else:
//   default profile < selected profile < cluster-detected settings < build hub/tag
//   < -f files (left to right) < --set flags (left to right)
// and, inside the result, explicit `values.*` win over the translated top-level fields.
import { DataError, UsageError } from '../../cli/errors.js';
import { applySetFlags, parseSetFlag, type SetFlag } from '../../model/iop/set-flags.js';
import { clone, getPath, isMap, mergeTrees, setPath, type Tree } from '../../model/iop/tree.js';

export interface IopFile {
  /** Name for messages (`-` for stdin). */
  name: string;
  /** The parsed YAML documents of the file (nulls for empty documents dropped by the caller). */
  documents: unknown[];
}

export interface MergeOptions {
  files: IopFile[];
  /** Raw `--set` entries in order. */
  set: string[];
  /** `-d/--manifests`: becomes `installPackagePath`. */
  manifests?: string;
  /** `-r/--revision`: becomes `revision` unless empty or `default`. */
  revision?: string;
  /** Loads a profile document by name from the given installPackagePath (or the built-in one). */
  loadProfile(name: string, installPackagePath: string): Promise<Tree>;
  /** Settings detected on the cluster (only with a cluster), as --set entries. */
  clusterSettings?: string[];
  /** The release's own image hub/tag, set over the profile; omitted in test mode to match goldens. */
  buildHubTag?: { hub: string; tag: string };
}

export interface MergedInputs {
  /** The complete IstioOperator after merging and translation. */
  iop: Tree;
  /** The user's own configuration (files and flags) before the profile was applied. */
  user: Tree;
  profile: string;
  installPackagePath: string;
}

function emptyIop(): Tree {
  return { apiVersion: 'install.istio.io/v1alpha1', kind: 'IstioOperator', metadata: {}, spec: {} };
}

/** The user's files and flags merged in order, before any profile. */
export function userConfig(opts: Pick<MergeOptions, 'files' | 'set' | 'manifests' | 'revision'>): Tree {
  let user: Tree = emptyIop();
  opts.files.forEach((f, i) => {
    if (f.name === '-' && i !== opts.files.length - 1)
      throw new UsageError('stdin is only allowed as the last filename');
    const docs = f.documents.filter((d) => d !== null && d !== undefined);
    if (docs.length > 1) {
      throw new DataError(`${f.name} contains multiple IstioOperator CRs, only one per file is supported`);
    }
    const doc = docs[0];
    if (doc === undefined) return;
    if (!isMap(doc)) throw new DataError(`${f.name}: an IstioOperator must be a map`);
    const copy = clone(doc);
    if (copy.spec === null) delete copy.spec;
    user = mergeTrees(user, copy) as Tree;
  });
  const flags: SetFlag[] = opts.set.map(parseSetFlag);
  if (opts.manifests) flags.push(parseSetFlag(`installPackagePath=${opts.manifests}`));
  if (opts.revision && opts.revision !== 'default') flags.push(parseSetFlag(`revision=${opts.revision}`));
  applySetFlags(user, flags);
  return user;
}

export async function mergeInputs(opts: MergeOptions): Promise<MergedInputs> {
  const user = userConfig(opts);
  const spec = isMap(user.spec) ? user.spec : {};
  const profile = typeof spec.profile === 'string' && spec.profile !== '' ? spec.profile : 'default';
  const installPackagePath = typeof spec.installPackagePath === 'string' ? spec.installPackagePath : '';

  let base = await opts.loadProfile('default', installPackagePath);
  if (profile !== 'default')
    base = mergeTrees(base, await opts.loadProfile(profile, installPackagePath)) as Tree;
  if (opts.clusterSettings?.length) applySetFlags(base, opts.clusterSettings.map(parseSetFlag));
  if (opts.buildHubTag) {
    applySetFlags(base, [
      parseSetFlag(`hub=${opts.buildHubTag.hub}`),
      parseSetFlag(`tag=${opts.buildHubTag.tag}`),
    ]);
  }
  const iop = mergeTrees(base, user) as Tree;
  translateTopLevel(iop, isMap(spec.values) ? spec.values : undefined);
  return { iop, user, profile, installPackagePath };
}

/**
 * Copies the top-level IstioOperator fields into Helm values, then puts the user's own values back
 * on top so that an explicit `values.x` beats the field it would be translated from.
 */
function translateTopLevel(iop: Tree, userValues: Tree | undefined): void {
  if (!isMap(iop.spec)) iop.spec = {};
  const spec = iop.spec as Tree;
  if (!isMap(spec.values)) spec.values = {};
  const values = spec.values as Tree;
  const copy = (from: string, to: string) => {
    const v = spec[from];
    if (v !== undefined && v !== null && v !== '') setPath(values, to, clone(v));
  };
  copy('hub', 'global.hub');
  copy('tag', 'global.tag');
  copy('revision', 'revision');
  copy('compatibilityVersion', 'compatibilityVersion');
  if (isMap(spec.meshConfig)) values.meshConfig = mergeTrees(values.meshConfig ?? {}, spec.meshConfig);
  const comps = isMap(spec.components) ? spec.components : {};
  // Component enablement is visible to every chart (cross-chart dependencies); absent means false.
  setPath(values, 'pilot.enabled', getPath(comps, 'pilot.enabled') === true);
  setPath(values, 'pilot.cni.enabled', getPath(comps, 'cni.enabled') === true);
  const ns = getPath(values, 'global.istioNamespace');
  if (typeof ns === 'string' && ns !== '') {
    if (!isMap(iop.metadata)) iop.metadata = {};
    (iop.metadata as Tree).namespace = ns;
  }
  if (userValues) spec.values = mergeTrees(spec.values, userValues);
}

/** The Helm values to render with: validated values plus the unvalidated escape hatch on top. */
export function effectiveValues(iop: Tree): Tree {
  const spec = isMap(iop.spec) ? iop.spec : {};
  const values = isMap(spec.values) ? spec.values : {};
  return isMap(spec.unvalidatedValues) ? (mergeTrees(values, spec.unvalidatedValues) as Tree) : clone(values);
}
