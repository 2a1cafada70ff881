// VirtualService rules: hosts and gateways, route/redirect/delegate conflicts, destinations and
// weights, matches (regexes, header names), fault injection, retries, rewrites, CORS, mirrors.
import * as c from '../checks.js';
import { joinPath, type Reporter, type Rule } from '../types.js';
import { at, destination, exportTo, has, headerOps, len, percentage, report } from './shared.js';

type Obj = Record<string, any>;

const MESH = 'mesh';

function gatewayNames(names: string[] | undefined, path: string, r: Reporter): void {
  for (const [i, g] of (names ?? []).entries()) {
    const p = at(path, i);
    const slash = g.indexOf('/');
    if (slash < 0) {
      if (g.includes('.')) {
        const parts = g.split('.');
        r.warn(
          p,
          `using legacy gatewayName format ${JSON.stringify(g)}; prefer the <namespace>/<name> format: "${parts[1]}/${parts[0]}"`,
        );
      }
      report(r, p, c.fqdn(g));
      continue;
    }
    const ns = g.slice(0, slash);
    const name = g.slice(slash + 1);
    if (!ns || !name) r.error(p, 'config namespace and gateway name cannot be empty');
    if (!c.isDns1123Label(ns)) r.error(p, `invalid value for namespace: ${JSON.stringify(ns)}`);
    if (!c.isDns1123Label(name)) r.error(p, `invalid value for gateway name: ${JSON.stringify(name)}`);
  }
}

const appliesToGateway = (gateways: string[] | undefined) => len(gateways) > 0 && !gateways!.includes(MESH);

/** host.Name.Matches: equal, or one wildcard covers the other. */
function hostsOverlap(a: string, b: string): boolean {
  const wa = a.startsWith('*');
  const wb = b.startsWith('*');
  if (!wa && !wb) return a === b;
  if (wa && wb) return a.length > b.length ? a.endsWith(b.slice(1)) : b.endsWith(a.slice(1));
  return wa ? b.endsWith(a.slice(1)) : a.endsWith(b.slice(1));
}

function stringMatchRegex(m: Obj | undefined, where: string, path: string, r: Reporter): void {
  if (!m || !has(m.regex)) return;
  const re = String(m.regex);
  if (re === '') {
    r.error(path, `"${where}": regex string match should not be empty`);
    return;
  }
  if (re.length > 1024) {
    r.error(path, `"${where}": regex is too large, max length allowed is 1024`);
    return;
  }
  const e = c.re2(re);
  if (e)
    r.error(
      path,
      `"${where}": ${e}; Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)`,
    );
}

function routeDestinations(list: Obj[] | undefined, path: string, r: Reporter, http: boolean): void {
  let total = 0;
  for (const [i, w] of (list ?? []).entries()) {
    const p = at(path, i);
    if (!w) {
      r.error(p, 'weight may not be nil');
      continue;
    }
    if (!w.destination) r.error(joinPath(p, 'destination'), 'destination is required');
    if (http) headerOps(w.headers, joinPath(p, 'headers'), r);
    destination(w.destination, joinPath(p, 'destination'), r);
    const weight = Number(w.weight ?? 0);
    if (weight < 0) r.error(joinPath(p, 'weight'), `weight ${weight} < 0`);
    total += weight;
  }
  if (len(list) > 1 && total === 0) r.error(path, 'total destination weight = 0');
}

