// Control-plane versions as istioctl finds them: running, ready istiod pods in the Istio
// namespace, a port-forward to the monitoring port and GET /version. Without kubelets (kwok,
// or a blocked port) the port-forward cannot work, so we fall back to the pilot image tag.

import type { Cluster, KubeObject } from '../../cluster/cluster.js';
import type { BuildInfo } from '../../model/build-info.js';

export interface MeshVersion {
  Component: string;
  Revision: string;
  Info: BuildInfo;
  /** Ours: where the version came from; not printed in upstream's formats. */
  source: 'monitoring' | 'image';
}

const MONITORING_PORT = 15014;

function isReady(pod: KubeObject): boolean {
  const status = pod.status as
    | { phase?: string; conditions?: Array<{ type: string; status: string }> }
    | undefined;
  return (
    status?.phase === 'Running' &&
    (status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True')
  );
}

function imageTag(pod: KubeObject): string {
  const spec = pod.spec as { containers?: Array<{ name: string; image?: string }> } | undefined;
  const c = spec?.containers?.find((x) => x.name === 'discovery') ?? spec?.containers?.[0];
  const image = c?.image ?? '';
  const at = image.lastIndexOf(':');
  return at > image.lastIndexOf('/') ? image.slice(at + 1) : 'unknown';
}

/** Parses istiod's /version body: JSON {clientVersion:{...}} or the legacy `ver-sha-sha-status`. */
export function parseVersionBody(body: string): BuildInfo | undefined {
  const text = body.trim();
  if (!text) return undefined;
  if (text.startsWith('{')) {
    try {
      const v = JSON.parse(text) as { clientVersion?: Partial<BuildInfo> };
      const c = v.clientVersion;
      if (!c?.version) return undefined;
      return {
        version: c.version,
        revision: c.revision ?? '',
        golang_version: c.golang_version ?? '',
        status: c.status ?? '',
        tag: c.tag ?? c.version,
      };
    } catch {
      return undefined;
    }
  }
  const parts = text.split('-');
  if (parts.length < 4) return undefined;
  const status = parts.pop()!;
  parts.pop();
  const revision = parts.pop()!;
  const version = parts.join('-');
  return { version, revision, golang_version: '', status, tag: version };
}

export async function meshVersions(
  cluster: Cluster,
  istioNamespace: string,
  revision: string | undefined,
  timeoutMs: number,
): Promise<MeshVersion[]> {
  let labelSelector = 'app=istiod';
  if (revision) labelSelector += `,istio.io/rev=${revision}`;
  const pods = (
    await cluster.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: istioNamespace, labelSelector })
  )
    .filter(isReady)
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  const out: MeshVersion[] = [];
  for (const pod of pods) {
    const labels = pod.metadata.labels ?? {};
    const base = { Component: labels.istio ?? 'pilot', Revision: labels['istio.io/rev'] ?? 'default' };
    let info: BuildInfo | undefined;
    try {
      const pf = await cluster.portForward(istioNamespace, pod.metadata.name, MONITORING_PORT);
      try {
        const res = await pf.request('GET', '/version', timeoutMs);
        if (res.status === 200) info = parseVersionBody(res.body);
      } finally {
        await pf.close();
      }
    } catch {
      info = undefined;
    }
    if (info) out.push({ ...base, Info: info, source: 'monitoring' });
    else {
      const tag = imageTag(pod);
      out.push({
        ...base,
        Info: { version: tag, revision: '', golang_version: '', status: '', tag },
        source: 'image',
      });
    }
  }
  return out;
}
