// An in-memory Cluster for unit tests: seeded from objects (or YAML), records every call,
// and any method can be made to fail on demand (helm's FailingKubeClient idea).
import {
  type ApplyOptions,
  type Cluster,
  ClusterError,
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

export type FakeMethod = keyof Cluster;

export interface FakeCall {
  method: FakeMethod;
  args: unknown[];
}

export interface FakeClusterOptions {
  objects?: KubeObject[];
  version?: ServerVersion;
  /** Responses for request(): key `METHOD path`. */
  requests?: Record<string, RawResponse>;
  /** Port-forward targets: key `namespace/pod:port`, value maps `METHOD path` (or `path`) to a response. */
  forwards?: Record<string, Record<string, RawResponse | string>>;
}

function key(ref: { apiVersion: string; kind: string; namespace?: string; name: string }): string {
  return `${ref.apiVersion}|${ref.kind}|${ref.namespace ?? ''}|${ref.name}`;
}

function clone<T>(v: T): T {
  return structuredClone(v);
}

function matchesLabels(obj: KubeObject, selector: string | undefined): boolean {
  if (!selector) return true;
  const labels = obj.metadata.labels ?? {};
  return selector.split(',').every((term) => {
    const t = term.trim();
    if (!t) return true;
    const ne = t.split('!=');
    if (ne.length === 2) return labels[ne[0]!.trim()] !== ne[1]!.trim();
    const eq = t.split(/==?/);
    if (eq.length === 2) return labels[eq[0]!.trim()] === eq[1]!.trim();
    if (t.startsWith('!')) return !(t.slice(1) in labels);
    return t in labels;
  });
}

function matchesFields(obj: KubeObject, selector: string | undefined): boolean {
  if (!selector) return true;
  return selector.split(',').every((term) => {
    const [path, want] = term.split('=') as [string, string];
    let v: unknown = obj;
    for (const p of path.split('.')) v = (v as Record<string, unknown> | undefined)?.[p];
    return String(v ?? '') === want;
  });
}

export class FakeCluster implements Cluster {
  readonly calls: FakeCall[] = [];
  private readonly objects = new Map<string, KubeObject>();
  private readonly failures = new Map<FakeMethod, Error>();
  private serverVersion: ServerVersion;
  private readonly requests: Record<string, RawResponse>;
  private readonly forwards: Record<string, Record<string, RawResponse | string>>;
  private rv = 1;

  constructor(opts: FakeClusterOptions = {}) {
    this.serverVersion = opts.version ?? { major: '1', minor: '33', gitVersion: 'v1.33.0' };
    this.requests = opts.requests ?? {};
    this.forwards = opts.forwards ?? {};
    for (const o of opts.objects ?? []) this.put(o);
  }

  /** Makes every later call of `method` throw `err`. */
  failOn(method: FakeMethod, err: Error = new ClusterError(`fake: ${method} failed`)): this {
    this.failures.set(method, err);
    return this;
  }

  /** All stored objects, sorted by key (for assertions). */
  all(): KubeObject[] {
    return [...this.objects.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, o]) => clone(o));
  }

  /** Writes (apply/create/delete) recorded so far. */
  writes(): FakeCall[] {
    return this.calls.filter((c) => c.method === 'apply' || c.method === 'create' || c.method === 'delete');
  }

  private enter(method: FakeMethod, args: unknown[]): void {
    this.calls.push({ method, args: clone(args) });
    const err = this.failures.get(method);
    if (err) throw err;
  }

  private put(obj: KubeObject): KubeObject {
    const stored = clone(obj);
    stored.metadata.resourceVersion = String(this.rv++);
    this.objects.set(key({ ...stored, ...stored.metadata }), stored);
    return clone(stored);
  }

  async version(): Promise<ServerVersion> {
    this.enter('version', []);
    return { ...this.serverVersion };
  }

  async get(ref: ObjectRef): Promise<KubeObject | undefined> {
    this.enter('get', [ref]);
    const o = this.objects.get(key(ref));
    return o ? clone(o) : undefined;
  }

  async list(type: TypeRef, opts: ListOptions = {}): Promise<KubeObject[]> {
    this.enter('list', [type, opts]);
    return this.all().filter(
      (o) =>
        o.apiVersion === type.apiVersion &&
        o.kind === type.kind &&
        (opts.namespace === undefined || o.metadata.namespace === opts.namespace) &&
        matchesLabels(o, opts.labelSelector) &&
        matchesFields(o, opts.fieldSelector),
    );
  }

  async apply(obj: KubeObject, opts: ApplyOptions): Promise<KubeObject> {
    this.enter('apply', [obj, opts]);
    if (opts.dryRun) return clone(obj);
    const existing = this.objects.get(key({ ...obj, ...obj.metadata }));
    const merged = existing
      ? { ...existing, ...clone(obj), metadata: { ...existing.metadata, ...obj.metadata } }
      : obj;
    return this.put(merged as KubeObject);
  }

  async create(obj: KubeObject, opts: CreateOptions = {}): Promise<KubeObject> {
    this.enter('create', [obj, opts]);
    if (this.objects.has(key({ ...obj, ...obj.metadata }))) {
      throw new ClusterError(`${obj.kind} "${obj.metadata.name}" already exists`, 409, 'AlreadyExists');
    }
    return opts.dryRun ? clone(obj) : this.put(obj);
  }

  async delete(ref: ObjectRef, opts: DeleteOptions = {}): Promise<boolean> {
    this.enter('delete', [ref, opts]);
    const k = key(ref);
    if (!this.objects.has(k)) return false;
    if (!opts.dryRun) this.objects.delete(k);
    return true;
  }

  async wait(
    ref: ObjectRef,
    condition: (obj: KubeObject | undefined) => boolean,
    opts: WaitOptions,
  ): Promise<KubeObject | undefined> {
    this.enter('wait', [ref, opts]);
    const o = this.objects.get(key(ref));
    const v = o ? clone(o) : undefined;
    if (condition(v)) return v;
    throw new ClusterError(`timed out waiting for ${ref.kind} ${ref.namespace ?? ''}/${ref.name}`);
  }

  async request(req: RawRequest): Promise<RawResponse> {
    this.enter('request', [req]);
    const r = this.requests[`${req.method} ${req.path}`];
    if (!r) return { status: 404, body: '404 page not found' };
    return clone(r);
  }

  async portForward(namespace: string, pod: string, port: number): Promise<PortForward> {
    this.enter('portForward', [namespace, pod, port]);
    const routes = this.forwards[`${namespace}/${pod}:${port}`];
    if (!routes)
      throw new ClusterError(`failure running port forward process: pod ${namespace}/${pod} port ${port}`);
    return {
      request: async (method, path) => {
        const bare = path.split('?')[0]!;
        const r = routes[`${method} ${path}`] ?? routes[path] ?? routes[`${method} ${bare}`] ?? routes[bare];
        if (r === undefined) return { status: 404, body: '' };
        return typeof r === 'string' ? { status: 200, body: r } : clone(r);
      },
      close: async () => {},
    };
  }
}