function httpRoute(h: Obj, path: string, r: Reporter, vs: Obj): void {
  const delegateVs = len(vs.hosts) === 0;
  const root = !delegateVs && has(h.delegate);
  const name = h.name ?? '';
  if (root) {
    if (has(h.redirect))
      r.error(joinPath(path, 'redirect'), `root HTTP route ${name} must not specify redirect`);
    if (has(h.route)) r.error(joinPath(path, 'route'), `root HTTP route ${name} must not specify route`);
  } else {
    if (delegateVs && has(h.delegate))
      r.error(joinPath(path, 'delegate'), 'delegate HTTP route cannot contain delegate');
    if (has(h.redirect)) {
      if (len(h.route) > 0) r.error(path, 'HTTP route cannot contain both route and redirect');
      if (has(h.fault)) r.error(path, 'HTTP route cannot contain both fault and redirect');
      if (has(h.rewrite)) r.error(path, 'HTTP route rule cannot contain both rewrite and redirect');
    } else if (len(h.route) === 0 && !has(h.directResponse)) {
      r.error(path, 'HTTP route, redirect or direct response is required');
    }
    if (has(h.directResponse)) {
      if (len(h.route) > 0) r.error(path, 'HTTP route cannot contain both route and direct response');
      if (has(h.redirect)) r.error(path, 'HTTP route cannot contain both redirect and direct response');
    }
  }
  for (const [i, m] of (h.match ?? []).entries()) {
    if (!m) continue;
    const mp = at(path, 'match', i);
    for (const kind of ['headers', 'withoutHeaders'] as const) {
      for (const [hn, hv] of Object.entries<Obj>(m[kind] ?? {})) {
        const hp = at(mp, kind, hn);
        if (!hv) r.error(hp, `header match ${hn} cannot be null`);
        if (!(hn.startsWith('@request.auth.claims.') || hn.startsWith('@request.auth.claims[')))
          report(r, hp, c.headerName(hn));
        if (root || delegateVs) {
          if (has(hv?.regex)) r.error(hp, `header match ${hn} does not support regex match for delegating`);
        } else stringMatchRegex(hv, 'headers', joinPath(hp, 'regex'), r);
      }
    }
    for (const f of ['uri', 'scheme', 'method', 'authority'] as const) {
      if (root || delegateVs) {
        if (has(m[f]?.regex))
          r.error(
            at(mp, f, 'regex'),
            `${f === 'uri' ? 'url' : f} match does not support regex match for delegating`,
          );
      } else stringMatchRegex(m[f], f, at(mp, f, 'regex'), r);
    }
    for (const [qn, qv] of Object.entries<Obj>(m.queryParams ?? {})) {
      if (root || delegateVs) {
        if (has(qv?.regex))
          r.error(
            at(mp, 'queryParams', qn),
            `query param match ${qn} does not support regex match for delegating`,
          );
      } else stringMatchRegex(qv, 'queryParams', at(mp, 'queryParams', qn, 'regex'), r);
    }
    if (m.port) report(r, joinPath(mp, 'port'), c.port(Number(m.port)));
    for (const e of c.labelSet(m.sourceLabels)) r.error(joinPath(mp, 'sourceLabels'), e);
    gatewayNames(m.gateways, joinPath(mp, 'gateways'), r);
    if (m.sourceNamespace && !c.isDns1123Label(m.sourceNamespace)) {
      r.error(joinPath(mp, 'sourceNamespace'), `sourceNamespace match ${m.sourceNamespace} is invalid`);
    }
  }
  headerOps(h.headers, joinPath(path, 'headers'), r);
  authorityOnce(h, path, r);
  cors(h.corsPolicy, joinPath(path, 'corsPolicy'), r);
  fault(h.fault, joinPath(path, 'fault'), r);
  if (has(h.mirrorPercent) || has(h.mirror_percent)) {
    const key = has(h.mirrorPercent) ? 'mirrorPercent' : 'mirror_percent';
    const n = Number(h[key]);
    if (n > 100) r.error(joinPath(path, key), `mirror_percent must have a max value of 100 (it has ${n})`);
    r.warn(joinPath(path, key), 'using deprecated setting "mirrorPercent", use "mirrorPercentage" instead');
  }
  if (has(h.mirrorPercentage)) {
    const n = Number(h.mirrorPercentage.value ?? 0);
    if (n > 100)
      r.error(
        joinPath(path, 'mirrorPercentage'),
        `mirror_percentage must have a max value of 100 (it has ${n.toFixed(6)})`,
      );
    if (n < 0)
      r.error(
        joinPath(path, 'mirrorPercentage'),
        `mirror_percentage must have a min value of 0 (it has ${n.toFixed(6)})`,
      );
  }
  destination(h.mirror, joinPath(path, 'mirror'), r);
  if (has(h.mirror) && len(h.mirrors) > 0) r.error(path, 'HTTP route cannot contain both mirror and mirrors');
  for (const [i, m] of (h.mirrors ?? []).entries()) {
    const p = at(path, 'mirrors', i);
    if (!m?.destination) {
      r.error(p, 'destination is required for mirrors');
      continue;
    }
    destination(m.destination, joinPath(p, 'destination'), r);
    const n = Number(m.percentage?.value ?? 0);
    if (n > 100)
      r.error(
        joinPath(p, 'percentage'),
        `mirror percentage must have a max value of 100 (it has ${n.toFixed(6)})`,
      );
    if (n < 0)
      r.error(
        joinPath(p, 'percentage'),
        `mirror percentage must have a min value of 0 (it has ${n.toFixed(6)})`,
      );
  }
  redirect(h.redirect, joinPath(path, 'redirect'), r);
  retries(h.retries, joinPath(path, 'retries'), r);
  rewrite(h.rewrite, joinPath(path, 'rewrite'), r);
  directResponse(h.directResponse, joinPath(path, 'directResponse'), r);
  routeDestinations(h.route, joinPath(path, 'route'), r, true);
}

