// conditions.ConditionAnalyzer: status conditions that controllers set to False (not accepted,
// not programmed, unresolved references, waypoint not bound...).
import type { Analyzer, Obj } from '../../types.js';

const KINDS = [
  'Service',
  'ServiceEntry',
  'WorkloadEntry',
  'AuthorizationPolicy',
  'K8sGateway',
  'HTTPRoute',
  'GRPCRoute',
];

function conditionsOf(status: Obj): Obj[] {
  if (!status || typeof status !== 'object') return [];
  const out: Obj[] = [...(status.conditions ?? [])];
  for (const p of (status.parents ?? []) as Obj[]) out.push(...(p?.conditions ?? []));
  for (const l of (status.listeners ?? []) as Obj[]) out.push(...(l?.conditions ?? []));
  return out;
}

export const conditionAnalyzer: Analyzer = {
  name: 'conditions.ConditionAnalyzer',
  description: 'Checks for negative status conditions on resources',
  inputs: KINDS,
  analyze(ctx) {
    for (const k of KINDS) {
      for (const r of ctx.list(k)) {
        for (const c of conditionsOf(r.status)) {
          if (c?.status === 'False') ctx.report('IST0171', r, c.type ?? '', c.reason ?? '', c.message ?? '');
        }
      }
    }
  },
};
