// kube-inject through the cluster's injection webhook: find the revision's
// MutatingWebhookConfiguration, send each pod as an AdmissionReview (through the API server's
// service proxy, or to the webhook URL) and apply the JSON patch it returns.
import type { Cluster, KubeObject } from '../../cluster/cluster.js';
import type { PodInput } from './inject.js';
import { applyJsonPatch, type PatchOp } from './json-patch.js';
import { isMap, type JsonMap, typed } from './typed.js';

export const WEBHOOK_SUFFIX = 'sidecar-injector.istio.io';

export interface ClientConfig {
  url?: string;
  caBundle?: string;
  service?: { name: string; namespace: string; path?: string; port?: number };
}

/** Posts a body to a URL with the webhook's CA; returns the response text. */
export type UrlPoster = (url: string, body: string, caBundlePem: string | undefined) => Promise<string>;

export async function findWebhook(cluster: Cluster, revision: string): Promise<ClientConfig | undefined> {
  const rev = revision === '' ? 'default' : revision;
  const list = await cluster.list(
    { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration' },
    { labelSelector: `istio.io/rev=${rev}` },
  );
  const first = list[0] as
    | (KubeObject & { webhooks?: { name: string; clientConfig: ClientConfig }[] })
    | undefined;
  for (const wh of first?.webhooks ?? []) if (wh.name.endsWith(WEBHOOK_SUFFIX)) return wh.clientConfig;
  return undefined;
}

/**
 * The pod sent for review. istiod tells the owning workload from a pod's generateName and controller
 * reference, which a pod template lacks; without them it could not name the workload (workload name, owner, canonical name); like the pods a controller
 * creates, it gets a generateName and a controller reference, removed again from the result.
 */
export function reviewPod(input: PodInput): { pod: JsonMap; added: boolean } {
  const meta = input.pod.metadata as JsonMap;
  const generated = typeof meta.generateName === 'string' && meta.generateName !== '';
  if (
    generated ||
    input.typeMeta.Kind === 'Pod' ||
    input.deployMeta.Name === '' ||
    meta.ownerReferences !== undefined
  ) {
    return { pod: input.pod, added: false };
  }
  const owner = {
    apiVersion: input.typeMeta.APIVersion,
    kind: input.typeMeta.Kind,
    name: input.deployMeta.Name,
    uid: '',
    controller: true,
  };
  return {
    pod: {
      ...input.pod,
      metadata: { ...meta, generateName: `${input.deployMeta.Name}-`, ownerReferences: [owner] },
    },
    added: true,
  };
}

export function admissionReview(pod: JsonMap, namespace: string, uid: string): string {
  const meta = pod.metadata as JsonMap;
  const ns = typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : namespace;
  return JSON.stringify({
    kind: 'AdmissionReview',
    apiVersion: 'admission.k8s.io/v1',
    request: {
      uid,
      kind: { group: 'admission.k8s.io', version: 'v1', kind: 'AdmissionRequest' },
      resource: { group: '', version: '', resource: '' },
      name: typeof meta.name === 'string' ? meta.name : '',
      namespace: ns,
      operation: 'CREATE',
      userInfo: {},
      object: { metadata: pod.metadata, spec: pod.spec, status: {} },
      oldObject: null,
      options: null,
    },
  });
}

/** The injected pod from an AdmissionReview response, or undefined when it carries no patch. */
export function applyReviewResponse(sent: JsonMap, body: string, added = false): JsonMap | undefined {
  let review: unknown;
  try {
    review = JSON.parse(body);
  } catch (e) {
    throw new Error(`could not decode body: ${(e as Error).message}`);
  }
  const resp = isMap(review) ? review.response : undefined;
  if (!isMap(resp)) throw new Error('could not decode object: no response in AdmissionReview');
  if (isMap(resp.status) && typeof resp.status.message === 'string' && resp.allowed !== true)
    throw new Error(resp.status.message);
  if (typeof resp.patch !== 'string' || resp.patch === '') return undefined;
  const ops = JSON.parse(Buffer.from(resp.patch, 'base64').toString('utf8')) as PatchOp[];
  const pod = { metadata: sent.metadata, spec: sent.spec, status: {} };
  const out = typed(applyJsonPatch(pod, ops), 'Pod');
  if (added) {
    const meta = out.metadata as JsonMap;
    delete meta.generateName;
    delete meta.ownerReferences;
  }
  return out;
}

let counter = 0;

export async function webhookInjector(
  cluster: Cluster,
  revision: string,
  post?: UrlPoster,
): Promise<((input: PodInput, namespace: string) => Promise<JsonMap | undefined>) | undefined> {
  const cc = await findWebhook(cluster, revision);
  if (!cc) return undefined;
  return async (input, namespace) => {
    const { pod, added } = reviewPod(input);
    const body = admissionReview(pod, namespace, `kube-inject-${++counter}`);
    let text: string;
    if (cc.service) {
      const s = cc.service;
      const res = await cluster.request({
        method: 'POST',
        path: `/api/v1/namespaces/${s.namespace}/services/https:${s.name}:${s.port ?? 443}/proxy${s.path ?? ''}`,
        body,
        contentType: 'application/json',
        timeoutMs: 5000,
      });
      if (res.status >= 300)
        throw new Error(
          `injection webhook ${s.namespace}/${s.name} answered HTTP ${res.status}: ${res.body.trim()}`,
        );
      text = res.body;
    } else if (cc.url) {
      const ca = cc.caBundle ? Buffer.from(cc.caBundle, 'base64').toString('utf8') : undefined;
      text = await (post ?? httpsPost)(cc.url, body, ca);
    } else throw new Error('the injection webhook has neither a service nor a URL');
    return applyReviewResponse(pod, text, added);
  };
}

const httpsPost: UrlPoster = async (url, body, ca) => {
  const https = await import('node:https');
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        timeout: 5000,
        ...(ca ? { ca } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      },
    );
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error(`Post "${url}": context deadline exceeded`)));
    req.end(body);
  });
};
