// Gateway and Sidecar rules: servers, ports, binds, server TLS, egress hosts and listeners.
import * as c from '../checks.js';
import { joinPath, type Reporter, type Rule } from '../types.js';
import { alphaSelector, at, connectionPoolRules, has, len, report } from './shared.js';

type Obj = Record<string, any>;

const UNIX = 'unix://';

const CIPHERS = new Set([
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
  'ECDHE-ECDSA-AES128-SHA',
  'ECDHE-RSA-AES128-SHA',
  'ECDHE-ECDSA-AES256-SHA',
  'ECDHE-RSA-AES256-SHA',
  'AES128-GCM-SHA256',
  'AES256-GCM-SHA384',
  'AES128-SHA',
  'AES256-SHA',
  'DES-CBC3-SHA',
]);

export function serverTls(t: Obj | undefined, path: string, r: Reporter): void {
  if (!t) return;
  const mode = t.mode ?? 'PASSTHROUGH';
  if ((t.minProtocolVersion === 'TLSV1_0' || t.minProtocolVersion === 'TLSV1_1') && !len(t.cipherSuites)) {
    r.warn(
      path,
      'TLS version below TLSV1_2 require setting compatible ciphers as by default they no longer include compatible ciphers.',
    );
  }
  const invalid = new Set<string>();
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const cs of t.cipherSuites ?? []) {
    if (!CIPHERS.has(cs)) invalid.add(cs);
    else if (seen.has(cs)) dup.add(cs);
    else seen.add(cs);
  }
  if (invalid.size)
    r.warn(
      joinPath(path, 'cipherSuites'),
      `ignoring invalid cipher suites: [${[...invalid].sort().join(' ')}]`,
    );
  if (dup.size)
    r.warn(
      joinPath(path, 'cipherSuites'),
      `ignoring duplicate cipher suites: [${[...dup].sort().join(' ')}]`,
    );
  if (mode === 'ISTIO_MUTUAL') {
    if (t.serverCertificate)
      r.error(
        joinPath(path, 'serverCertificate'),
        'ISTIO_MUTUAL TLS cannot have associated server certificate',
      );
    if (t.privateKey)
      r.error(joinPath(path, 'privateKey'), 'ISTIO_MUTUAL TLS cannot have associated private key');
    if (t.caCertificates)
      r.error(joinPath(path, 'caCertificates'), 'ISTIO_MUTUAL TLS cannot have associated CA bundle');
    if (t.credentialName)
      r.error(joinPath(path, 'credentialName'), 'ISTIO_MUTUAL TLS cannot have associated credentialName');
    return;
  }
  if (
    (mode === 'PASSTHROUGH' || mode === 'AUTO_PASSTHROUGH') &&
    (t.caCrl || t.serverCertificate || t.privateKey || t.caCertificates || t.credentialName)
  ) {
    r.warn(path, `${mode} mode does not use certificates, they will be ignored`);
  }
  const remote = t.credentialName || len(t.credentialNames) > 0 || len(t.tlsCertificates) > 0;
  if ((mode === 'SIMPLE' || mode === 'MUTUAL' || mode === 'OPTIONAL_MUTUAL') && remote) return;
  if (mode === 'SIMPLE') {
    if (!t.serverCertificate) r.error(path, 'SIMPLE TLS requires a server certificate');
    if (!t.privateKey) r.error(path, 'SIMPLE TLS requires a private key');
  } else if (mode === 'MUTUAL' || mode === 'OPTIONAL_MUTUAL') {
    if (!t.serverCertificate) r.error(path, 'MUTUAL TLS requires a server certificate');
    if (!t.privateKey) r.error(path, 'MUTUAL TLS requires a private key');
    if (!t.caCertificates) r.error(path, 'MUTUAL TLS requires a client CA bundle');
  }
  if (t.caCrl) {
    if (t.credentialName)
      r.error(
        joinPath(path, 'caCrl'),
        'CRL is not supported with credentialName. CRL has to be specified in the credential',
      );
    if (mode === 'SIMPLE') r.error(joinPath(path, 'caCrl'), 'CRL is not supported with SIMPLE TLS');
  }
}

