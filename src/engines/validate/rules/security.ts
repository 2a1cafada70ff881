// AuthorizationPolicy, RequestAuthentication and PeerAuthentication rules.
import * as c from '../checks.js';
import { joinPath, type Reporter, type Rule } from '../types.js';
import { at, has, len, policyTargetRules, report, workloadSelectorRule } from './shared.js';

type Obj = Record<string, any>;

const SOURCE_LISTS = [
  'principals',
  'requestPrincipals',
  'namespaces',
  'ipBlocks',
  'remoteIpBlocks',
  'notPrincipals',
  'notRequestPrincipals',
  'notNamespaces',
  'notIpBlocks',
  'notRemoteIpBlocks',
];
const OPERATION_LISTS = [
  'ports',
  'methods',
  'paths',
  'hosts',
  'notPorts',
  'notMethods',
  'notPaths',
  'notHosts',
];
const upper = (s: string) => s[0]!.toUpperCase() + s.slice(1);

function ips(list: string[] | undefined, path: string, r: Reporter): void {
  for (const [i, v] of (list ?? []).entries()) {
    const s = String(v);
    if (s.includes('/'))
      report(
        r,
        at(path, i),
        c.ipOrSubnet(s)
          ? `bad CIDR range (${s}): netip.ParsePrefix(${JSON.stringify(s)}): prefix length out of range`
          : undefined,
      );
    else if (!c.isIP(s)) r.error(at(path, i), `bad IP address: ${s}`);
  }
}

function ports(list: string[] | undefined, path: string, r: Reporter): void {
  for (const [i, v] of (list ?? []).entries()) {
    const s = String(v);
    if (!/^[+-]?\d+$/.test(s))
      r.error(
        at(path, i),
        `bad port (${s}): strconv.ParseUint: parsing ${JSON.stringify(s)}: invalid syntax`,
      );
    else if (Number(s) < 0 || Number(s) > 65535)
      r.error(at(path, i), `bad port (${s}): port must be in the range [0, 65535]`);
  }
}

function emptyValues(name: string, list: string[] | undefined, path: string, r: Reporter): void {
  for (const [i, v] of (list ?? []).entries())
    if (v === '') r.error(at(path, i), `empty value not allowed, found in ${upper(name)}`);
}

/** `{*}` matches one path segment and `{**}` the rest; other braces are not allowed. */
function pathTemplates(name: string, list: string[] | undefined, path: string, r: Reporter): void {
  for (const [i, p] of (list ?? []).entries()) {
    const s = String(p);
    if (!s.includes('{') && !s.includes('}')) continue;
    const segs = s.split('/');
    const bad = segs.some((seg) => {
      if (!seg.includes('{') && !seg.includes('}')) return false;
      if (seg === '{*}') return false;
      return seg !== '{**}';
    });
    if (bad) {
      r.error(
        at(path, i),
        `invalid or unsupported path ${s.replace(/^\//, '')}, found in ${upper(name)}. Contains '{' or '}' beyond a supported path template`,
      );
    }
  }
}

const ATTRIBUTE_KEYS = [
  'source.ip',
  'remote.ip',
  'source.namespace',
  'source.principal',
  'request.auth.principal',
  'request.auth.audiences',
  'request.auth.presenter',
  'destination.ip',
  'destination.port',
  'connection.sni',
  'source.serviceAccount',
];

