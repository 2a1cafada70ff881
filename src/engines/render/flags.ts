// A tree as `--set`-style `path=value` pairs (profile dump -o flags): one pair per leaf, paths in the
// --set grammar (dots escaped inside keys, [i] for list elements), sorted.
import { isMap } from '../../model/iop/tree.js';

export function flattenLeaves(tree: unknown, prefix = ''): [string, string][] {
  const out: [string, string][] = [];
  const walk = (v: unknown, path: string) => {
    if (isMap(v) && Object.keys(v).length > 0) {
      for (const [k, x] of Object.entries(v))
        walk(x, path === '' ? k.replaceAll('.', '\\.') : `${path}.${k.replaceAll('.', '\\.')}`);
    } else if (Array.isArray(v) && v.length > 0) {
      v.forEach((x, i) => {
        walk(x, `${path}[${i}]`);
      });
    } else {
      out.push([path, leafText(v)]);
    }
  };
  walk(tree, prefix);
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function leafText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (isMap(v)) return '{}';
  if (Array.isArray(v)) return '[]';
  return String(v).replaceAll(',', '\\,');
}