function server(s: Obj, path: string, r: Reporter): void {
  if (!len(s.hosts)) r.error(joinPath(path, 'hosts'), 'server config must contain at least one host');
  for (const [i, h] of (s.hosts ?? []).entries())
    for (const e of c.namespaceSlashHost(String(h), true)) r.error(at(path, 'hosts', i), e);
  const bind = String(s.bind ?? '');
  const p = s.port;
  let portOk = true;
  if (!p) {
    r.error(joinPath(path, 'port'), 'port is required');
    portOk = false;
  } else {
    const pp = joinPath(path, 'port');
    if (!c.isKnownProtocol(String(p.protocol ?? ''))) {
      r.error(
        joinPath(pp, 'protocol'),
        `invalid protocol ${JSON.stringify(p.protocol ?? '')}, supported protocols are HTTP, HTTP2, GRPC, GRPC-WEB, MONGO, REDIS, MYSQL, TCP`,
      );
      portOk = false;
    }
    if (Number(p.number ?? 0) > 0 || !bind.startsWith(UNIX)) {
      const e = c.port(Number(p.number ?? 0));
      if (e) {
        r.error(joinPath(pp, 'number'), e);
        portOk = false;
      }
    }
    if (Number(p.targetPort ?? 0) > 0)
      r.error(joinPath(pp, 'targetPort'), 'targetPort has no impact on Gateways');
    if (!p.name) {
      r.error(
        joinPath(pp, 'name'),
        `port name must be set: number:${p.number ?? 0} protocol:${JSON.stringify(p.protocol ?? '')}`,
      );
      portOk = false;
    }
  }
  if (bind.startsWith(UNIX)) {
    report(r, joinPath(path, 'bind'), c.unixAddress(bind.slice(UNIX.length)));
    if (p && Number(p.number ?? 0) !== 0)
      r.error(joinPath(path, 'bind'), 'port number must be 0 for unix domain socket');
  } else if (bind) report(r, joinPath(path, 'bind'), c.ipAddress(bind));
  serverTls(s.tls, joinPath(path, 'tls'), r);
  if (portOk && p) {
    const proto = String(p.protocol);
    if (c.isTlsProtocol(proto) && !s.tls)
      r.error(path, 'server must have TLS settings for HTTPS/TLS protocols');
    else if (!c.isTlsProtocol(proto) && s.tls) {
      if (c.isHttpProtocol(proto)) {
        const t = s.tls;
        const passthroughOnly = (t.mode ?? 'PASSTHROUGH') === 'PASSTHROUGH' || t.mode === 'AUTO_PASSTHROUGH';
        if (
          !(t.httpsRedirect === true && passthroughOnly) ||
          t.caCertificates ||
          t.privateKey ||
          t.serverCertificate
        ) {
          r.error(joinPath(path, 'tls'), 'server cannot have TLS settings for plain text HTTP ports');
        }
      } else r.error(joinPath(path, 'tls'), 'server cannot have TLS settings for non HTTPS/TLS ports');
    }
  }
}

export const gatewayRules: Rule[] = [
  {
    at: '.spec',
    check: (g: Obj, path, r, ctx) => {
      const name = String(ctx.object.metadata?.name ?? '');
      if (!c.isDns1123Label(name)) r.error('metadata.name', `invalid gateway name: ${JSON.stringify(name)}`);
      if (!len(g.servers)) r.error(joinPath(path, 'servers'), 'gateway must have at least one server');
      const names = new Set<string>();
      for (const [i, s] of (g.servers ?? []).entries()) {
        const sp = at(path, 'servers', i);
        if (!s) {
          r.error(sp, 'server may not be nil');
          continue;
        }
        server(s, sp, r);
        if (s.port) {
          const n = s.port.name ?? '';
          if (names.has(n))
            r.error(at(sp, 'port', 'name'), `port names in servers must be unique: duplicate name ${n}`);
          names.add(n);
          if (!c.isHttpProtocol(String(s.port.protocol ?? '')) && s.tls?.httpsRedirect === true) {
            r.warn(at(sp, 'tls', 'httpsRedirect'), 'tls.httpsRedirect should only be used with http servers');
          }
        }
      }
    },
  },
];

function portName(name: string, path: string, r: Reporter): void {
  if (!c.isDns1123Label(name)) r.error(path, `invalid port name: ${name}`);
}

function protocol(p: string, path: string, r: Reporter): void {
  if (p !== '' && !c.isKnownProtocol(p)) r.error(path, `unsupported protocol: ${p}`);
}

