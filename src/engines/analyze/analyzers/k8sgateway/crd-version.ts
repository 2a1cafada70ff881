// k8sgateway.CRDVersionAnalyzer: Gateway API CRDs older than this Istio needs are ignored by
// istiod, so their resources silently do nothing.
import type { Analyzer } from '../../types.js';

const BUNDLE_VERSION = 'gateway.networking.k8s.io/bundle-version';
const MINIMUM: Record<string, [number, number, number]> = {
  'backendtlspolicies.gateway.networking.k8s.io': [1, 4, 0],
  'grpcroutes.gateway.networking.k8s.io': [1, 1, 0],
  'tlsroutes.gateway.networking.k8s.io': [1, 5, 0],
};

/** Semver core of `v1.2.3-rc.1` (pre-release dropped); undefined when it is not a version. */
function parse(v: string): { core: [number, number, number]; text: string } | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.exec(v.trim());
  if (!m) return undefined;
  const core: [number, number, number] = [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
  return { core, text: `${core.join('.')}${m[4] ?? ''}${m[5] ?? ''}` };
}

function less(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}

export const crdVersionAnalyzer: Analyzer = {
  name: 'k8sgateway.CRDVersionAnalyzer',
  description: 'Checks Gateway API CRDs are at the minimum version required by this Istio version',
  inputs: ['CustomResourceDefinition'],
  analyze(ctx) {
    for (const r of ctx.list('CustomResourceDefinition')) {
      const min = MINIMUM[r.name];
      const bv = r.annotations[BUNDLE_VERSION];
      if (!min || bv === undefined) continue;
      const v = parse(bv);
      if (v && less(v.core, min)) ctx.report('IST0176', r, r.name, v.text, min.join('.'));
    }
  },
};