function authorityOnce(h: Obj, path: string, r: Reporter): void {
  let current: string = h.rewrite?.authority ?? '';
  for (const op of ['set', 'add'] as const) {
    for (const [k, v] of Object.entries<string>(h.headers?.request?.[op] ?? {})) {
      if (k.toLowerCase() !== ':authority' && k.toLowerCase() !== 'host') continue;
      if (current !== '') {
        r.error(
          at(path, 'headers', 'request', op, k),
          `authority header cannot be set multiple times: have ${JSON.stringify(current)}, attempting to set ${JSON.stringify(v)}`,
        );
        return;
      }
      current = v;
    }
  }
}

function cors(p: Obj | undefined, path: string, r: Reporter): void {
  if (!p) return;
  for (const [i, o] of (p.allowOrigins ?? []).entries()) {
    const op = at(path, 'allowOrigins', i);
    const match = o?.exact ?? o?.prefix ?? o?.regex ?? '';
    if (match === '') r.error(op, `'${match}' is not a valid match type for CORS allow origins`);
    else stringMatchRegex(o, 'corsPolicy.allowOrigins', op, r);
  }
  for (const [i, m] of (p.allowMethods ?? []).entries()) {
    if (!c.SUPPORTED_METHODS.has(m))
      r.error(at(path, 'allowMethods', i), `${JSON.stringify(m)} is not a supported HTTP method`);
  }
  for (const f of ['allowHeaders', 'exposeHeaders'] as const) {
    for (const [i, n] of (p[f] ?? []).entries())
      if (n !== '*') report(r, at(path, f, i), c.headerName(String(n)));
  }
}

function fault(f: Obj | undefined, path: string, r: Reporter): void {
  if (!f) return;
  if (!has(f.abort) && !has(f.delay)) r.error(path, 'HTTP fault injection must have an abort and/or a delay');
  if (f.abort) {
    const p = joinPath(path, 'abort');
    percentage(f.abort.percentage, joinPath(p, 'percentage'), r);
    if (has(f.abort.grpcStatus)) {
      if (!GRPC_STATUS.has(f.abort.grpcStatus))
        r.error(
          joinPath(p, 'grpcStatus'),
          `gRPC status ${JSON.stringify(f.abort.grpcStatus)} is not supported. See https://github.com/grpc/grpc/blob/master/doc/statuscodes.md for a list of supported codes, for example 'NOT_FOUND'`,
        );
    } else if (has(f.abort.http2Error))
      r.error(joinPath(p, 'http2Error'), 'HTTP/2 abort fault injection not supported yet');
    else if (has(f.abort.httpStatus)) httpStatus(Number(f.abort.httpStatus), joinPath(p, 'httpStatus'), r);
    else r.warn(p, 'abort configured, but error type not set');
  }
  if (f.delay) {
    const p = joinPath(path, 'delay');
    percentage(f.delay.percentage, joinPath(p, 'percentage'), r);
    if (has(f.delay.exponentialDelay))
      r.error(joinPath(p, 'exponentialDelay'), 'exponentialDelay not supported yet');
  }
}

const GRPC_STATUS = new Set([
  'OK',
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
  'UNAUTHENTICATED',
]);

function httpStatus(n: number, path: string, r: Reporter): void {
  if (n < 200 || n > 600) r.error(path, `HTTP status ${n} is not in range 200-599`);
}

function redirect(v: Obj | undefined, path: string, r: Reporter): void {
  if (!v) return;
  if (!v.uri && !v.authority && !has(v.port) && !has(v.derivePort) && !v.scheme) {
    r.error(path, 'redirect must specify URI, authority, scheme, or port');
    return;
  }
  const code = Number(v.redirectCode ?? 0);
  if (code !== 0 && (code < 300 || code > 399)) {
    r.error(joinPath(path, 'redirectCode'), `${code} is not a valid redirect code, must be 3xx`);
    return;
  }
  if (v.scheme && v.scheme !== 'http' && v.scheme !== 'https') {
    r.error(joinPath(path, 'scheme'), 'invalid redirect scheme, must be "http" or "https"');
    return;
  }
  if (Number(v.port ?? 0) > 0) report(r, joinPath(path, 'port'), c.port(Number(v.port)));
}

