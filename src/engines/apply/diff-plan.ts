// --plan (ours): what an install would change, computed with server-side dry-run applies so that
// defaulting and admission are the API server's own. Dry-run requests store nothing.
import type { Cluster, KubeObject, ObjectRef } from '../../cluster/cluster.js';
import { toYAML } from '../../writers/yaml.js';
import { objectId, toRef } from './kinds.js';
import { FIELD_MANAGER, type InstallPlan, pruneSet, readInventory } from './plan.js';

export interface PlanChange {
  id: string;
  action: 'create' | 'update' | 'delete';
  diff: string;
}

const VOLATILE_META = ['managedFields', 'resourceVersion', 'generation', 'uid', 'creationTimestamp'];

/** The comparable part of an object: no status, no server bookkeeping. */
export function normalize(o: KubeObject): KubeObject {
  const c = structuredClone(o);
  delete c.status;
  for (const k of VOLATILE_META) delete c.metadata[k];
  return c;
}

export async function planChanges(
  cluster: Cluster,
  plan: InstallPlan,
  forceConflicts: boolean,
): Promise<PlanChange[]> {
  const { createTwoFilesPatch } = await import('diff');
  const changes: PlanChange[] = [];
  const id = plan.identity;
  const inv = await cluster.get({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    namespace: id.namespace,
    name: plan.inventory.metadata.name,
  });
  for (const { objects } of plan.waves) {
    for (const { object } of objects) {
      const ref = toRef(object);
      const live = await cluster.get(ref);
      const after = await cluster.apply(object, {
        fieldManager: FIELD_MANAGER,
        force: forceConflicts,
        dryRun: true,
      });
      const a = live ? await toYAML(normalize(live), { sortKeys: true }) : '';
      const b = await toYAML(normalize(after), { sortKeys: true });
      if (a === b) continue;
      const name = objectId(ref);
      changes.push({
        id: name,
        action: live ? 'update' : 'create',
        diff: createTwoFilesPatch(`live/${name}`, `planned/${name}`, a, b),
      });
    }
  }
  for (const ref of pruneSet(readInventory(inv), plan) as ObjectRef[]) {
    const live = await cluster.get(ref);
    if (!live) continue;
    const name = objectId(ref);
    changes.push({
      id: name,
      action: 'delete',
      diff: createTwoFilesPatch(
        `live/${name}`,
        `planned/${name}`,
        await toYAML(normalize(live), { sortKeys: true }),
        '',
      ),
    });
  }
  return changes;
}
