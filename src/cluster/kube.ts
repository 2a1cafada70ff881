// The Cluster over a real API server. The sole importer of @kubernetes/client-node, which
// handles kubeconfig loading and every auth method (certs, tokens, exec plugins, OIDC).
// REST calls go through node:https with the options client-node fills in; discovery maps
// apiVersion+kind to resources, as kubectl's RESTMapper does.
import { existsSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type * as K8s from '@kubernetes/client-node';
import {
  type ApplyOptions,
  type Cluster,
  ClusterError,
  type ClusterOptions,
  type CreateOptions,
  type DeleteOptions,
  type KubeObject,
  type ListOptions,
  type ObjectRef,
  type PortForward,
  type RawRequest,
  type RawResponse,
  type ServerVersion,
  type TypeRef,
  type WaitOptions,
} from './cluster.js';
import { backoffMs, MAX_TRIES, statusError } from './kube-status.js';

/**
 * Loaded by connect(): client-node is ESM-only, and the executable's bundle is CommonJS, where a
 * static import would become a require() that Node 20 refuses for ES modules.
 */
let k8s: typeof K8s;

interface ResourceInfo {
  name: string;
  namespaced: boolean;
}

export async function connect(
  opts: ClusterOptions,
  env: Readonly<Record<string, string | undefined>>,
): Promise<Cluster> {
  k8s ??= await import('@kubernetes/client-node');
  const kc = new k8s.KubeConfig();
  try {
    if (opts.kubeconfig) kc.loadFromFile(opts.kubeconfig);
    else if (
      env.KUBECONFIG ||
      existsSync(join(homedir(), '.kube', 'config')) ||
      env.KUBERNETES_SERVICE_HOST
    ) {
      // KUBECONFIG may list several files; client-node merges them (and knows in-cluster config).
      kc.loadFromDefault();
    } else {
      throw new Error('no configuration has been provided: set --kubeconfig or KUBECONFIG');
    }
    if (opts.context) kc.setCurrentContext(opts.context);
  } catch (err) {
    throw new ClusterError(`failed to load kubeconfig: ${(err as Error).message}`);
  }
  const server = kc.getCurrentCluster()?.server;
  if (!server) throw new ClusterError('no Kubernetes cluster is configured: set --kubeconfig or KUBECONFIG');
  return new KubeCluster(kc, server, opts);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

class KubeCluster implements Cluster {
  private readonly resources = new Map<string, Promise<Map<string, ResourceInfo>>>();
  private readonly agentOpts: Promise<https.RequestOptions>;

  constructor(
    private readonly kc: K8s.KubeConfig,
    private readonly server: string,
    private readonly opts: ClusterOptions,
  ) {
    this.agentOpts = (async () => {
      const o: https.RequestOptions = { headers: {} };
      await kc.applyToHTTPSOptions(o);
      const headers = (o.headers ?? {}) as Record<string, string>;
      const imp = opts.impersonate;
      if (imp?.user) headers['Impersonate-User'] = imp.user;
      if (imp?.uid) headers['Impersonate-Uid'] = imp.uid;
      o.headers = headers;
      return o;
    })();
  }

  /**
   * One request, retried (at most 3 tries, short backoff) when it surely did not take effect or is safe to
   * repeat: the connection was refused, API Priority and Fairness answered 429, or a GET met 503/504
   * (an API server starting up, an aggregated API briefly unavailable).
   */
  private async raw(req: RawRequest): Promise<RawResponse> {
    for (let attempt = 1; ; attempt++) {
      let res: RawResponse;
      try {
        res = await this.once(req);
      } catch (err) {
        if (attempt < MAX_TRIES && (err as { refused?: boolean }).refused) {
          await sleep(backoffMs(attempt));
          continue;
        }
        throw err;
      }
      const transient =
        res.status === 429 || (req.method === 'GET' && (res.status === 503 || res.status === 504));
      if (!transient || attempt >= MAX_TRIES) return res;
      await sleep(backoffMs(attempt, res.headers?.['retry-after']));
    }
  }

  private async once(req: RawRequest): Promise<RawResponse> {
    const base = await this.agentOpts;
    const url = new URL(this.server.replace(/\/$/, '') + req.path);
    for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, v);
    const isHttps = url.protocol === 'https:';
    const headers: Record<string, string | string[]> = {
      ...(base.headers as Record<string, string>),
      Accept: 'application/json',
    };
    if (this.opts.impersonate?.groups) headers['Impersonate-Group'] = this.opts.impersonate.groups;
    if (req.body !== undefined) {
      headers['Content-Type'] = req.contentType ?? 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(req.body));
    }
    const timeout = req.timeoutMs ?? this.opts.timeoutMs ?? 15_000;
    return new Promise((resolve, reject) => {
      const r = (isHttps ? https : http).request(
        url,
        { ...base, method: req.method, headers, timeout },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              headers: Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, String(v)])),
            }),
          );
          res.on('error', reject);
        },
      );
      r.on('timeout', () =>
        r.destroy(new ClusterError(`request to ${url.pathname} timed out after ${timeout}ms`)),
      );
      r.on('error', (e: NodeJS.ErrnoException) => {
        if (e instanceof ClusterError) return reject(e);
        const err = new ClusterError(`unable to reach the API server ${this.server}: ${e.message}`);
        if (e.code === 'ECONNREFUSED') Object.assign(err, { refused: true });
        reject(err);
      });
      if (req.body !== undefined) r.write(req.body);
      r.end();
    });
  }

  private async json<T>(req: RawRequest, allow404 = false): Promise<T | undefined> {
    const res = await this.raw(req);
    if (res.status === 404 && allow404) return undefined;
    if (res.status >= 200 && res.status < 300) return res.body ? (JSON.parse(res.body) as T) : undefined;
    throw statusError(req, res);
  }

  private groupPath(apiVersion: string): string {
    return apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  }

  private async resourceFor(type: TypeRef): Promise<ResourceInfo | undefined> {
    let p = this.resources.get(type.apiVersion);
    if (!p) {
      p = (async () => {
        const list = await this.json<{
          resources: Array<{ name: string; kind: string; namespaced: boolean }>;
        }>({ method: 'GET', path: this.groupPath(type.apiVersion) }, true);
        const m = new Map<string, ResourceInfo>();
        for (const r of list?.resources ?? [])
          if (!r.name.includes('/')) m.set(r.kind, { name: r.name, namespaced: r.namespaced });
        return m;
      })();
      this.resources.set(type.apiVersion, p);
      p.catch(() => this.resources.delete(type.apiVersion));
    }
    const info = (await p).get(type.kind);
    if (!info) this.resources.delete(type.apiVersion); // a CRD may appear later: rediscover next time
    return info;
  }

  private async pathFor(ref: TypeRef & { namespace?: string; name?: string }): Promise<string> {
    const info = await this.resourceFor(ref);
    if (!info)
      throw new ClusterError(
        `the server doesn't have a resource type for ${ref.kind} in ${ref.apiVersion}`,
        404,
        'NotFound',
      );
    let p = this.groupPath(ref.apiVersion);
    if (info.namespaced && ref.namespace) p += `/namespaces/${encodeURIComponent(ref.namespace)}`;
    p += `/${info.name}`;
    if (ref.name) p += `/${encodeURIComponent(ref.name)}`;
    return p;
  }

  async version(): Promise<ServerVersion> {
    const v = await this.json<ServerVersion>({ method: 'GET', path: '/version' });
    return v!;
  }

  async get(ref: ObjectRef): Promise<KubeObject | undefined> {
    if (!(await this.resourceFor(ref))) return undefined;
    return this.json<KubeObject>({ method: 'GET', path: await this.pathFor(ref) }, true);
  }

  async list(type: TypeRef, opts: ListOptions = {}): Promise<KubeObject[]> {
    if (!(await this.resourceFor(type))) return [];
    const path = await this.pathFor({ ...type, namespace: opts.namespace });
    const out: KubeObject[] = [];
    let cont = '';
    let restarted = false;
    for (;;) {
      const query: Record<string, string> = { limit: String(opts.limit ?? 500) };
      if (opts.labelSelector) query.labelSelector = opts.labelSelector;
      if (opts.fieldSelector) query.fieldSelector = opts.fieldSelector;
      if (cont) query.continue = cont;
      let page: { items: KubeObject[]; metadata?: { continue?: string } } | undefined;
      try {
        page = await this.json({ method: 'GET', path, query });
      } catch (err) {
        // An expired continue token (410 Gone, after etcd compaction): the list must start over, once.
        if (!(cont && !restarted && err instanceof ClusterError && err.status === 410)) throw err;
        restarted = true;
        out.length = 0;
        cont = '';
        continue;
      }
      for (const item of page?.items ?? [])
        out.push({ ...item, apiVersion: type.apiVersion, kind: type.kind });
      cont = page?.metadata?.continue ?? '';
      if (!cont) break;
    }
    return out;
  }

  async apply(obj: KubeObject, opts: ApplyOptions): Promise<KubeObject> {
    const path = await this.pathFor({ ...obj, namespace: obj.metadata.namespace, name: obj.metadata.name });
    const query: Record<string, string> = { fieldManager: opts.fieldManager };
    if (opts.force) query.force = 'true';
    if (opts.dryRun) query.dryRun = 'All';
    const body = JSON.stringify({
      ...obj,
      metadata: { ...obj.metadata, managedFields: undefined, resourceVersion: undefined },
    });
    return (await this.json<KubeObject>({
      method: 'PATCH',
      path,
      query,
      body,
      contentType: 'application/apply-patch+yaml',
    }))!;
  }

  async create(obj: KubeObject, opts: CreateOptions = {}): Promise<KubeObject> {
    const path = await this.pathFor({ ...obj, namespace: obj.metadata?.namespace });
    const query: Record<string, string> = {};
    if (opts.dryRun) query.dryRun = 'All';
    if (opts.fieldManager) query.fieldManager = opts.fieldManager;
    return (await this.json<KubeObject>({ method: 'POST', path, query, body: JSON.stringify(obj) }))!;
  }

  async delete(ref: ObjectRef, opts: DeleteOptions = {}): Promise<boolean> {
    if (!(await this.resourceFor(ref))) return false;
    const query: Record<string, string> = {};
    if (opts.dryRun) query.dryRun = 'All';
    if (opts.propagationPolicy) query.propagationPolicy = opts.propagationPolicy;
    const req: RawRequest = { method: 'DELETE', path: await this.pathFor(ref), query };
    const res = await this.raw(req);
    if (res.status === 404) return false;
    if (res.status >= 300) throw statusError(req, res);
    return true;
  }

  async wait(
    ref: ObjectRef,
    condition: (obj: KubeObject | undefined) => boolean,
    opts: WaitOptions,
  ): Promise<KubeObject | undefined> {
    const deadline = Date.now() + opts.timeoutMs;
    for (;;) {
      const o = await this.get(ref);
      if (condition(o)) return o;
      if (Date.now() >= deadline) {
        throw new ClusterError(
          `timed out after ${opts.timeoutMs}ms waiting for ${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`,
        );
      }
      await sleep(opts.intervalMs ?? 500);
    }
  }

  request(req: RawRequest): Promise<RawResponse> {
    return this.raw(req);
  }

  async portForward(namespace: string, pod: string, port: number): Promise<PortForward> {
    const forward = new k8s.PortForward(this.kc, true);
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      const errStream = new PassThrough();
      forward.portForward(namespace, pod, [port], socket, errStream, socket).catch(() => socket.destroy());
    });
    await new Promise<void>((res, rej) => server.listen(0, '127.0.0.1', () => res()).once('error', rej));
    const local = (server.address() as net.AddressInfo).port;
    return {
      localAddress: `127.0.0.1:${local}`,
      request: (method, path, timeoutMs = this.opts.timeoutMs ?? 15_000) =>
        new Promise<RawResponse>((resolve, reject) => {
          const r = http.request(
            { host: '127.0.0.1', port: local, method, path, timeout: timeoutMs, agent: false },
            (res) => {
              const chunks: Buffer[] = [];
              res.on('data', (c: Buffer) => chunks.push(c));
              res.on('end', () =>
                resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
              );
              res.on('error', reject);
            },
          );
          r.on('timeout', () =>
            r.destroy(
              new ClusterError(`port-forward to ${namespace}/${pod}:${port} timed out after ${timeoutMs}ms`),
            ),
          );
          r.on('error', (e) =>
            reject(
              e instanceof ClusterError
                ? e
                : new ClusterError(`failure running port forward process: ${e.message}`),
            ),
          );
          r.end();
        }),
      close: async () => {
        for (const s of sockets) s.destroy();
        await new Promise<void>((res) => server.close(() => res()));
      },
    };
  }
}
