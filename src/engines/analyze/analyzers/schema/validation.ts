// schema.ValidationAnalyzer.<Kind>: Istio's own validation of each config kind (the validate
// engine), reported as IST0106 errors and IST0133 warnings; the VirtualService rule-reachability
// findings get their precise codes IST0130/IST0131.
import { validateResource } from '../../../validate/index.js';
import type { Analyzer, Obj } from '../../types.js';

/** Registration order of upstream's collections.Istio kinds. */
const KINDS = [
  'AuthorizationPolicy',
  'DestinationRule',
  'EnvoyFilter',
  'Gateway',
  'PeerAuthentication',
  'ProxyConfig',
  'RequestAuthentication',
  'ServiceEntry',
  'Sidecar',
  'Telemetry',
  'TrafficExtension',
  'VirtualService',
  'WasmPlugin',
  'WorkloadEntry',
  'WorkloadGroup',
  'MeshNetworks',
  'MeshConfig',
];

const PRECISE: Record<string, string> = {
  VirtualServiceUnreachableRule: 'IST0130',
  VirtualServiceIneffectiveMatch: 'IST0131',
};

function schemaAnalyzer(kind: string): Analyzer {
  return {
    name: `schema.ValidationAnalyzer.${kind}`,
    description: `Runs schema validation as an analyzer on '${kind}' resources`,
    inputs: [kind],
    analyze(ctx) {
      for (const r of ctx.list(kind)) {
        // Synthetic mesh resources have no Istio CRD schema; the validator ignores unknown kinds.
        const issues = validateResource(
          r.obj,
          undefined,
          r.namespace ? { defaultNamespace: r.namespace } : {},
        );
        for (const i of issues as Array<Obj>) {
          const precise = i.analysis ? PRECISE[i.analysis.type] : undefined;
          if (precise) ctx.report(precise, r, ...i.analysis.params);
          else if (i.level === 'Error')
            ctx.report('IST0106', r, i.path ? `${i.path}: ${i.message}` : i.message);
          else ctx.report('IST0133', r, i.path ? `${i.path}: ${i.message}` : i.message);
        }
      }
    },
  };
}

export const schemaAnalyzers: readonly Analyzer[] = KINDS.map(schemaAnalyzer);
