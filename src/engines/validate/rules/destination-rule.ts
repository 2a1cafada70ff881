// DestinationRule rules: host, traffic policies (top level, per subset, per port), pools, load
// balancers, outlier detection, client TLS, locality settings, subsets and exportTo.
import * as c from '../checks.js';
import { joinPath, type Reporter, type Rule } from '../types.js';
import { at, connectionPoolRules, exportTo, has, len, report, workloadSelectorRule } from './shared.js';

type Obj = Record<string, any>;

function isPrime(x: number): boolean {
  if (x !== 0 && x < 4) return true;
  if (x % 2 === 0) return false;
  for (let f = 3; f <= Math.sqrt(x); f += 2) if (x % f === 0) return false;
  return true;
}

function outlier(o: Obj | undefined, path: string, r: Reporter): void {
  if (!o) return;
  if (Number(o.consecutiveErrors ?? 0) !== 0) {
    r.warn(
      joinPath(path, 'consecutiveErrors'),
      'outlier detection consecutive errors is deprecated, use consecutiveGatewayErrors or consecutive5xxErrors instead',
    );
  }
  if (o.splitExternalLocalOriginErrors !== true && Number(o.consecutiveLocalOriginFailures ?? 0) > 0) {
    r.error(
      path,
      'outlier detection consecutive local origin failures is specified, but split external local origin errors is set to false',
    );
  }
  for (const f of ['maxEjectionPercent', 'minHealthPercent'] as const) {
    const n = Number(o[f] ?? 0);
    if (n < 0 || n > 100) r.error(joinPath(path, f), `percentage ${n} is not in range 0..100`);
  }
}

function loadBalancer(lb: Obj | undefined, path: string, r: Reporter): void {
  if (!lb) return;
  const ch = lb.consistentHash;
  if (ch) {
    const p = joinPath(path, 'consistentHash');
    if (ch.httpCookie && !ch.httpCookie.name)
      r.error(at(p, 'httpCookie', 'name'), 'name required for HttpCookie');
    if (Number(ch.minimumRingSize ?? 0) !== 0) {
      r.warn(
        joinPath(p, 'minimumRingSize'),
        "consistent hash MinimumRingSize is deprecated, use ConsistentHashLB's RingHash configuration instead",
      );
      if (has(ch.maglev) || has(ch.ringHash))
        r.error(p, 'only one of MinimumRingSize or Maglev/Ringhash can be specified');
    }
    if (ch.maglev) {
      const n = Number(ch.maglev.tableSize ?? 0);
      const mp = at(p, 'maglev', 'tableSize');
      if (n === 0) r.error(mp, 'tableSize must be set for maglev');
      if (n >= 5000011) r.error(mp, 'tableSize must be less than 5000011 for maglev');
      if (!isPrime(n)) r.error(mp, 'tableSize must be a prime number for maglev');
    }
  }
  locality(lb.localityLbSetting, joinPath(path, 'localityLbSetting'), r);
}

function locality(l: Obj | undefined, path: string, r: Reporter): void {
  if (!l) return;
  if (len(l.distribute) && len(l.failover))
    r.error(path, "can not simultaneously specify 'distribute' and 'failover'");
  const srcs = new Set<string>();
  for (const [i, d] of (l.distribute ?? []).entries()) {
    const p = at(path, 'distribute', i);
    if (!d) continue;
    if (srcs.has(d.from)) r.error(p, `locality distribute setting from ${d.from} is duplicated`);
    srcs.add(d.from);
    const from = String(d.from ?? '');
    if (from === '' || (from.includes('*') && !/^[^*]*\*$/.test(from)))
      r.error(joinPath(p, 'from'), `locality from ${from} is invalid`);
    let total = 0;
    for (const [loc, w] of Object.entries<number>(d.to ?? {})) {
      if (loc.includes('*') && !/^[^*]*\*$/.test(loc))
        r.error(at(p, 'to', loc), `locality to ${loc} is invalid`);
      total += Number(w);
    }
    if (total !== 100) r.error(joinPath(p, 'to'), 'total weight across all localities must be 100');
  }
  for (const [i, f] of (l.failover ?? []).entries()) {
    const p = at(path, 'failover', i);
    if (!f) continue;
    if (f.from === f.to) r.error(p, 'locality lb failover settings must specify different regions');
    if (String(f.from ?? '').includes('/') || String(f.to ?? '').includes('/'))
      r.error(p, 'locality lb failover only specify region');
    if (String(f.to ?? '').includes('*') || String(f.from ?? '').includes('*'))
      r.error(p, "locality lb failover region should not contain '*' wildcard");
  }
}

