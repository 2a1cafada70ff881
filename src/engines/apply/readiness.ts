// Readiness as istioctl's installer judges it (operator/pkg/install/wait.go), returning the
// reason an object is not ready so that waits can name what they are waiting for.
import type { KubeObject } from '../../cluster/cluster.js';

type Status = Record<string, unknown>;

function num(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

function conditionTrue(obj: KubeObject, type: string): boolean {
  const conds = ((obj.status as Status | undefined)?.conditions ?? []) as Array<{
    type: string;
    status: string;
  }>;
  return conds.some((c) => c.type === type && c.status === 'True');
}

/** undefined when ready; otherwise a short reason. */
export function notReadyReason(obj: KubeObject | undefined): string | undefined {
  if (!obj) return 'not found';
  const spec = (obj.spec ?? {}) as Status;
  const status = (obj.status ?? {}) as Status;
  switch (obj.kind) {
    case 'CustomResourceDefinition':
      return conditionTrue(obj, 'Established') ? undefined : 'not Established';
    case 'Namespace':
      return status.phase === undefined || status.phase === 'Active'
        ? undefined
        : `phase ${String(status.phase)}`;
    case 'Deployment': {
      const want = spec.replicas === undefined ? 1 : num(spec.replicas);
      if (num(status.observedGeneration) < num(obj.metadata.generation)) return 'rollout not observed yet';
      if (num(status.updatedReplicas) < want)
        return `${num(status.updatedReplicas)}/${want} replicas updated`;
      if (num(status.readyReplicas) < want) return `${num(status.readyReplicas)}/${want} replicas ready`;
      return undefined;
    }
    case 'DaemonSet': {
      if (num(status.observedGeneration) < num(obj.metadata.generation)) return 'rollout not observed yet';
      const desired = num(status.desiredNumberScheduled);
      const onDelete = (spec.updateStrategy as Status | undefined)?.type === 'OnDelete';
      if (!onDelete && desired === 0) return 'no nodes scheduled';
      if (num(status.updatedNumberScheduled) !== desired)
        return `${num(status.updatedNumberScheduled)}/${desired} pods updated`;
      if (!onDelete && num(status.numberReady) < desired)
        return `${num(status.numberReady)}/${desired} pods ready`;
      return undefined;
    }
    case 'StatefulSet': {
      const replicas = spec.replicas === undefined ? 1 : num(spec.replicas);
      const strategy = (spec.updateStrategy ?? {}) as Status;
      if (strategy.type === 'OnDelete') {
        return num(status.updatedReplicas) === num(status.replicas) ? undefined : 'pods not updated';
      }
      const partition = num((strategy.rollingUpdate as Status | undefined)?.partition);
      return num(status.updatedReplicas) >= replicas - partition
        ? undefined
        : `${num(status.updatedReplicas)}/${replicas} replicas updated`;
    }
    default:
      return undefined;
  }
}

export function needsWait(kind: string): boolean {
  return ['CustomResourceDefinition', 'Namespace', 'Deployment', 'DaemonSet', 'StatefulSet'].includes(kind);
}
