// The snapshot analyzers see: resources by collection, sorted, with a name index. A later
// resource with the same identity replaces an earlier one, so files layer over cluster state.
import type { Resource } from './types.js';

/** Namespaces upstream never analyzes. */
export const IGNORED_NAMESPACES: ReadonlySet<string> = new Set([
  'kube-system',
  'kube-public',
  'kube-node-lease',
  'local-path-storage',
]);

const id = (ns: string, name: string) => `${ns}/${name}`;

export class Snapshot {
  private readonly byKey = new Map<string, Map<string, Resource>>();
  private readonly sorted = new Map<string, Resource[]>();

  add(r: Resource): void {
    if (r.namespace && IGNORED_NAMESPACES.has(r.namespace)) return;
    if (r.key === 'Namespace' && IGNORED_NAMESPACES.has(r.name)) return;
    let m = this.byKey.get(r.key);
    if (!m) {
      m = new Map();
      this.byKey.set(r.key, m);
    }
    m.set(id(r.namespace, r.name), r);
    this.sorted.delete(r.key);
  }

  list(key: string): readonly Resource[] {
    let s = this.sorted.get(key);
    if (!s) {
      s = [...(this.byKey.get(key)?.values() ?? [])].sort((a, b) =>
        a.namespace === b.namespace ? cmp(a.name, b.name) : cmp(a.namespace, b.namespace),
      );
      this.sorted.set(key, s);
    }
    return s;
  }

  find(key: string, namespace: string, name: string): Resource | undefined {
    return this.byKey.get(key)?.get(id(namespace, name));
  }

  /** Every resource, for suppression lookups and counting. */
  *all(): Iterable<Resource> {
    for (const m of this.byKey.values()) yield* m.values();
  }

  get size(): number {
    let n = 0;
    for (const m of this.byKey.values()) n += m.size;
    return n;
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
