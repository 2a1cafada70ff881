// Maps a field path (`spec.http[0].route`) to the line of that field in the document's source text.
import { isMap, isScalar, isSeq, type Node, parseDocument } from 'yaml';

export function splitPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/** Returns a function giving the 1-based absolute line for a field path (the nearest existing parent). */
export function lineLocator(source: string, startLine: number): (path: string) => number {
  const doc = parseDocument(source, { uniqueKeys: false, keepSourceTokens: false });
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const root = doc.contents as Node | null;
  const base = root?.range ? lineOf(root.range[0]) : 1;
  return (path: string) => {
    let node: Node | null | undefined = root;
    let offset = root?.range?.[0] ?? 0;
    for (const key of splitPath(path)) {
      if (isMap(node)) {
        const pair = node.items.find(
          (p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(key),
        );
        if (!pair) break;
        const k = pair.key as Node | null;
        if (k?.range) offset = k.range[0];
        node = pair.value as Node | null;
      } else if (isSeq(node) && typeof key === 'number') {
        const item = node.items[key] as Node | undefined;
        if (!item) break;
        if (item.range) offset = item.range[0];
        node = item;
      } else break;
    }
    return startLine + lineOf(offset) - base;
  };
}