/** Client TLS (ClientTLSSettings). */
function clientTls(t: Obj | undefined, path: string, r: Reporter): void {
  if (!t) return;
  const mode = t.mode ?? 'DISABLE';
  if ((mode === 'SIMPLE' || mode === 'MUTUAL') && t.credentialName) {
    for (const f of ['clientCertificate', 'privateKey', 'caCertificates'] as const) {
      if (t[f])
        r.error(
          joinPath(path, f),
          `cannot specify ${f === 'clientCertificate' ? 'client certificates' : f === 'privateKey' ? 'private key' : 'CA certificates'} if credentialName is set`,
        );
    }
    return;
  }
  if (mode === 'MUTUAL') {
    if (!t.clientCertificate) r.error(path, 'client certificate required for mutual tls');
    if (!t.privateKey) r.error(path, 'private key required for mutual tls');
  }
  if (t.insecureSkipVerify === true && (t.caCertificates || len(t.subjectAltNames))) {
    r.error(path, 'cannot specify CaCertificates or SubjectAltNames when InsecureSkipVerify is set');
  }
}

function trafficPolicy(p: Obj, path: string, r: Reporter): void {
  const fields = [
    'outlierDetection',
    'connectionPool',
    'loadBalancer',
    'tls',
    'portLevelSettings',
    'tunnel',
    'proxyProtocol',
    'retryBudget',
  ];
  if (!fields.some((f) => has(p[f]))) {
    r.error(path, 'traffic policy must have at least one field');
    return;
  }
  if (has(p.tunnel) && has(p.proxyProtocol)) {
    r.error(path, 'tunnel and proxyProtocol must not be set together');
    return;
  }
  outlier(p.outlierDetection, joinPath(path, 'outlierDetection'), r);
  loadBalancer(p.loadBalancer, joinPath(path, 'loadBalancer'), r);
  clientTls(p.tls, joinPath(path, 'tls'), r);
  for (const [i, pl] of (p.portLevelSettings ?? []).entries()) {
    const pp = at(path, 'portLevelSettings', i);
    if (!pl) {
      r.error(pp, 'traffic policy may not be null');
      continue;
    }
    if (!pl.port) r.error(pp, 'portTrafficPolicy must have valid port');
    if (!['outlierDetection', 'connectionPool', 'loadBalancer', 'tls'].some((f) => has(pl[f]))) {
      r.error(pp, 'port traffic policy must have at least one field');
      continue;
    }
    outlier(pl.outlierDetection, joinPath(pp, 'outlierDetection'), r);
    loadBalancer(pl.loadBalancer, joinPath(pp, 'loadBalancer'), r);
    clientTls(pl.tls, joinPath(pp, 'tls'), r);
  }
  const t = p.tunnel;
  if (t) {
    const tp = joinPath(path, 'tunnel');
    if (t.protocol && t.protocol !== 'CONNECT' && t.protocol !== 'POST')
      r.error(joinPath(tp, 'protocol'), 'tunnel protocol must be "CONNECT" or "POST"');
    const host = String(t.targetHost ?? '');
    const fe = c.fqdn(host);
    if (fe && !c.isIP(host))
      r.error(
        joinPath(tp, 'targetHost'),
        `tunnel target host must be valid FQDN or IP address: ${fe}; ${host} is not a valid IP`,
      );
    const pe = c.port(Number(t.targetPort ?? 0));
    if (pe) r.error(joinPath(tp, 'targetPort'), `tunnel target port is invalid: ${pe}`);
  }
}

const POLICIES = ['.spec.trafficPolicy', '.spec.subsets[].trafficPolicy'];

export const destinationRuleRules: Rule[] = [
  {
    at: '.spec',
    check: (dr: Obj, path, r, ctx) => {
      report(r, joinPath(path, 'host'), c.wildcardDomain(String(dr.host ?? '')));
      const names = new Set<string>();
      for (const [i, s] of (dr.subsets ?? []).entries()) {
        const sp = at(path, 'subsets', i);
        if (!s) {
          r.error(sp, 'subset may not be null');
          continue;
        }
        if (names.has(s.name)) r.error(joinPath(sp, 'name'), `duplicate subset names: ${s.name}`);
        names.add(s.name);
        const name = String(s.name ?? '');
        if (name === '') r.error(joinPath(sp, 'name'), 'subset name cannot be empty');
        else if (!c.isDns1123Label(name)) r.error(joinPath(sp, 'name'), `subset name is invalid: ${name}`);
        for (const e of c.labelSet(s.labels)) r.error(joinPath(sp, 'labels'), e);
      }
      exportTo(dr.exportTo, ctx.namespace, joinPath(path, 'exportTo'), r, {
        drSelector: has(dr.workloadSelector),
      });
    },
  },
  ...POLICIES.map((p): Rule => ({ at: p, check: (v: Obj, path, r) => trafficPolicy(v, path, r) })),
  ...POLICIES.flatMap((p) => [
    ...connectionPoolRules(`${p}.connectionPool`),
    ...connectionPoolRules(`${p}.portLevelSettings[].connectionPool`),
  ]),
  workloadSelectorRule('.spec.workloadSelector'),
];