const RETRY_ON = new Set([
  '5xx',
  'gateway-error',
  'reset',
  'reset-before-request',
  'connect-failure',
  'retriable-4xx',
  'refused-stream',
  'retriable-status-codes',
  'retriable-headers',
  'envoy-ratelimited',
  'http3-post-connect-failure',
  'cancelled',
  'deadline-exceeded',
  'internal',
  'resource-exhausted',
  'unavailable',
]);

function retries(v: Obj | undefined, path: string, r: Reporter): void {
  if (!v) return;
  const attempts = Number(v.attempts ?? 0);
  if (attempts < 0) r.error(joinPath(path, 'attempts'), 'attempts cannot be negative');
  if (attempts === 0 && (has(v.perTryTimeout) || (v.retryOn ?? '') !== '' || has(v.retryRemoteLocalities))) {
    r.error(path, 'http retry policy configured when attempts are set to 0 (disabled)');
  }
  if (v.retryOn) {
    for (const policy of String(v.retryOn).split(',')) {
      const code = /^\d+$/.test(policy) ? Number(policy) : 0;
      if (!(code >= 100 && code <= 599) && !RETRY_ON.has(policy))
        r.error(joinPath(path, 'retryOn'), `${JSON.stringify(policy)} is not a valid retryOn policy`);
    }
  }
}

function rewrite(v: Obj | undefined, path: string, r: Reporter): void {
  if (!v) return;
  if (v.uri && has(v.uriRegexRewrite)) {
    r.error(path, 'rewrite may only contain one of URI or UriRegexRewrite');
    return;
  }
  if (!v.uri && !has(v.uriRegexRewrite) && !v.authority) {
    r.error(
      path,
      'rewrite must specify at least one of URI, UriRegexRewrite, or authority. Only one of URI or UriRegexRewrite may be specified',
    );
    return;
  }
  const rr = v.uriRegexRewrite;
  if (rr) {
    const p = joinPath(path, 'uriRegexRewrite');
    if (!rr.match || !rr.rewrite) {
      r.error(
        p,
        'UriRegexRewrite has errors\nUriRegexRewrite requires both Rewrite and Match fields to be specified',
      );
      return;
    }
    const e = c.re2(rr.match);
    if (e)
      r.error(joinPath(p, 'match'), `UriRegexRewrite has errors\n"HTTPRewrite.UriRegexRewrite.Match": ${e}`);
  }
}

function directResponse(v: Obj | undefined, path: string, r: Reporter): void {
  if (!v) return;
  const body = v.body;
  if (body) {
    const size = has(body.string)
      ? Buffer.byteLength(String(body.string))
      : has(body.bytes)
        ? Math.floor((String(body.bytes).length * 3) / 4)
        : 0;
    if (size > 1024 * 1024)
      r.error(
        joinPath(path, 'body'),
        'large direct_responses may impact control plane performance, must be less than 1MB',
      );
    else if (size > 100 * 1024)
      r.warn(joinPath(path, 'body'), 'large direct_responses may impact control plane performance');
  }
  httpStatus(Number(v.status ?? 0), joinPath(path, 'status'), r);
}

function l4Match(m: Obj | undefined, path: string, r: Reporter, what: 'tcp' | 'tls'): void {
  if (!m) {
    r.error(path, what === 'tcp' ? 'tcp match may not be nil' : 'TLS match may not be null');
    return;
  }
  for (const [i, s] of (m.destinationSubnets ?? []).entries())
    report(r, at(path, 'destinationSubnets', i), c.ipOrSubnet(String(s)));
  if (m.port) report(r, joinPath(path, 'port'), c.port(Number(m.port)));
  for (const e of c.labelSet(m.sourceLabels)) r.error(joinPath(path, 'sourceLabels'), e);
  gatewayNames(m.gateways, joinPath(path, 'gateways'), r);
}