function attribute(
  key: string,
  values: string[] | undefined,
  path: string,
  field: string,
  r: Reporter,
): void {
  const bad = (msg: string) => r.error(path, `invalid \`${field}\` for \`key\` ${key}: ${msg}`);
  if (
    key.startsWith('request.headers[') ||
    key.startsWith('request.auth.claims[') ||
    key.startsWith('request.experimental.auth.claims[') ||
    key.startsWith('experimental.envoy.filters.')
  ) {
    if (/\[\s*\]$/.test(key) || (!key.endsWith(']') && !key.startsWith('experimental.')))
      bad(
        `invalid ${key.startsWith('request.headers') ? 'request.headers' : 'request.auth.claims'} key: ${key}`,
      );
    return;
  }
  if (!ATTRIBUTE_KEYS.includes(key)) {
    bad(`unknown attribute: ${key}`);
    return;
  }
  if (key === 'source.ip' || key === 'remote.ip' || key === 'destination.ip') {
    for (const v of values ?? []) {
      const s = String(v);
      if (s.includes('/') ? c.ipOrSubnet(s) : !c.isIP(s))
        bad(s.includes('/') ? `bad CIDR range (${s})` : `bad IP address: ${s}`);
    }
  }
  if (key === 'destination.port') {
    for (const v of values ?? []) {
      const s = String(v);
      if (!/^\d+$/.test(s) || Number(s) > 65535) bad(`invalid port ${s}`);
    }
  }
}

/** Upstream prefixes every AuthorizationPolicy error with the policy's name and namespace. */
function policyPrefixed(rule: Rule): Rule {
  return {
    at: rule.at,
    check: (v, path, r, ctx) => {
      const prefix = `invalid policy ${ctx.object.metadata?.name ?? ''}.${ctx.namespace}:`;
      rule.check(v, path, { error: (p, m) => r.error(p, `${prefix} ${m}`), warn: r.warn }, ctx);
    },
  };
}

const authorizationPolicyChecks: Rule[] = [
  ...policyTargetRules('.spec'),
  {
    at: '.spec',
    check: (ap: Obj, path, r) => {
      const action = ap.action ?? 'ALLOW';
      const rules: Obj[] | undefined = ap.rules;
      if (action === 'CUSTOM') {
        if (!rules)
          r.error(
            path,
            'CUSTOM action without `rules` is meaningless as it will never be triggered, add an empty rule `{}` if you want it be triggered for every request',
          );
        else if (!ap.provider?.name) r.error(joinPath(path, 'provider'), '`provider.name` must not be empty');
        for (const [i, rule] of (rules ?? []).entries()) {
          for (const [j, from] of (rule?.from ?? []).entries()) {
            const src = from?.source;
            if (!src) continue;
            for (const f of [
              'namespaces',
              'notNamespaces',
              'principals',
              'notPrincipals',
              'requestPrincipals',
              'notRequestPrincipals',
            ]) {
              if (len(src[f]))
                r.error(
                  at(path, 'rules', i, 'from', j, 'source', f),
                  `From.${upper(f)} is currently not supported with CUSTOM action`,
                );
            }
          }
          for (const [j, w] of (rule?.when ?? []).entries()) {
            if (!w) continue;
            const k = String(w.key ?? '');
            if (k === 'source.namespace' || k === 'source.principal' || k.startsWith('request.auth.')) {
              r.error(
                at(path, 'rules', i, 'when', j, 'key'),
                `${k} is currently not supported with CUSTOM action`,
              );
            }
          }
        }
      }
      if (has(ap.provider) && action !== 'CUSTOM')
        r.error(
          joinPath(path, 'provider'),
          `\`provider\` must not be with non CUSTOM action, found ${action}`,
        );
      if (action === 'DENY' && !rules)
        r.error(
          path,
          'DENY action without `rules` is meaningless as it will never be triggered, add an empty rule `{}` if you want it be triggered for every request',
        );
      for (const [i, rule] of (rules ?? []).entries()) authzRule(rule, i, at(path, 'rules', i), r, action);
    },
  },
];

export const authorizationPolicyRules: Rule[] = authorizationPolicyChecks.map(policyPrefixed);