function sidecarIngress(i: Obj, path: string, r: Reporter): void {
  const p = i.port;
  const pp = joinPath(path, 'port');
  if (Number(p.targetPort ?? 0) > 0)
    r.error(joinPath(pp, 'targetPort'), 'targetPort has no impact on Sidecars');
  if (p.name) portName(p.name, joinPath(pp, 'name'), r);
  protocol(String(p.protocol ?? ''), joinPath(pp, 'protocol'), r);
  report(r, joinPath(pp, 'number'), c.port(Number(p.number ?? 0)));
  if (i.bind) report(r, joinPath(path, 'bind'), c.ipAddress(i.bind));
  const de = String(i.defaultEndpoint ?? '');
  if (de) {
    const dp = joinPath(path, 'defaultEndpoint');
    if (de.startsWith(UNIX)) report(r, dp, c.unixAddress(de.slice(UNIX.length)));
    else {
      const m = /^(?:\[([^\]]*)\]|([^:]*)):([^:]*)$/.exec(de);
      if (!m) r.error(dp, `address ${de}: missing port in address`);
      else {
        const host = m[1] ?? m[2] ?? '';
        if (host && !['127.0.0.1', '0.0.0.0', '::1', '::'].includes(host)) {
          r.error(
            dp,
            'sidecar: defaultEndpoint must be of form 127.0.0.1:<port>,0.0.0.0:<port>,[::1]:port,[::]:port,unix://filepath or unset',
          );
        }
        if (!/^[+-]?\d+$/.test(m[3]!))
          r.error(
            dp,
            `sidecar: defaultEndpoint port (${m[3]}) is not a number: strconv.Atoi: parsing ${JSON.stringify(m[3])}: invalid syntax`,
          );
        else report(r, dp, c.port(Number(m[3])));
      }
    }
  }
  const t = i.tls;
  if (t) {
    const tp = joinPath(path, 'tls');
    if (len(t.subjectAltNames))
      r.error(joinPath(tp, 'subjectAltNames'), 'sidecar: subjectAltNames is not supported in ingress tls');
    if (t.httpsRedirect === true)
      r.error(joinPath(tp, 'httpsRedirect'), 'sidecar: httpsRedirect is not supported');
    if (t.credentialName)
      r.error(joinPath(tp, 'credentialName'), 'sidecar: credentialName is not currently supported');
    if (t.mode === 'ISTIO_MUTUAL' || t.mode === 'AUTO_PASSTHROUGH')
      r.error(
        joinPath(tp, 'mode'),
        `configuration is invalid: cannot set mode to ${t.mode} in sidecar ingress tls`,
      );
    serverTls(t, tp, r);
  }
  if (i.connectionPool?.http && !c.isHttpProtocol(String(p.protocol ?? ''))) {
    r.warn(
      joinPath(path, 'connectionPool'),
      `sidecar: HTTP connection pool settings are configured for port ${p.number ?? 0} (${JSON.stringify(p.name ?? '')}) but its protocol is not HTTP (${p.protocol ?? ''}); only TCP settings will apply`,
    );
  }
}

function sidecarEgressPort(e: Obj, path: string, r: Reporter): void {
  const p = e.port;
  const pp = joinPath(path, 'port');
  const bind = String(e.bind ?? '');
  if (Number(p.targetPort ?? 0) > 0)
    r.error(joinPath(pp, 'targetPort'), 'targetPort has no impact on Sidecars');
  if (p.name) portName(p.name, joinPath(pp, 'name'), r);
  protocol(String(p.protocol ?? ''), joinPath(pp, 'protocol'), r);
  if (Number(p.number ?? 0) === 0) {
    if (!bind.startsWith(UNIX))
      r.error(
        joinPath(path, 'bind'),
        'sidecar: ports with 0 value must have a unix domain socket bind address',
      );
    else report(r, joinPath(path, 'bind'), c.unixAddress(bind.slice(UNIX.length)));
    const cm = e.captureMode ?? 'DEFAULT';
    if (cm !== 'DEFAULT' && cm !== 'NONE')
      r.error(
        joinPath(path, 'captureMode'),
        'sidecar: captureMode must be DEFAULT/NONE for unix domain socket listeners',
      );
  } else {
    report(r, joinPath(pp, 'number'), c.port(Number(p.number)));
    if (bind) report(r, joinPath(path, 'bind'), c.ipAddress(bind));
  }
}

