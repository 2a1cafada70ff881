// verify-install (kept from istioctl ≤1.23 as an extension): every rendered object exists and
// every workload is ready. One result line per object group, so a failure names its group.
import type { Cluster, KubeObject } from '../../cluster/cluster.js';
import { compareRefs, objectId, toRef } from './kinds.js';
import { notReadyReason } from './readiness.js';

export interface VerifyGroup {
  kind: string;
  checked: number;
  problems: string[];
}

export interface VerifyResult {
  groups: VerifyGroup[];
  ok: boolean;
}

export async function verifyInstall(cluster: Cluster, objects: KubeObject[]): Promise<VerifyResult> {
  const byKind = new Map<string, KubeObject[]>();
  for (const o of objects) byKind.set(o.kind, [...(byKind.get(o.kind) ?? []), o]);
  const groups: VerifyGroup[] = [];
  for (const kind of [...byKind.keys()].sort()) {
    const list = byKind.get(kind)!.map(toRef).sort(compareRefs);
    const problems: string[] = [];
    for (const ref of list) {
      const live = await cluster.get(ref);
      const reason = live ? notReadyReason(live) : 'not found';
      if (reason) problems.push(`${objectId(ref)} (${reason})`);
    }
    groups.push({ kind, checked: list.length, problems });
  }
  return { groups, ok: groups.every((g) => g.problems.length === 0) };
}
