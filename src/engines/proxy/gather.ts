// Asks every istiod (or one xDS address) the same debug question and collects the answers,
// keyed by istiod pod name (istioctl/pkg/multixds).
import { IstioctlError } from '../../cli/errors.js';
import type { Cluster, KubeObject } from '../../cluster/cluster.js';
import type { Json } from './config-dump.js';
import { type XdsConnection, xdsRequest } from './xds-client.js';
import type { DiscoveryRequestInput } from './xds-codec.js';

export interface GatherOptions {
  xdsAddress?: string;
  istioNamespace: string;
  revision: string;
  xdsLabel: string;
  xdsPort: number;
  plaintext: boolean;
  insecure: boolean;
  certDir?: { rootCert?: Buffer; certChain?: Buffer; key?: Buffer };
  authority?: string;
  timeoutMs: number;
}

export const SYNCZ_TYPE = 'istio.io/debug/syncz';

export function debugRequest(typeUrl: string, resourceNames?: string[]): DiscoveryRequestInput {
  const req: DiscoveryRequestInput = {
    typeUrl,
    node: { id: 'debug~0.0.0.0~istioctl~cluster.local', metadata: { GENERATOR: 'event' } },
  };
  if (resourceNames) req.resourceNames = resourceNames;
  return req;
}

function connection(
  opts: GatherOptions,
  address: string,
  token?: string,
  insecure = opts.insecure,
): XdsConnection {
  const c: XdsConnection = { address, plaintext: opts.plaintext, insecure, timeoutMs: opts.timeoutMs };
  if (opts.certDir) c.tls = opts.certDir;
  if (opts.authority) c.authority = opts.authority;
  if (token) c.token = token;
  return c;
}

async function serviceAccountToken(cluster: Cluster, namespace: string): Promise<string> {
  const res = await cluster.create({
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'TokenRequest',
    metadata: { name: 'default', namespace },
    spec: { audiences: ['istio-ca'], expirationSeconds: 3600 },
  });
  const token = (res.status as { token?: string } | undefined)?.token;
  if (!token) throw new IstioctlError(`could not get a token for ServiceAccount ${namespace}/default`);
  return token;
}

function revisionSelector(opts: GatherOptions): string {
  const rev = opts.revision || 'default';
  return `${opts.xdsLabel || 'app=istiod'},istio.io/rev=${rev}`;
}

/** An external control plane: the first revision webhook with a URL gives the xDS address. */
async function externalAddress(cluster: Cluster, opts: GatherOptions): Promise<string | undefined> {
  const rev = opts.revision || 'default';
  const hooks = await cluster.list(
    { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration' },
    { labelSelector: `istio.io/rev=${rev},!istio.io/tag` },
  );
  for (const h of hooks) {
    for (const w of (h.webhooks as Array<{ clientConfig?: { url?: string } }> | undefined) ?? []) {
      const url = w.clientConfig?.url;
      if (!url) continue;
      const u = new URL(url);
      return `${u.hostname}:${u.port || '443'}`;
    }
  }
  return undefined;
}

/**
 * Every istiod's answer to one request. With `accept`, istiods are asked one at a time and the
 * first accepted answer is the only one kept (a proxy's config dump lives on the istiod it is
 * connected to).
 */
export async function gather<R = Json>(
  cluster: (() => Promise<Cluster>) | undefined,
  opts: GatherOptions,
  req: DiscoveryRequestInput,
  decode?: (buf: Buffer) => R,
  accept?: (r: R) => boolean,
): Promise<Map<string, R>> {
  const out = new Map<string, R>();
  const ask = (c: XdsConnection) =>
    decode ? xdsRequest(c, req, decode) : (xdsRequest(c, req) as Promise<R>);
  if (opts.xdsAddress) {
    out.set(opts.xdsAddress, await ask(connection(opts, opts.xdsAddress)));
    return out;
  }
  if (!cluster) throw new IstioctlError('no Kubernetes cluster to find istiod in (use --xds-address)');
  const kube = await cluster();
  const pods = (
    await kube.list(
      { apiVersion: 'v1', kind: 'Pod' },
      {
        namespace: opts.istioNamespace,
        labelSelector: revisionSelector(opts),
        fieldSelector: 'status.phase=Running',
      },
    )
  ).filter((p: KubeObject) => (p.status as { phase?: string } | undefined)?.phase === 'Running');
  const token =
    opts.plaintext || opts.certDir ? undefined : () => serviceAccountToken(kube, opts.istioNamespace);
  if (pods.length === 0) {
    const external = await externalAddress(kube, opts);
    if (!external) throw new IstioctlError(`no running Istio pods in "${opts.istioNamespace}"`);
    out.set(external, await ask(connection(opts, external, token ? await token() : undefined)));
    return out;
  }
  const bearer = token ? await token() : undefined;
  for (const pod of pods) {
    const name = pod.metadata.name;
    const pf = await kube.portForward(opts.istioNamespace, name, opts.xdsPort);
    try {
      if (!pf.localAddress) {
        throw new IstioctlError(
          `the port-forward to ${name}.${opts.istioNamespace} offers no local address for gRPC`,
        );
      }
      // Through a port-forward the server name cannot match: verification is skipped, as upstream does.
      const answer = await ask(connection(opts, pf.localAddress, bearer, true));
      if (!accept) out.set(name, answer);
      else if (accept(answer)) {
        out.set(name, answer);
        break;
      }
    } finally {
      await pf.close();
    }
  }
  return out;
}
