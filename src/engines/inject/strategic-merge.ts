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
  const out = [...original];
  for (const item of patch) {
    if (!isMap(item)) {
      if (!out.some((o) => sameKey(o, item))) out.push(item);
      continue;
    }
    const idx = out.findIndex((o) => isMap(o) && sameKey(o[key], item[key]));
    if (idx >= 0) out[idx] = strategicMerge(out[idx] as JsonMap, item, elemType);
    else out.push(item);
  }
  return out;
}
