// x precheck as an engine: istioctl's checks (Kubernetes version, install permissions, Gateway API
// CRDs, alpha annotations, --from-version) and ours, returning sorted, de-duplicated messages.
import { type Cluster, ClusterError } from '../../cluster/cluster.js';
import { alphaAnnotations } from './alpha-annotations.js';
import type { Check, PrecheckContext } from './context.js';
import { controlPlane } from './control-plane.js';
import { crdStoredVersions } from './crd-stored-versions.js';
import { deprecatedConfig } from './deprecated-config.js';
import { fromVersionMessages, parseFromVersion } from './from-version.js';
import { gatewayApiCrds } from './gateway-api-crds.js';
import { helmRelease } from './helm-release.js';
import { installPermissions } from './install-permissions.js';
import { kubernetesVersion } from './kubernetes-version.js';
import { type PrecheckMessage, sortedDeduped } from './messages.js';
import { proxyVersions } from './proxy-versions.js';
import { webhookBackends } from './webhook-backends.js';
import { webhookOverlap } from './webhook-overlap.js';

/** Every cluster check, istioctl's first and in its order. */
export const CHECKS: readonly Check[] = [
  kubernetesVersion,
  installPermissions,
  gatewayApiCrds,
  alphaAnnotations,
  controlPlane,
  webhookBackends,
  webhookOverlap,
  crdStoredVersions,
  deprecatedConfig,
  proxyVersions,
  helmRelease,
];

export interface PrecheckOptions extends Omit<PrecheckContext, 'cluster'> {
  /** Skip every cluster check (only --from-version runs). */
  skipControlPlane: boolean;
  /** `1.X`, or '' for none. */
  fromVersion: string;
}

export interface SkippedCheck {
  check: string;
  reason: string;
}

export interface PrecheckResult {
  messages: PrecheckMessage[];
  /** Added checks that could not read what they need (the user may not list it). */
  skipped: SkippedCheck[];
}

function forbidden(err: unknown): boolean {
  return err instanceof ClusterError && (err.status === 403 || err.status === 401);
}

export async function runPrecheck(
  cluster: Cluster,
  opts: PrecheckOptions,
  checks: readonly Check[] = CHECKS,
): Promise<PrecheckResult> {
  const fromMinor = opts.fromVersion ? parseFromVersion(opts.fromVersion) : undefined;
  const ctx: PrecheckContext = { ...opts, cluster };
  const messages: PrecheckMessage[] = [];
  const skipped: SkippedCheck[] = [];
  if (!opts.skipControlPlane) {
    const results = await Promise.all(
      checks.map(async (check) => {
        try {
          return await check.run(ctx);
        } catch (err) {
          // istioctl's own checks fail the run as upstream's do; ours step aside when access is denied.
          if (check.upstream || !forbidden(err)) throw err;
          skipped.push({ check: check.name, reason: (err as Error).message });
          return [];
        }
      }),
    );
    for (const r of results) messages.push(...r);
  }
  if (fromMinor !== undefined) {
    const ourMinor = Number(opts.clientVersion.split('.')[1]);
    messages.push(
      ...(await fromVersionMessages({ cluster, istioNamespace: opts.istioNamespace, fromMinor, ourMinor })),
    );
  }
  skipped.sort((a, b) => (a.check < b.check ? -1 : 1));
  return { messages: sortedDeduped(messages), skipped };
}
