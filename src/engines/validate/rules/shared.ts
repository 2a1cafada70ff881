// Checks several kinds share: exportTo, workload selectors, policy target references, connection
// pools, destinations, header operations.
import * as c from '../checks.js';
import { joinPath, type Reporter, type Rule } from '../types.js';

type Obj = Record<string, any>;

export const has = (v: unknown): boolean => v !== undefined && v !== null;
export const len = (v: unknown): number =>
  Array.isArray(v) ? v.length : v && typeof v === 'object' ? Object.keys(v).length : 0;
export const at = (p: string, ...keys: (string | number)[]): string =>
  keys.reduce<string>((a, k) => joinPath(a, k), p);

export function report(r: Reporter, path: string, msg: string | undefined): void {
  if (msg) r.error(path, msg);
}

export function exportTo(
  list: string[] | undefined,
  namespace: string,
  path: string,
  r: Reporter,
  opts: { serviceEntry?: boolean; drSelector?: boolean } = {},
): void {
  if (!list?.length) return;
  const seen = new Set<string>();
  for (const [i, e] of list.entries()) {
    const key = e === '.' ? namespace : e;
    const p = at(path, i);
    if (seen.has(key)) {
      r.error(
        p,
        key !== e
          ? `duplicate entries in exportTo: . and current namespace ${namespace}`
          : `duplicate entries in exportTo for entry ${e}`,
      );
      continue;
    }
    if (opts.serviceEntry && e === '~') {
      seen.add(key);
      continue;
    }
    if (key !== '*' && key !== '.' && !c.isDns1123Label(key)) {
      r.error(
        p,
        `only .,* or a valid DNS 1123 label is allowed as exportTo entry, found ${JSON.stringify(key)}`,
      );
    } else seen.add(key);
  }
  if (opts.drSelector && seen.size) {
    if (!seen.has(namespace))
      r.error(path, 'destination rule with workload selector cannot have exportTo beyond current namespace');
    else if (seen.size > 1)
      r.error(path, 'destination rule with workload selector cannot have multiple entries in exportTo');
  }
  if (seen.has('*') && list.length > 1)
    r.error(path, 'cannot have both public (*) and non-public exportTo values for a resource');
  if (seen.has('~') && list.length > 1)
    r.error(path, 'cannot export service entry to no one (~) and someone');
}

/** type.WorkloadSelector `{matchLabels}` and networking `{labels}`. */
export function selectorLabels(
  labels: Obj | undefined,
  path: string,
  r: Reporter,
  warnEmpty: string | undefined,
): void {
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (k === '') r.error(path, `empty key is not supported in selector: "=${v}"`);
    if (k.includes('*') || String(v).includes('*'))
      r.error(joinPath(path, k), `wildcard is not supported in selector: "${k}=${v}"`);
  }
  if (warnEmpty && len(labels) === 0) r.warn(path, warnEmpty);
}

/** networking WorkloadSelector (`labels`): no wildcards; empty labels apply to the whole namespace. */
export function alphaSelector(ws: Obj | undefined, path: string, r: Reporter, who: string): void {
  if (!ws) return;
  selectorLabels(ws.labels, joinPath(path, 'labels'), r, undefined);
  if (!len(ws.labels)) {
    r.warn(
      path,
      `${who}: workload selector specified without labels, will be applied to all services in namespace`,
    );
  }
}

export const workloadSelectorRule = (at0: string): Rule => ({
  at: at0,
  check: (v: Obj, path, r) =>
    selectorLabels(
      v.matchLabels,
      joinPath(path, 'matchLabels'),
      r,
      'workload selector specified without labels',
    ),
});

const TARGET_KINDS_TEXT =
  '[core/v1/Service networking.istio.io/v1/ServiceEntry gateway.networking.k8s.io/v1/Gateway gateway.networking.k8s.io/v1/GatewayClass]';

export function targetRef(v: Obj, path: string, r: Reporter): void {
  if (!v.name) r.error(joinPath(path, 'name'), 'targetRef name must be set');
  if (v.namespace)
    r.error(
      joinPath(path, 'namespace'),
      'targetRef namespace must not be set; cross namespace referencing is not supported',
    );
  const group = v.group ?? '';
  const kind = v.kind ?? '';
  const ok =
    (kind === 'Service' && (group === '' || group === 'core')) ||
    (kind === 'ServiceEntry' && group === 'networking.istio.io') ||
    ((kind === 'Gateway' || kind === 'GatewayClass') && group === 'gateway.networking.k8s.io');
  if (!ok) r.error(path, `targetRef must be to one of ${TARGET_KINDS_TEXT} but was ${group}/${kind}`);
}

