// Added check: an existing CRD whose status.storedVersions names a version the new CRD no longer
// lists. The API server refuses such a CRD update, so the install stops half-way (Error).
import type { Check } from './context.js';
import { msg, originOf, type PrecheckMessage } from './messages.js';

export const crdStoredVersions: Check = {
  name: 'crd-stored-versions',
  upstream: false,
  async run(ctx) {
    if (ctx.newCrds.length === 0) return [];
    const wanted = new Map(ctx.newCrds.map((c) => [c.name, new Set(c.versions)]));
    const existing = await ctx.cluster.list({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
    });
    const out: PrecheckMessage[] = [];
    for (const crd of existing) {
      const versions = wanted.get(crd.metadata.name);
      if (!versions) continue;
      const stored = ((crd.status as { storedVersions?: string[] } | undefined)?.storedVersions ?? []).filter(
        (v) => !versions.has(v),
      );
      if (stored.length === 0) continue;
      const list = stored.sort().join(', ');
      out.push(
        msg.crdStoredVersionDropped(
          originOf('CustomResourceDefinition', crd.metadata.name),
          `Objects of this CRD may still be stored as ${list}, which the new CRD no longer declares (it has ${[...versions].sort().join(', ')}); the API server will reject the CRD update.`,
          `Rewrite every object of this kind so it is stored in a version the new CRD keeps (for example with kubectl get -o yaml | kubectl replace -f -), then remove ${list} from the CRD's status.storedVersions.`,
        ),
      );
    }
    return out;
  },
};
