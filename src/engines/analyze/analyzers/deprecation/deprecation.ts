// deprecation.DeprecationAnalyzer: deprecated fields still in use, and CRDs of removed Istio types.
import type { Analyzer, Obj } from '../../types.js';

const REMOVED_CRDS = [
  ['rbac.istio.io', 'ClusterRbacConfig'],
  ['rbac.istio.io', 'RbacConfig'],
  ['rbac.istio.io', 'ServiceRole'],
  ['rbac.istio.io', 'ServiceRoleBinding'],
] as const;

export const deprecationAnalyzer: Analyzer = {
  name: 'deprecation.DeprecationAnalyzer',
  description: 'Checks for deprecated Istio types and fields',
  inputs: ['VirtualService', 'Sidecar', 'CustomResourceDefinition'],
  analyze(ctx) {
    for (const r of ctx.list('VirtualService')) {
      for (const h of (r.spec?.http ?? []) as Obj[]) {
        if (Number(h?.fault?.delay?.percent) > 0) {
          ctx.report(
            'IST0002',
            r,
            'HTTPRoute.fault.delay.percent is deprecated; use HTTPRoute.fault.delay.percentage',
          );
        }
      }
    }
    for (const r of ctx.list('Sidecar')) {
      if (r.spec?.outboundTrafficPolicy?.egressProxy) {
        ctx.report('IST0002', r, 'OutboundTrafficPolicy.EgressProxy is ignored');
      }
    }
    for (const r of ctx.list('CustomResourceDefinition')) {
      for (const [group, kind] of REMOVED_CRDS) {
        if (r.spec?.group === group && r.spec?.names?.kind === kind) {
          ctx.report('IST0002', r, `Custom resource type ${group} ${kind} has been removed`);
        }
      }
    }
  },
};
