// The existing control plane and revision: which istiod revisions run, and whether installing ours
// over or beside them is a supported step. Istio supports in-place upgrades across one minor
// version and canary (revisioned) upgrades across two; anything wider, or a downgrade, is a warning.
import type { KubeObject } from '../../cluster/cluster.js';
import {
  type Check,
  imageTag,
  type MinorVersion,
  minorsBehind,
  type PrecheckContext,
  parseMinor,
} from './context.js';
import { msg, originOf, type PrecheckMessage } from './messages.js';

export interface ControlPlane {
  revision: string;
  deployment: string;
  version?: MinorVersion;
}

interface PodSpecLike {
  containers?: Array<{ name?: string; image?: string }>;
}

/** The revision an istiod Deployment serves: its istio.io/rev label, `default` without one. */
export function revisionOf(o: KubeObject): string {
  return o.metadata.labels?.['istio.io/rev'] || 'default';
}

function versionOf(d: KubeObject): MinorVersion | undefined {
  const spec = (d.spec as { template?: { spec?: PodSpecLike } } | undefined)?.template?.spec;
  const c = spec?.containers?.find((x) => x.name === 'discovery') ?? spec?.containers?.[0];
  const tag = c?.image ? imageTag(c.image) : undefined;
  return tag ? parseMinor(tag) : undefined;
}

export async function controlPlanes(ctx: PrecheckContext): Promise<ControlPlane[]> {
  const deployments = await ctx.cluster.list(
    { apiVersion: 'apps/v1', kind: 'Deployment' },
    { namespace: ctx.istioNamespace, labelSelector: 'app=istiod' },
  );
  return deployments
    .map((d) => {
      const cp: ControlPlane = { revision: revisionOf(d), deployment: d.metadata.name };
      const v = versionOf(d);
      if (v) cp.version = v;
      return cp;
    })
    .sort((a, b) => (a.deployment < b.deployment ? -1 : a.deployment > b.deployment ? 1 : 0));
}

export const controlPlane: Check = {
  name: 'control-plane',
  upstream: false,
  async run(ctx) {
    const ours = parseMinor(ctx.clientVersion)!;
    const target = ctx.revision || 'default';
    const out: PrecheckMessage[] = [];
    for (const cp of await controlPlanes(ctx)) {
      const origin = originOf('Deployment', cp.deployment, ctx.istioNamespace);
      const inPlace = cp.revision === target;
      const found = `Control plane revision ${JSON.stringify(cp.revision)} (Istio ${cp.version?.text ?? 'of unknown version'})`;
      out.push(
        msg.existingControlPlane(
          origin,
          `${found} is installed; installing revision ${JSON.stringify(target)} ${inPlace ? 'upgrades it in place' : 'runs beside it'}.`,
        ),
      );
      if (!cp.version) continue;
      const behind = minorsBehind(ours, cp.version);
      if (behind < 0) {
        out.push(
          msg.unsupportedControlPlaneUpgrade(
            origin,
            `${found} is newer than ${ctx.clientVersion}; installing would downgrade it.`,
            'Use the istioctl release that matches the running control plane.',
          ),
        );
      } else if (inPlace && behind > 1) {
        out.push(
          msg.unsupportedControlPlaneUpgrade(
            origin,
            `${found} is ${behind} minor versions behind ${ctx.clientVersion}; in-place upgrades are supported across one.`,
            `Upgrade one minor version at a time, or install ${ctx.clientVersion} as a new revision (--revision) and move namespaces to it.`,
          ),
        );
      } else if (!inPlace && behind > 2) {
        out.push(
          msg.unsupportedControlPlaneUpgrade(
            origin,
            `${found} is ${behind} minor versions behind ${ctx.clientVersion}; canary upgrades are supported across two.`,
            'Upgrade the existing revision to a release at most two minor versions behind first.',
          ),
        );
      }
    }
    return out;
  },
};
