// Upstream's output order for rendered objects (operator/pkg/manifest and uninstall's kind ranking):
// by kind rank, then API group, then kind, then name; a stable sort otherwise.
import { isMap, type Tree } from '../../model/iop/tree.js';

const KIND_RANK: Record<string, number> = {
  CustomResourceDefinition: -1000,
  ServiceAccount: 1,
  ClusterRole: 1,
  ClusterRoleBinding: 2,
  ValidatingWebhookConfiguration: 3,
  ConfigMap: 100,
  Deployment: 1000,
  HorizontalPodAutoscaler: 1001,
  Service: 10000,
};

function kindRank(kind: string): number {
  return KIND_RANK[kind] ?? 1000;
}

function group(o: Tree): string {
  const av = typeof o.apiVersion === 'string' ? o.apiVersion : '';
  const slash = av.indexOf('/');
  return slash < 0 ? '' : av.slice(0, slash);
}

function nameOf(o: Tree): string {
  return isMap(o.metadata) && typeof o.metadata.name === 'string' ? o.metadata.name : '';
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts objects (a copy) the way `istioctl manifest generate` prints them. */
export function sortObjects(objects: Tree[]): Tree[] {
  return objects
    .map((o, i) => ({ o, i }))
    .sort((x, y) => {
      const kx = String(x.o.kind ?? '');
      const ky = String(y.o.kind ?? '');
      return (
        kindRank(kx) - kindRank(ky) ||
        cmp(group(x.o), group(y.o)) ||
        cmp(kx, ky) ||
        cmp(nameOf(x.o), nameOf(y.o)) ||
        x.i - y.i
      );
    })
    .map((e) => e.o);
}
