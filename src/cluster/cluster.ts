// The one small interface through which everything reaches a Kubernetes cluster.
// Engines see only these plain types, never @kubernetes/client-node's (kube.ts is its sole importer).

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  ownerReferences?: Array<Record<string, unknown>>;
  managedFields?: Array<Record<string, unknown>>;
  finalizers?: string[];
  [key: string]: unknown;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

/** apiVersion + kind: enough to find the REST resource through discovery. */
export interface TypeRef {
  apiVersion: string;
  kind: string;
}

export interface ObjectRef extends TypeRef {
  name: string;
  namespace?: string;
}

export interface ListOptions {
  /** Omit for all namespaces (or for cluster-scoped kinds). */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Page size; implementations follow `continue` tokens until the list is complete. */
  limit?: number;
}

export interface ApplyOptions {
  fieldManager: string;
  /** Take over fields owned by other managers (`--force-conflicts`). */
  force?: boolean;
  /** Server-side dry run: the API server validates and admits, but nothing is stored. */
  dryRun?: boolean;
}

export interface CreateOptions {
  dryRun?: boolean;
  fieldManager?: string;
}

export interface DeleteOptions {
  dryRun?: boolean;
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
}

export interface ServerVersion {
  major: string;
  minor: string;
  gitVersion: string;
}

export interface RawRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** An API server path such as /api/v1/namespaces/x/services/https:istiod:443/proxy/inject */
  path: string;
  query?: Record<string, string>;
  body?: string;
  contentType?: string;
  timeoutMs?: number;
}

export interface RawResponse {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: KubeObject;
}

export interface WaitOptions {
  timeoutMs: number;
  /** Polling interval for implementations that poll; default 500ms. */
  intervalMs?: number;
}

/** A forwarded pod port: requests go to the pod's port through the API server's portforward. */
export interface PortForward {
  request(method: 'GET' | 'POST', path: string, timeoutMs?: number): Promise<RawResponse>;
  /** `host:port` of the local listener that relays raw TCP to the pod port (gRPC clients dial it). */
  localAddress?: string;
  close(): Promise<void>;
}

/** Raised when the API server answers with an error status. */
export class ClusterError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'ClusterError';
  }
}

/** A server-side apply was refused because other field managers own some fields. */
export class ConflictError extends ClusterError {
  constructor(
    message: string,
    readonly conflicts: string[],
  ) {
    super(message, 409, 'Conflict');
    this.name = 'ConflictError';
  }
}

export interface Cluster {
  /** The API server's version (GET /version). */
  version(): Promise<ServerVersion>;
  /** The object, or undefined when it does not exist (404). */
  get(ref: ObjectRef): Promise<KubeObject | undefined>;
  /** Every object of a type, following pagination. Empty when the type is not served. */
  list(type: TypeRef, opts?: ListOptions): Promise<KubeObject[]>;
  /** Server-side apply. Throws ConflictError on field conflicts unless `force`. */
  apply(obj: KubeObject, opts: ApplyOptions): Promise<KubeObject>;
  /** POST create: for reviews (SelfSubjectAccessReview, TokenRequest...) and plain creates. */
  create(obj: KubeObject, opts?: CreateOptions): Promise<KubeObject>;
  /** Deletes; false when the object did not exist. */
  delete(ref: ObjectRef, opts?: DeleteOptions): Promise<boolean>;
  /** Polls/watches until `condition` holds for the object (undefined = absent), or times out. */
  wait(
    ref: ObjectRef,
    condition: (obj: KubeObject | undefined) => boolean,
    opts: WaitOptions,
  ): Promise<KubeObject | undefined>;
  /** A raw API server request: service/pod proxy paths, discovery, subresources. */
  request(req: RawRequest): Promise<RawResponse>;
  /** Forwards a pod port (Envoy admin 15000, istiod 15014...). */
  portForward(namespace: string, pod: string, port: number): Promise<PortForward>;
}

/** Which cluster to talk to: the global flags that select it. */
export interface ClusterOptions {
  kubeconfig?: string;
  context?: string;
  /** Per-request timeout (`--kubeclient-timeout`), in ms. */
  timeoutMs?: number;
  impersonate?: { user?: string; uid?: string; groups?: string[] };
}

export function refOf(obj: KubeObject): ObjectRef {
  const ref: ObjectRef = { apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name };
  if (obj.metadata.namespace) ref.namespace = obj.metadata.namespace;
  return ref;
}

export function refString(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}