/** selector / targetRef / targetRefs: at most one, and each well-formed. */
export const policyTargetRules = (spec: string, singleRef = true): Rule[] => [
  {
    at: spec,
    check: (v: Obj, path, r) => {
      const set = [has(v.selector), singleRef && has(v.targetRef), len(v.targetRefs) > 0].filter(
        Boolean,
      ).length;
      if (set > 1) r.error(path, 'only one of targetRefs or workloadSelector can be set');
    },
  },
  workloadSelectorRule(`${spec}.selector`),
  ...(singleRef
    ? [{ at: `${spec}.targetRef`, check: (v: Obj, path: string, r: Reporter) => targetRef(v, path, r) }]
    : []),
  { at: `${spec}.targetRefs[]`, check: (v: Obj, path, r) => targetRef(v, path, r) },
];

/** ConnectionPoolSettings checks, anchored where a pool appears. */
export const connectionPoolRules = (pool: string): Rule[] => [
  {
    at: pool,
    check: (v: Obj, path, r) => {
      if (!has(v.http) && !has(v.tcp)) r.error(path, 'connection pool must have at least one field');
      const h = v.http ?? {};
      const neg: [string, string][] = [
        ['http1MaxPendingRequests', 'http1 max pending requests must be non-negative'],
        ['http2MaxRequests', 'http2 max requests must be non-negative'],
        ['maxRequestsPerConnection', 'max requests per connection must be non-negative'],
        ['maxRetries', 'max retries must be non-negative'],
        ['maxConcurrentStreams', 'max concurrent streams must be non-negative'],
      ];
      for (const [f, m] of neg) if (Number(h[f]) < 0) r.error(at(path, 'http', f), m);
      if (h.h2UpgradePolicy === 'UPGRADE' && h.useClientProtocol === true) {
        r.error(at(path, 'http'), 'use client protocol must not be true when H2UpgradePolicy is UPGRADE');
      }
      if (Number(v.tcp?.maxConnections) < 0)
        r.error(at(path, 'tcp', 'maxConnections'), 'max connections must be non-negative');
    },
  },
];

export function destination(v: Obj | undefined, path: string, r: Reporter): void {
  if (!v) return;
  const host = String(v.host ?? '');
  if (host === '*') r.error(joinPath(path, 'host'), `invalid destination host ${host}`);
  else report(r, joinPath(path, 'host'), c.wildcardDomain(host));
  if (has(v.subset) && v.subset !== '') {
    if (!c.isDns1123Label(v.subset)) r.error(joinPath(path, 'subset'), `subset name is invalid: ${v.subset}`);
  }
  if (v.port) report(r, at(path, 'port', 'number'), c.port(Number(v.port.number ?? 0)));
}

/** Header add/set/remove for requests (authority allowed) and responses. */
export function headerOps(h: Obj | undefined, path: string, r: Reporter): void {
  if (!h) return;
  for (const dir of ['request', 'response'] as const) {
    const ops = h[dir];
    if (!ops) continue;
    for (const op of ['add', 'set'] as const) {
      for (const [name, value] of Object.entries<string>(ops[op] ?? {})) {
        const p = at(path, dir, op, name);
        report(r, p, dir === 'request' ? requestHeaderName(name) : responseHeaderName(name));
        report(r, p, c.headerValue(String(value ?? '')));
      }
    }
    for (const [i, name] of (ops.remove ?? []).entries())
      report(r, at(path, dir, 'remove', i), responseHeaderName(String(name)));
  }
}

const isInternal = (n: string) => n.startsWith(':') || n.toLowerCase() === 'host';
const isAuthority = (n: string) => n.toLowerCase() === ':authority' || n.toLowerCase() === 'host';

function requestHeaderName(n: string): string | undefined {
  if (n === '') return 'header name cannot be empty';
  if (isInternal(n) && !isAuthority(n))
    return `invalid header ${JSON.stringify(n)}: header cannot have ":" prefix`;
  return undefined;
}

function responseHeaderName(n: string): string | undefined {
  if (n === '') return 'header name cannot be empty';
  if (n.toLowerCase() === 'host') return `invalid header ${JSON.stringify(n)}: cannot set Host header`;
  if (isInternal(n)) return `invalid header ${JSON.stringify(n)}: header cannot have ":" prefix`;
  return undefined;
}

export function percentage(v: Obj | undefined, path: string, r: Reporter): void {
  if (!v) return;
  const n = Number(v.value ?? 0);
  if (n < 0 || n > 100 || (n > 0 && n < 0.0001))
    r.error(joinPath(path, 'value'), `percentage ${n} is neither 0.0, nor in range [0.0001, 100.0]`);
}
