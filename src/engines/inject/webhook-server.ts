// The webhook side of injection: one AdmissionReview in, the JSON patch istiod would answer out.
// Used by the e2e test's HTTPS server (our engine registered as the cluster's injection webhook)
// and by the in-process webhook-mode tests.

import { type InjectionParams, injectPod } from './inject.js';
import type { PatchOp } from './json-patch.js';
import { goJSON } from './post-process.js';
import { deployMetaFromPod } from './resources.js';
import { isMap, type Json, type JsonMap, typed } from './typed.js';

const pointer = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

/** A patch turning `from` into `to`: members of metadata and spec added, replaced or removed. */
export function createPatch(from: JsonMap, to: JsonMap): PatchOp[] {
  const ops: PatchOp[] = [];
  for (const top of ['metadata', 'spec']) {
    const a = (isMap(from[top]) ? from[top] : {}) as JsonMap;
    const b = (isMap(to[top]) ? to[top] : {}) as JsonMap;
    if (!isMap(from[top])) {
      ops.push({ op: 'add', path: `/${top}`, value: b });
      continue;
    }
    for (const k of Object.keys(a)) if (!(k in b)) ops.push({ op: 'remove', path: `/${top}/${pointer(k)}` });
    for (const [k, v] of Object.entries(b)) {
      if (JSON.stringify(a[k]) !== JSON.stringify(v))
        ops.push({ op: 'add', path: `/${top}/${pointer(k)}`, value: v as Json });
    }
  }
  return ops;
}

function injectionRequired(spec: JsonMap, meta: JsonMap, policy: string): boolean {
  if (spec.hostNetwork === true) return false;
  if (
    ['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage'].includes(
      String(meta.namespace ?? ''),
    )
  )
    return false;
  const annos = (isMap(meta.annotations) ? meta.annotations : {}) as Record<string, string>;
  const labels = (isMap(meta.labels) ? meta.labels : {}) as Record<string, string>;
  let sel = annos['sidecar.istio.io/inject'] ?? '';
  if ('sidecar.istio.io/inject' in labels) sel = labels['sidecar.istio.io/inject']!;
  if (sel === 'true') return true;
  if (sel === 'false') return false;
  return policy === 'enabled';
}

/** The AdmissionReview response body for a request body. */
export async function reviewResponse(body: string, params: InjectionParams): Promise<string> {
  let review: JsonMap;
  try {
    review = JSON.parse(body);
  } catch (e) {
    return goJSON({ response: { allowed: false, status: { message: (e as Error).message } } });
  }
  const req = (isMap(review.request) ? review.request : {}) as JsonMap;
  const respond = (response: JsonMap) =>
    goJSON({
      kind: 'AdmissionReview',
      apiVersion: review.apiVersion ?? 'admission.k8s.io/v1',
      response: { uid: req.uid ?? '', ...response },
    });
  try {
    const pod = typed(
      { metadata: (req.object as JsonMap)?.metadata, spec: (req.object as JsonMap)?.spec },
      'Pod',
    );
    const meta = pod.metadata as JsonMap;
    if (!meta.namespace && typeof req.namespace === 'string' && req.namespace !== '')
      meta.namespace = req.namespace;
    if (!injectionRequired(pod.spec as JsonMap, meta, params.config.policy || 'enabled'))
      return respond({ allowed: true });
    const { deployMeta, typeMeta } = deployMetaFromPod(meta);
    const original = structuredClone(pod);
    const injected = await injectPod({ pod, deployMeta, typeMeta }, params);
    const patch = createPatch(original, injected);
    return respond({
      allowed: true,
      patch: Buffer.from(JSON.stringify(patch)).toString('base64'),
      patchType: 'JSONPatch',
    });
  } catch (e) {
    return respond({ allowed: false, status: { message: (e as Error).message } });
  }
}