function sniHost(sni: string, path: string, r: Reporter, vs: Obj): void {
  const e = c.wildcardDomain(sni);
  if (e) {
    if (c.isIP(sni)) {
      r.warn(
        path,
        `using an IP address (${JSON.stringify(sni)}) goes against SNI spec and most clients do not support this`,
      );
      return;
    }
    r.error(path, e);
    return;
  }
  const subsetOf = (a: string, b: string) =>
    b.startsWith('*') ? a.endsWith(b.slice(1)) || b === '*' : a === b;
  if ((vs.hosts ?? []).some((h: string) => subsetOf(sni, h))) return;
  r.error(
    path,
    `SNI host ${JSON.stringify(sni)} is not a compatible subset of any of the virtual service hosts: [${(vs.hosts ?? []).join(', ')}]`,
  );
}

export const virtualServiceRules: Rule[] = [
  {
    at: '.spec',
    check: (vs: Obj, path, r, ctx) => {
      if (len(vs.hosts) === 0) {
        if (len(vs.gateways))
          r.error(joinPath(path, 'gateways'), 'delegate virtual service must have no gateways specified');
        if (len(vs.tls))
          r.error(joinPath(path, 'tls'), 'delegate virtual service must have no tls route specified');
        if (len(vs.tcp))
          r.error(joinPath(path, 'tcp'), 'delegate virtual service must have no tcp route specified');
      }
      const gw = appliesToGateway(vs.gateways);
      gatewayNames(vs.gateways, joinPath(path, 'gateways'), r);
      if (!gw) {
        for (const [i, h] of (vs.http ?? []).entries()) {
          for (const [j, m] of (h?.match ?? []).entries()) {
            for (const k of [...Object.keys(m?.headers ?? {}), ...Object.keys(m?.withoutHeaders ?? {})]) {
              if (k.startsWith('@request.auth.claims')) {
                r.error(
                  at(path, 'http', i, 'match', j),
                  `JWT claim based routing (key: ${k}) is only supported for gateway, found no gateways: [${(vs.gateways ?? []).join(' ')}]`,
                );
              }
            }
          }
        }
      }
      let allValid = true;
      for (const [i, h] of (vs.hosts ?? []).entries()) {
        const e = c.wildcardDomain(String(h));
        if (e) {
          if (!c.isIP(String(h))) {
            r.error(at(path, 'hosts', i), e);
            allValid = false;
          }
        } else if (!gw && h === '*') {
          r.error(
            at(path, 'hosts', i),
            'wildcard host * is not allowed for virtual services bound to the mesh gateway',
          );
          allValid = false;
        }
      }
      if (allValid) {
        const hosts: string[] = vs.hosts ?? [];
        for (let i = 0; i < hosts.length; i++) {
          for (let j = i + 1; j < hosts.length; j++) {
            if (hostsOverlap(hosts[i]!, hosts[j]!))
              r.error(at(path, 'hosts', j), `duplicate hosts in virtual service: ${hosts[i]} & ${hosts[j]}`);
          }
        }
      }
      if (!len(vs.http) && !len(vs.tcp) && !len(vs.tls))
        r.error(path, 'http, tcp or tls must be provided in virtual service');
      exportTo(vs.exportTo, ctx.namespace, joinPath(path, 'exportTo'), r);
      unreachable(vs.http, joinPath(path, 'http'), r, true);
      unreachable(vs.tcp, joinPath(path, 'tcp'), r, false);
      unreachable(vs.tls, joinPath(path, 'tls'), r, false);
    },
  },
  {
    at: '.spec.http[]',
    check: (h: Obj, path, r, ctx) => httpRoute(h, path, r, ctx.object.spec ?? {}),
  },
  {
    at: '.spec.tls[]',
    check: (t: Obj, path, r, ctx) => {
      if (!len(t.match)) r.error(joinPath(path, 'match'), 'TLS route must have at least one match condition');
      for (const [i, m] of (t.match ?? []).entries()) {
        const mp = at(path, 'match', i);
        l4Match(m, mp, r, 'tls');
        if (!m) continue;
        if (!len(m.sniHosts)) r.error(joinPath(mp, 'sniHosts'), 'TLS match must have at least one SNI host');
        for (const [j, s] of (m.sniHosts ?? []).entries())
          sniHost(String(s), at(mp, 'sniHosts', j), r, ctx.object.spec ?? {});
      }
      if (!len(t.route)) r.error(joinPath(path, 'route'), 'TLS route is required');
      routeDestinations(t.route, joinPath(path, 'route'), r, false);
    },
  },
  {
    at: '.spec.tcp[]',
    check: (t: Obj, path, r) => {
      for (const [i, m] of (t.match ?? []).entries()) l4Match(m, at(path, 'match', i), r, 'tcp');
      if (!len(t.route)) r.error(joinPath(path, 'route'), 'TCP route is required');
      routeDestinations(t.route, joinPath(path, 'route'), r, false);
    },
  },
];