function authzRule(rule: Obj | null, i: number, path: string, r: Reporter, action: string): void {
  if (!rule) {
    r.error(path, `\`rule\` must not be nil, found at rule ${i}`);
    return;
  }
  let tcpFrom = false;
  let tcpTo = false;
  let fromExist = false;
  let toExist = false;
  for (const [j, from] of (rule.from ?? []).entries()) {
    const fp = at(path, 'from', j);
    if (!from) {
      r.error(fp, `\`from\` must not be nil, found at rule ${i}`);
      continue;
    }
    const src = from.source;
    if (!src) {
      r.error(joinPath(fp, 'source'), `\`from.source\` must not be nil, found at rule ${i}`);
      continue;
    }
    fromExist = true;
    const sp = joinPath(fp, 'source');
    if (!SOURCE_LISTS.some((f) => len(src[f])) && !len(src.serviceAccounts) && !len(src.notServiceAccounts)) {
      r.error(sp, `\`from.source\` must not be empty, found at rule ${i}`);
    }
    for (const f of ['ipBlocks', 'notIpBlocks', 'remoteIpBlocks', 'notRemoteIpBlocks'])
      ips(src[f], joinPath(sp, f), r);
    for (const f of SOURCE_LISTS) emptyValues(f, src[f], joinPath(sp, f), r);
    if (
      (has(src.serviceAccounts) || has(src.notServiceAccounts)) &&
      ['principals', 'notPrincipals', 'namespaces', 'notNamespaces'].some((f) => has(src[f]))
    ) {
      r.error(sp, 'cannot set serviceAccounts with namespaces or principals');
    }
    if (
      [
        'notPrincipals',
        'principals',
        'ipBlocks',
        'notIpBlocks',
        'namespaces',
        'notNamespaces',
        'remoteIpBlocks',
        'notRemoteIpBlocks',
        'serviceAccounts',
        'notServiceAccounts',
      ].some((f) => has(src[f]))
    )
      tcpFrom = true;
  }
  for (const [j, to] of (rule.to ?? []).entries()) {
    const tp = at(path, 'to', j);
    if (!to) {
      r.error(tp, `\`to\` must not be nil, found at rule ${i}`);
      continue;
    }
    const op = to.operation;
    if (!op) {
      r.error(joinPath(tp, 'operation'), `\`to.operation\` must not be nil, found at rule ${i}`);
      continue;
    }
    toExist = true;
    const opp = joinPath(tp, 'operation');
    if (!OPERATION_LISTS.some((f) => len(op[f])))
      r.error(opp, `\`to.operation\` must not be empty, found at rule ${i}`);
    ports(op.ports, joinPath(opp, 'ports'), r);
    ports(op.notPorts, joinPath(opp, 'notPorts'), r);
    for (const f of OPERATION_LISTS) emptyValues(f, op[f], joinPath(opp, f), r);
    pathTemplates('paths', op.paths, joinPath(opp, 'paths'), r);
    pathTemplates('notPaths', op.notPaths, joinPath(opp, 'notPaths'), r);
    if (has(op.ports) || has(op.notPorts)) tcpTo = true;
  }
  for (const [j, w] of (rule.when ?? []).entries()) {
    const wp = at(path, 'when', j);
    const key = String(w?.key ?? '');
    if (key === '') {
      r.error(joinPath(wp, 'key'), '`key` must not be empty');
      continue;
    }
    if (!len(w.values) && !len(w.notValues)) {
      r.error(wp, `at least one of \`values\` or \`notValues\` must be set for key ${key}`);
      continue;
    }
    attribute(key, w.values, joinPath(wp, 'values'), 'value', r);
    attribute(key, w.notValues, joinPath(wp, 'notValues'), 'notValue', r);
  }
  if (((fromExist && !toExist && !tcpFrom) || (toExist && !tcpTo)) && action === 'DENY') {
    r.warn(
      path,
      'configured AuthorizationPolicy will deny all traffic to TCP ports under its scope due to the use of only HTTP attributes in a DENY rule; it is recommended to explicitly specify the port',
    );
  }
}

function jwksUri(uri: string): string | undefined {
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    return `invalid jwks uri: parse ${JSON.stringify(uri)}: invalid URI for request`;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    return `URI scheme ${JSON.stringify(u.protocol.slice(0, -1))} is not supported`;
  return undefined;
}

