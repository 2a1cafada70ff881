// Runs an install plan against a Cluster: server-side apply wave by wave, waits for readiness,
// applies webhooks only once their backends are ready, then prunes what our inventory says we
// created and the new render dropped. With `atomic`, any failure restores every object we changed.
import { type Cluster, ConflictError, type KubeObject, type ObjectRef } from '../../cluster/cluster.js';
import { compareRefs, objectId, refKey, toRef } from './kinds.js';
import {
  FIELD_MANAGER,
  type InstallPlan,
  inventoryObject,
  type PlannedObject,
  pruneSet,
  readInventory,
} from './plan.js';
import { needsWait, notReadyReason } from './readiness.js';

export interface ApplyEvents {
  /** Objects still being waited for, as `Kind/ns/name (reason)`. */
  waiting(items: string[]): void;
  componentDone(component: string): void;
  pruned(ref: ObjectRef): void;
}

export interface ExecuteOptions {
  forceConflicts?: boolean;
  readinessTimeoutMs: number;
  atomic?: boolean;
  pollMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface InstallResult {
  applied: ObjectRef[];
  pruned: ObjectRef[];
}

export class ApplyError extends Error {
  constructor(
    message: string,
    readonly rolledBack = false,
  ) {
    super(message);
    this.name = 'ApplyError';
  }
}

const CONCURRENCY = 8;

async function pool<T>(items: T[], fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  const errors: unknown[] = [];
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      try {
        await fn(item);
      } catch (e) {
        errors.push(e);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  if (errors.length) throw errors.length === 1 ? errors[0] : new AggregateError(errors);
}

/** The fields a server adds: what we strip before re-applying a saved object on rollback. */
export function stripServerFields(o: KubeObject): KubeObject {
  const c = structuredClone(o);
  const { managedFields, resourceVersion, uid, creationTimestamp, generation, ...meta } = c.metadata;
  void managedFields;
  void resourceVersion;
  void uid;
  void creationTimestamp;
  void generation;
  c.metadata = meta as KubeObject['metadata'];
  delete c.status;
  return c;
}

function conflictText(errs: Array<{ obj: KubeObject; err: ConflictError }>): string {
  const lines = errs
    .sort((a, b) => compareRefs(toRef(a.obj), toRef(b.obj)))
    .map(
      ({ obj, err }) =>
        `  ${objectId(toRef(obj))}: ${err.conflicts.length ? err.conflicts.join('; ') : err.message}`,
    );
  return `fields are owned by other field managers; they were not overwritten (use --force-conflicts to take them over):\n${lines.join('\n')}`;
}

export async function executeInstall(
  cluster: Cluster,
  plan: InstallPlan,
  opts: ExecuteOptions,
  events: ApplyEvents,
): Promise<InstallResult> {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const id = plan.identity;
  const before = new Map<string, { ref: ObjectRef; prev: KubeObject | undefined }>();
  const applied: ObjectRef[] = [];

  const applyOne = async (o: KubeObject) => {
    const ref = toRef(o);
    if (opts.atomic && !before.has(refKey(ref)))
      before.set(refKey(ref), { ref, prev: await cluster.get(ref) });
    try {
      await cluster.apply(o, { fieldManager: FIELD_MANAGER, force: opts.forceConflicts === true });
    } catch (e) {
      if (e instanceof ConflictError) throw Object.assign(e, { obj: o });
      throw new ApplyError(
        `failed to update resource with server-side apply for obj ${objectId(ref)}: ${(e as Error).message}`,
      );
    }
    applied.push(ref);
  };

  const applyAll = async (objs: KubeObject[]) => {
    const conflicts: Array<{ obj: KubeObject; err: ConflictError }> = [];
    try {
      await pool(objs, async (o) => {
        try {
          await applyOne(o);
        } catch (e) {
          if (e instanceof ConflictError) conflicts.push({ obj: o, err: e });
          else throw e;
        }
      });
    } catch (e) {
      throw e instanceof AggregateError ? e.errors[0] : e;
    }
    if (conflicts.length) throw new ApplyError(conflictText(conflicts));
  };

  const waitReady = async (objs: PlannedObject[]) => {
    const pending = objs.map((p) => p.object).filter((o) => needsWait(o.kind));
    const deadline = now() + opts.readinessTimeoutMs;
    let notReady: string[] = [];
    for (;;) {
      notReady = [];
      for (const o of pending) {
        const reason = notReadyReason(await cluster.get(toRef(o)));
        if (reason) notReady.push(`${objectId(toRef(o))} (${reason})`);
      }
      if (notReady.length === 0) return;
      events.waiting(notReady);
      if (now() >= deadline) {
        throw new ApplyError(
          `failed to wait for resource: resources not ready after ${Math.round(opts.readinessTimeoutMs / 1000)}s:\n  ${notReady.join('\n  ')}`,
        );
      }
      await sleep(opts.pollMs ?? 2000);
    }
  };

  try {
    const invRef: ObjectRef = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      namespace: id.namespace,
      name: plan.inventory.metadata.name,
    };
    // The Istio namespace is created but never recorded: uninstall must not delete a namespace users share.
    await applyOne({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: id.namespace } });
    const previous = readInventory(await cluster.get(invRef));
    const current = plan.waves.flatMap((w) => w.objects.map((o) => toRef(o.object)));
    // Record the union first: if we are interrupted, the next run still knows what to prune.
    const seen = new Set(current.map(refKey));
    await applyOne(inventoryObject(id, [...current, ...previous.filter((r) => !seen.has(refKey(r)))]));

    for (const { wave, objects } of plan.waves) {
      await applyAll(objects.map((o) => o.object));
      if (wave !== 'webhooks') await waitReady(objects);
    }
    for (const c of plan.components) events.componentDone(c);

    const pruned: ObjectRef[] = [];
    for (const ref of pruneSet(previous, plan)) {
      const live = await cluster.get(ref);
      if (!live || live.metadata.labels?.['app.kubernetes.io/managed-by'] !== FIELD_MANAGER) continue;
      if (await cluster.delete(ref, { propagationPolicy: 'Foreground' })) {
        pruned.push(ref);
        events.pruned(ref);
      }
    }
    // Foreground deletion returns before the dependents are gone; the install is done when they are.
    for (const ref of pruned) {
      await cluster.wait(ref, (o) => o === undefined, {
        timeoutMs: opts.readinessTimeoutMs,
        intervalMs: opts.pollMs ?? 500,
      });
    }
    await applyOne(plan.inventory);
    return { applied: dedupe(applied), pruned };
  } catch (err) {
    if (!opts.atomic) throw err;
    const failures = await rollback(cluster, before);
    const note = failures.length
      ? `; rollback left ${failures.length} object(s) unrestored: ${failures.join(', ')}`
      : '; every changed object was restored';
    throw new ApplyError(`${(err as Error).message}${note}`, failures.length === 0);
  }
}

function dedupe(refs: ObjectRef[]): ObjectRef[] {
  const m = new Map(refs.map((r) => [refKey(r), r]));
  return [...m.values()].sort(compareRefs);
}

async function rollback(
  cluster: Cluster,
  before: Map<string, { ref: ObjectRef; prev: KubeObject | undefined }>,
): Promise<string[]> {
  const failures: string[] = [];
  // Newest change first: webhooks go before the workloads they call.
  for (const { ref, prev } of [...before.values()].reverse()) {
    try {
      if (prev) await cluster.apply(stripServerFields(prev), { fieldManager: FIELD_MANAGER, force: true });
      else await cluster.delete(ref, { propagationPolicy: 'Foreground' });
    } catch (e) {
      failures.push(`${objectId(ref)} (${(e as Error).message})`);
    }
  }
  return failures;
}
