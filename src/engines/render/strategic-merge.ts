// Kubernetes strategic merge patch, for the handful of object shapes istioctl's k8s settings patch
// (workloads, Services, HPAs, PDBs). Maps merge, null deletes, lists with a merge key merge by that
// key and keep the apiserver's element order rules; every other list is replaced.
import { clone, isMap, type Tree } from '../../model/iop/tree.js';

/** The patchMergeKey of a list field, by field name and the kind of object it sits in. */
function mergeKeyFor(field: string, path: string[], kind: string): string | undefined {
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'env':
    case 'volumes':
    case 'imagePullSecrets':
    case 'hostAliases':
      return field === 'hostAliases' ? 'ip' : 'name';
    case 'volumeMounts':
      return 'mountPath';
    case 'ports':
      if (kind === 'Service' && path.length === 1 && path[0] === 'spec') return 'port';
      return path.includes('containers') || path.includes('initContainers') ? 'containerPort' : undefined;
    default:
      return undefined;
  }
}

function keyOf(item: unknown, key: string): string | undefined {
  if (!isMap(item) || item[key] === undefined || item[key] === null) return undefined;
  return String(item[key]);
}

/** Applies a strategic merge patch to a copy of `base`. */
export function strategicMerge(base: unknown, patch: unknown, kind: string, path: string[] = []): unknown {
  if (!isMap(patch)) return clone(patch);
  const out: Tree = isMap(base) ? clone(base) : {};
  for (const [k, pv] of Object.entries(patch)) {
    if (pv === null) {
      delete out[k];
      continue;
    }
    const bv = out[k];
    if (Array.isArray(pv)) {
      const mk = mergeKeyFor(k, path, kind);
      out[k] = mk && Array.isArray(bv) ? mergeList(bv, pv, mk, kind, [...path, k]) : clone(pv);
    } else if (isMap(pv)) {
      out[k] = strategicMerge(isMap(bv) ? bv : {}, pv, kind, [...path, k]);
    } else {
      out[k] = clone(pv);
    }
  }
  return out;
}

/**
 * Merges lists by key. Patch items merge into their base counterparts; the result lists patch items
 * in patch order, interleaved with base-only items by their base positions (new items stay right
 * after the patch item before them), as the apiserver's normalizeElementOrder does.
 */
function mergeList(base: unknown[], patch: unknown[], mk: string, kind: string, path: string[]): unknown[] {
  const baseIndex = new Map<string, number>();
  base.forEach((item, i) => {
    const key = keyOf(item, mk);
    if (key !== undefined && !baseIndex.has(key)) baseIndex.set(key, i);
  });
  const patched: unknown[] = [];
  const patchKeys = new Set<string>();
  for (const item of patch) {
    const key = keyOf(item, mk);
    if (key !== undefined) patchKeys.add(key);
    const at = key === undefined ? undefined : baseIndex.get(key);
    patched.push(at === undefined ? clone(item) : strategicMerge(base[at], item, kind, path));
  }
  const serverOnly = base.filter((item) => {
    const key = keyOf(item, mk);
    return key === undefined || !patchKeys.has(key);
  });
  const pos = (item: unknown): number => {
    const key = keyOf(item, mk);
    return key === undefined ? -1 : (baseIndex.get(key) ?? -1);
  };
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < patched.length || j < serverOnly.length) {
    if (i >= patched.length) out.push(serverOnly[j++]);
    else if (j >= serverOnly.length) out.push(patched[i++]);
    else {
      const li = pos(patched[i]);
      const ri = pos(serverOnly[j]);
      if (li >= 0 && ri >= 0 && ri < li) out.push(serverOnly[j++]);
      else out.push(patched[i++]);
    }
  }
  return out;
}
