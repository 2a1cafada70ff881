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

const UNKNOWN_FIELD = /^cannot parse proto message: unknown field "/;
const SERVER_ONLY = /\(the API server refuses this\)$/;

/** Removes the field at a validator path (`spec.a[0].b`) from a copy of the object. */
function without(obj: Obj, path: string): Obj {
  const copy = structuredClone(obj);
  const keys = path.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '');
  let cur = copy;
  for (const k of keys.slice(0, -1)) cur = cur?.[k];
  if (cur && typeof cur === 'object') delete cur[keys.at(-1)!];
  return copy;
}

/**
 * Validation as analyze sees it: upstream reads files through a lenient converter that drops
 * unknown fields, and checks no CRD-only constraints. Unknown fields are removed one at a time
 * (the strict decoder stops at the first) and the object validated again.
 */
function analyzeIssues(obj: Obj, namespace: string): Obj[] {
  let cur = obj;
  for (let round = 0; round < 32; round++) {
    const issues = validateResource(
      cur,
      undefined,
      namespace ? { defaultNamespace: namespace } : {},
    ) as Obj[];
    const unknown = issues.find((i) => i.level === 'Error' && UNKNOWN_FIELD.test(i.message) && i.path);
    if (!unknown) return issues.filter((i) => !SERVER_ONLY.test(i.message));
    cur = without(cur, unknown.path);
  }
  return [];
}

/**
 * Upstream's ServiceEntry validation also warns when TCP (or protocol-less) ports have no address
 * and none will be auto-allocated (resolution NONE, or allocation turned off by label); the
 * validate engine does not check this yet.
 */
function serviceEntryAddressWarning(obj: Obj): string | undefined {
  const spec = obj?.spec ?? {};
  if ((spec.addresses ?? []).length > 0) return undefined;
  const optOut = String(obj?.metadata?.labels?.['networking.istio.io/enable-autoallocate-ip'] ?? '');
  const autoAllocated = (spec.resolution ?? 'NONE') !== 'NONE' && optOut.toLowerCase() !== 'false';
  if (autoAllocated) return undefined;
  const tcp = ((spec.ports ?? []) as Obj[]).some((p) => p && (!p.protocol || p.protocol === 'TCP'));
  return tcp
    ? 'ports serving TCP (or no protocol) need addresses when IP auto-allocation does not apply'
    : undefined;
}

/** Kinds whose exportTo upstream validates against the object's own namespace. */
const EXPORTING = new Set(['VirtualService', 'DestinationRule', 'ServiceEntry']);

/**
 * Upstream reads `.` in exportTo as the object's namespace; an object left without one (`-A` over
 * namespace-less files) then exports to an invalid name. The validator always assumes a namespace.
 */
function exportToWithoutNamespace(kind: string, namespace: string, obj: Obj): boolean {
  const exportTo = obj?.spec?.exportTo;
  return EXPORTING.has(kind) && namespace === '' && Array.isArray(exportTo) && exportTo.includes('.');
}

function schemaAnalyzer(kind: string): Analyzer {
  return {
    name: `schema.ValidationAnalyzer.${kind}`,
    description: `Runs schema validation as an analyzer on '${kind}' resources`,
    inputs: [kind],
    analyze(ctx) {
      for (const r of ctx.list(kind)) {
        // Synthetic mesh resources have no Istio CRD schema; the validator ignores unknown kinds.
        if (exportToWithoutNamespace(kind, r.namespace, r.obj))
          ctx.report('IST0106', r, 'spec.exportTo: "." stands for the namespace, and this object has none');
        if (kind === 'ServiceEntry') {
          const warning = serviceEntryAddressWarning(r.obj);
          if (warning) ctx.report('IST0133', r, warning);
        }
        for (const i of analyzeIssues(r.obj, r.namespace)) {
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
