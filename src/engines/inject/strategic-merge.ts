// Strategic merge of a rendered template onto a pod, as k8s.io/apimachinery's strategicpatch
// does it with the Pod schema: maps merge key by key, null deletes, lists with a merge key merge
// item by item (matches merged in place, new items appended in patch order), other lists replace.
import { fieldType, isMap, type Json, type JsonMap } from './typed.js';

export function strategicMerge(original: JsonMap, patch: JsonMap, type: string | undefined): JsonMap {
  const out: JsonMap = { ...original };
  for (const [k, pv] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    if (pv === null) {
      delete out[k];
      continue;
    }
    const ov = out[k];
    if (ov === undefined || ov === null) {
      out[k] = pv;
      continue;
    }
    const ft = fieldType(type, k);
    if (isMap(ov) && isMap(pv)) out[k] = strategicMerge(ov, pv, ft.type);
    else if (Array.isArray(ov) && Array.isArray(pv) && ft.mergeKey)
      out[k] = mergeList(ov, pv, ft.mergeKey, ft.type);
    else out[k] = pv;
  }
  return out;
}

function sameKey(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  // The patch side may carry a number where the original has one too; compare as JSON.
  return a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

function mergeList(original: Json[], patch: Json[], key: string, elemType: string | undefined): Json[] {
  if (original.length === 0 && patch.length === 0) return original;
  const merged = [...original];
  for (const item of patch) {
    if (!isMap(item)) {
      if (!merged.some((o) => sameKey(o, item))) merged.push(item);
      continue;
    }
    const idx = merged.findIndex((o) => isMap(o) && sameKey(o[key], item[key]));
    if (idx >= 0) merged[idx] = strategicMerge(merged[idx] as JsonMap, item, elemType);
    else merged.push(item);
  }
  // apimachinery's normalizeElementOrder: items named in the patch keep the patch's order, the
  // others keep the original's, and an original-only item goes before a patch item only when
  // both were in the original in that order.
  const keyOf = (x: Json) => (isMap(x) ? x[key] : x);
  const indexIn = (list: Json[], x: Json) => list.findIndex((o) => sameKey(keyOf(o), keyOf(x)));
  const inPatch = (x: Json) => indexIn(patch, x) >= 0;
  const patchItems = merged.filter(inPatch).sort((a, b) => indexIn(patch, a) - indexIn(patch, b));
  const serverOnly = merged
    .filter((x) => !inPatch(x))
    .sort((a, b) => indexIn(original, a) - indexIn(original, b));
  const out: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < patchItems.length) {
    if (i >= serverOnly.length) out.push(patchItems[j++]!);
    else if (j >= patchItems.length) out.push(serverOnly[i++]!);
    else {
      const li = indexIn(original, serverOnly[i]!);
      const ri = indexIn(original, patchItems[j]!);
      if (li >= 0 && ri >= 0 && li < ri) out.push(serverOnly[i++]!);
      else out.push(patchItems[j++]!);
    }
  }
  return out;
}