export const sidecarRules: Rule[] = [
  {
    at: '.spec',
    check: (s: Obj, path, r, ctx) => {
      const ws = s.workloadSelector;
      alphaSelector(ws, joinPath(path, 'workloadSelector'), r, 'sidecar');
      if (
        !len(s.egress) &&
        !len(s.ingress) &&
        !has(s.outboundTrafficPolicy) &&
        !has(s.inboundConnectionPool)
      ) {
        r.error(path, 'sidecar: empty configuration provided');
        return;
      }
      const ports = new Set<number>();
      for (const [i, ing] of (s.ingress ?? []).entries()) {
        const ip = at(path, 'ingress', i);
        if (!ing) {
          r.error(ip, 'sidecar: ingress may not be null');
          continue;
        }
        if (!ing.port) {
          r.error(joinPath(ip, 'port'), 'sidecar: port is required for ingress listeners');
          continue;
        }
        sidecarIngress(ing, ip, r);
        const n = Number(ing.port.number ?? 0);
        if (ports.has(n))
          r.error(joinPath(ip, 'port'), 'sidecar: ports on IP bound listeners must be unique');
        ports.add(n);
      }
      const egressPorts = new Set<number>();
      const uds = new Set<string>();
      let catchAll = false;
      const egress: Obj[] = s.egress ?? [];
      for (const [i, e] of egress.entries()) {
        const ep = at(path, 'egress', i);
        if (!e) {
          r.error(ep, 'egress listener may not be null');
          continue;
        }
        if (!e.port) {
          if (catchAll) {
            r.error(ep, 'sidecar: egress can have only one listener with empty port');
            continue;
          }
          if (i === egress.length - 1) catchAll = true;
          else
            r.error(
              ep,
              'sidecar: the egress listener with empty port should be the last listener in the list',
            );
        } else {
          sidecarEgressPort(e, ep, r);
          const n = Number(e.port.number ?? 0);
          if (n === 0) {
            if (uds.has(e.bind))
              r.error(
                joinPath(ep, 'bind'),
                'sidecar: unix domain socket values for listeners must be unique',
              );
            uds.add(e.bind);
          } else {
            if (egressPorts.has(n))
              r.error(joinPath(ep, 'port'), 'sidecar: ports on IP bound listeners must be unique');
            egressPorts.add(n);
          }
        }
        if (!len(e.hosts)) {
          r.error(joinPath(ep, 'hosts'), 'sidecar: egress listener must contain at least one host');
          continue;
        }
        const byNs = new Map<string, Set<string>>();
        for (const [j, h] of (e.hosts as string[]).entries()) {
          const hp = at(ep, 'hosts', j);
          const slash = h.indexOf('/');
          if (slash >= 0) {
            const ns = h.slice(0, slash) === '.' ? ctx.namespace : h.slice(0, slash);
            const svc = h.slice(slash + 1);
            const set = byNs.get(ns) ?? new Set<string>();
            byNs.set(ns, set);
            if (svc !== '*' ? set.has(svc) || set.has('*') : set.size !== 0)
              r.warn(hp, `duplicated egress host: ${h}`);
            set.add(svc);
          }
          for (const err of c.namespaceSlashHost(h, false)) r.error(hp, err);
        }
        if (byNs.get('*')?.has('*') && byNs.size !== 1)
          r.warn(joinPath(ep, 'hosts'), '`*/*` host select all resources, no other hosts can be added');
      }
      const tp = s.outboundTrafficPolicy;
      if (tp?.egressProxy) {
        const pp = at(path, 'outboundTrafficPolicy', 'egressProxy');
        if ((tp.mode ?? 'REGISTRY_ONLY') !== 'ALLOW_ANY') {
          r.error(pp, 'sidecar: egress_proxy must be set only with ALLOW_ANY outbound_traffic_policy mode');
        } else {
          report(r, joinPath(pp, 'host'), c.fqdn(String(tp.egressProxy.host ?? '')));
          if (!tp.egressProxy.port)
            r.error(joinPath(pp, 'port'), 'sidecar: egress_proxy port must be non-nil');
          else {
            report(r, joinPath(pp, 'host'), c.wildcardDomain(String(tp.egressProxy.host ?? '')));
            report(r, at(pp, 'port', 'number'), c.port(Number(tp.egressProxy.port.number ?? 0)));
          }
        }
      }
    },
  },
  ...connectionPoolRules('.spec.inboundConnectionPool'),
  ...connectionPoolRules('.spec.ingress[].connectionPool'),
];