function jwks(text: string): string | undefined {
  try {
    const v = JSON.parse(text);
    if (!v || typeof v !== 'object') return 'jwks parse error: invalid JWK set';
    for (const [i, key] of (Array.isArray(v.keys) ? v.keys : []).entries()) {
      const kty = key?.kty;
      if (!['RSA', 'EC', 'oct', 'OKP'].includes(kty)) {
        return `jwks parse error: failed to unmarshal JWK set: failed to decode key #${i} in "keys": invalid key type from JSON (${kty ?? ''})`;
      }
    }
    return undefined;
  } catch (e) {
    return `jwks parse error: failed to unmarshal JWK set: ${(e as Error).message}`;
  }
}

export const requestAuthenticationRules: Rule[] = [
  ...policyTargetRules('.spec'),
  {
    at: '.spec.jwtRules[]',
    check: (j: Obj, path, r) => {
      if (!j.issuer && !j.jwksUri)
        r.error(joinPath(path, 'issuer'), 'issuer or jwksUri must be non-empty string');
      for (const [i, a] of (j.audiences ?? []).entries())
        if (a === '') r.error(at(path, 'audiences', i), 'audience must be non-empty string');
      if (j.jwksUri) report(r, joinPath(path, 'jwksUri'), jwksUri(String(j.jwksUri)));
      if (j.jwks_uri) report(r, joinPath(path, 'jwks_uri'), jwksUri(String(j.jwks_uri)));
      if (j.jwks) report(r, joinPath(path, 'jwks'), jwks(String(j.jwks)));
      if (
        [j.jwksUri, j.jwks_uri, j.jwks].filter((x) => x !== undefined && x !== null && x !== '').length > 1
      ) {
        r.error(path, 'only one of jwks, jwksUri or jwks_uri may be set');
      }
      for (const [i, h] of (j.fromHeaders ?? []).entries()) {
        if (!h) r.error(at(path, 'fromHeaders', i), 'location header name must be non-null');
        else if (!h.name)
          r.error(at(path, 'fromHeaders', i, 'name'), 'location header name must be non-empty string');
      }
      for (const [i, p] of (j.fromParams ?? []).entries())
        if (p === '') r.error(at(path, 'fromParams', i), 'location query must be non-empty string');
      for (const [i, p] of (j.fromCookies ?? []).entries())
        if (p === '') r.error(at(path, 'fromCookies', i), 'cookie name must be non-empty string');
      for (const [i, o] of (j.outputClaimToHeaders ?? []).entries()) {
        const op = at(path, 'outputClaimToHeaders', i);
        if (!o) r.error(op, 'outputClaimToHeaders must not be null');
        else if (!o.claim || !o.header)
          r.error(op, 'outputClaimToHeaders header and claim value must be non-empty string');
        else report(r, joinPath(op, 'header'), c.headerName(String(o.header)));
      }
    },
  },
];

export const peerAuthenticationRules: Rule[] = [
  {
    at: '.spec',
    check: (pa: Obj, path, r) => {
      const emptySelector = !pa.selector || len(pa.selector.matchLabels) === 0;
      if (emptySelector && len(pa.portLevelMtls))
        r.error(
          joinPath(path, 'portLevelMtls'),
          'mesh/namespace peer authentication cannot have port level mTLS',
        );
      if (has(pa.portLevelMtls) && len(pa.portLevelMtls) === 0)
        r.error(
          joinPath(path, 'portLevelMtls'),
          'port level mTLS, if defined, must have at least one element',
        );
      for (const k of Object.keys(pa.portLevelMtls ?? {})) {
        if (!/^\d+$/.test(k) || Number(k) <= 0 || Number(k) > 65535)
          r.error(at(path, 'portLevelMtls', k), 'port must be in range 1..65535');
      }
    },
  },
  workloadSelectorRule('.spec.selector'),
];
