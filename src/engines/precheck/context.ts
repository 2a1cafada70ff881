// What every precheck check receives, and the small helpers several checks share.
import type { Cluster, KubeObject } from '../../cluster/cluster.js';
import type { PrecheckMessage } from './messages.js';

/** One SelfSubjectAccessReview to make: can the user create this resource (in this namespace)? */
export interface PermissionTarget {
  group: string;
  version: string;
  /** Plural resource name, e.g. `deployments`. */
  resource: string;
  /** Omitted for cluster-scoped resources. */
  namespace?: string;
}

/** The versions a CRD of the new install declares (from the package's CRD file). */
export interface NewCrd {
  name: string;
  versions: string[];
}

export interface PrecheckContext {
  cluster: Cluster;
  istioNamespace: string;
  /** `-n`: limits the namespaced findings; undefined means every namespace. */
  namespace?: string;
  /** The revision about to be installed; '' is the default revision. */
  revision: string;
  /** The Istio version this istioctl installs, e.g. 1.30.3. */
  clientVersion: string;
  /** What the install creates, for the permission check. */
  installTargets: PermissionTarget[];
  /** The CRDs the install would apply, for the stored-versions check. */
  newCrds: NewCrd[];
  /** The rendered objects of the install about to run, when known (its webhooks join the overlap check). */
  plannedObjects?: KubeObject[];
}

export interface Check {
  /** Kebab-case name, the same as the file that implements it. */
  name: string;
  /** Checks istioctl itself runs: their errors stop the run as upstream's do. */
  upstream: boolean;
  run(ctx: PrecheckContext): Promise<PrecheckMessage[]>;
}

export interface MinorVersion {
  major: number;
  minor: number;
  /** The version as found, e.g. 1.29.2 or 1.29-dev. */
  text: string;
}

/** Reads `1.29`, `1.29.2`, `v1.29.2`, `1.29.2-distroless` (and image tags ending in those). */
export function parseMinor(s: string): MinorVersion | undefined {
  const m = /(?:^|[^\d.])v?(\d+)\.(\d+)((?:\.\d+)?(?:-[\w.]+)?)$/.exec(s) ?? /^v?(\d+)\.(\d+)(.*)$/.exec(s);
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), text: `${m[1]}.${m[2]}${m[3] ?? ''}` };
}

/** The tag of a container image reference (after the last `:` that follows the last `/`), sans digest. */
export function imageTag(image: string): string | undefined {
  const noDigest = image.split('@')[0]!;
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(colon + 1) : undefined;
}

/** How many minor versions `older` is behind `newer` (negative when it is ahead); same major assumed. */
export function minorsBehind(newer: MinorVersion, older: MinorVersion): number {
  return (newer.major - older.major) * 100 + newer.minor - older.minor;
}

export function labelsOf(o: KubeObject): Record<string, string> {
  return o.metadata.labels ?? {};
}

/** Namespaces istioctl's analysis ignores (kube system namespaces and kind's storage). */
export const IGNORED_NAMESPACES = new Set([
  'kube-system',
  'kube-public',
  'kube-node-lease',
  'local-path-storage',
]);

export function inScope(ctx: PrecheckContext, namespace: string | undefined): boolean {
  if (namespace && IGNORED_NAMESPACES.has(namespace)) return false;
  return !ctx.namespace || !namespace || namespace === ctx.namespace;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