/** Warnings for rules no request can reach: a second catch-all, or matches all seen before. */
function unreachable(routes: Obj[] | undefined, path: string, r: Reporter, http: boolean): void {
  const seen = new Map<string, number>();
  let catchAll = -1;
  const unused = (p: string, rule: string, reason: string) =>
    r.warn(p, `virtualService rule ${rule} not used (${reason})`, {
      type: 'VirtualServiceUnreachableRule',
      params: [rule, reason],
    });
  const ineffective = (p: string, rule: string, match: string, dup: string) =>
    r.warn(
      p,
      `virtualService rule ${rule} match ${match} is not used (duplicate/overlapping match in rule ${dup})`,
      {
        type: 'VirtualServiceIneffectiveMatch',
        params: [rule, match, dup],
      },
    );
  const ruleName = (route: Obj, n: number) => (http && route?.name ? JSON.stringify(route.name) : `#${n}`);
  const prefixed: PrefixMatch[] = [];
  for (const [n, route] of (routes ?? []).entries()) {
    if (!route) continue;
    const name = ruleName(route, n);
    if (!len(route.match)) {
      if (catchAll >= 0) unused(at(path, n), name, 'only the last rule can have no matches');
      catchAll = n;
      continue;
    }
    let dups = 0;
    for (const [m, match] of route.match.entries()) {
      const key = JSON.stringify(canonical({ ...match, name: undefined }));
      const prev = seen.get(key);
      const mname = http && match?.name ? JSON.stringify(match.name) : `#${m}`;
      if (prev !== undefined) {
        ineffective(at(path, n, 'match', m), name, mname, ruleName(routes![prev]!, prev));
        dups++;
        continue;
      }
      seen.set(key, n);
      if (http && match?.uri?.prefix) prefixed.push(prefixMatch(match, name, mname, at(path, n, 'match', m)));
    }
    if (dups === route.match.length) unused(at(path, n), name, 'all matches used by prior rules');
  }
  for (let i = 0; i < prefixed.length; i++) {
    for (let j = i + 1; j < prefixed.length; j++) {
      const a = prefixed[i]!;
      const b = prefixed[j]!;
      if (a.prefix === b.prefix || !covers(a, b)) continue;
      ineffective(
        b.path,
        b.route,
        `${b.match} of prefix ${b.prefix}`,
        `${a.match} of prefix ${a.prefix} on ${a.route}`,
      );
    }
  }
}

interface PrefixMatch {
  route: string;
  match: string;
  path: string;
  prefix: string;
  port: number;
  method: string;
  authority: string;
  maps: Record<string, string>[];
}

const exactOrPrefix = (m: Obj | undefined) =>
  m?.exact ? `exact:${m.exact}` : m?.prefix ? `prefix:${m.prefix}` : '';
const matchMap = (v: Obj | undefined) =>
  Object.fromEntries(Object.entries<Obj>(v ?? {}).map(([k, x]) => [k, exactOrPrefix(x)]));

function prefixMatch(m: Obj, route: string, match: string, path: string): PrefixMatch {
  return {
    route,
    match,
    path,
    prefix: m.uri.prefix,
    port: Number(m.port ?? 0),
    method: exactOrPrefix(m.method) || 'exact:GET',
    authority: exactOrPrefix(m.authority),
    maps: [matchMap(m.headers), matchMap(m.queryParams), matchMap(m.withoutHeaders)],
  };
}

/** Whether the earlier prefix match `a` already takes every request the later `b` would. */
function covers(a: PrefixMatch, b: PrefixMatch): boolean {
  if (!b.prefix.startsWith(a.prefix) || a.port !== b.port) return false;
  if (a.method !== b.method && !a.method.startsWith(b.method)) return false;
  if (a.authority !== b.authority && !a.authority.startsWith(b.authority)) return false;
  return a.maps.every((am, i) => {
    const bm = b.maps[i]!;
    if (Object.keys(am).length !== Object.keys(bm).length) return false;
    return Object.entries(am).every(([k, v]) => k in bm && (v === bm[k] || v.startsWith(bm[k]!)));
  });
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v)
        .filter((k) => (v as Obj)[k] !== undefined)
        .sort()
        .map((k) => [k, canonical((v as Obj)[k])]),
    );
  }
  return v;
}
