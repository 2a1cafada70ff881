// ServiceEntry, WorkloadEntry, WorkloadGroup and ProxyConfig rules.
import * as c from '../checks.js';
import { joinPath, type Reporter, type Rule } from '../types.js';
import { alphaSelector, at, exportTo, has, len, report, workloadSelectorRule } from './shared.js';

type Obj = Record<string, any>;

const UNIX = 'unix://';

function portName(name: string, path: string, r: Reporter): void {
  if (!c.isDns1123Label(name)) r.error(path, `invalid port name: ${name}`);
}

/** A workload (WorkloadEntry, or a ServiceEntry endpoint with STATIC resolution). */
function workload(
  we: Obj,
  path: string,
  r: Reporter,
  servicePorts: Set<string> | undefined,
  allowFqdn: boolean,
): void {
  const addr = String(we.address ?? '');
  if (addr === '') {
    if (!we.network) {
      r.error(joinPath(path, 'address'), 'address is required');
      return;
    }
    r.warn(joinPath(path, 'address'), `address is unset with network ${JSON.stringify(we.network)}`);
  }
  const ap = joinPath(path, 'address');
  const unix = addr.startsWith(UNIX);
  if (unix) {
    report(r, ap, c.unixAddress(addr.slice(UNIX.length)));
    if (len(we.ports)) r.error(joinPath(path, 'ports'), `unix endpoint ${addr} must not include ports`);
  } else if (addr !== '' && !c.isIP(addr)) {
    if (!allowFqdn) r.error(ap, `endpoint address ${JSON.stringify(addr)} is not a valid IP address`);
    else if (c.fqdn(addr))
      r.error(ap, `endpoint address ${JSON.stringify(addr)} is not a valid FQDN or an IP address`);
  }
  for (const [name, p] of Object.entries<number>(we.ports ?? {})) {
    const pp = at(path, 'ports', name);
    if (servicePorts && !servicePorts.has(name))
      r.error(pp, `endpoint port ${p} is not defined by the service entry`);
    portName(name, pp, r);
    report(r, pp, c.port(Number(p)));
  }
  for (const e of c.labelSet(we.labels)) r.error(joinPath(path, 'labels'), e);
  if (unix && servicePorts && servicePorts.size !== 1)
    r.error(path, 'exactly 1 service port required for unix endpoints');
}

export const serviceEntryRules: Rule[] = [
  {
    at: '.spec',
    check: (se: Obj, path, r, ctx) => {
      const ws = se.workloadSelector;
      alphaSelector(ws, joinPath(path, 'workloadSelector'), r, 'service entry');
      if (ws && has(se.endpoints))
        r.error(path, 'only one of WorkloadSelector or Endpoints is allowed in Service Entry');
      if (!len(se.hosts)) r.error(joinPath(path, 'hosts'), 'service entry must have at least one host');
      for (const [i, h] of (se.hosts ?? []).entries()) {
        const hp = at(path, 'hosts', i);
        if (h === '*') r.error(hp, `invalid host ${h}`);
        else {
          report(r, hp, c.wildcardDomain(String(h)));
          if (String(h).startsWith('*') && !String(h).startsWith('*.'))
            r.warn(hp, `partial wildcard ${JSON.stringify(h)} not allowed`);
        }
      }
      let cidr = false;
      for (const [i, a] of (se.addresses ?? []).entries()) {
        cidr ||= String(a).includes('/');
        report(r, at(path, 'addresses', i), c.ipOrSubnet(String(a)));
      }
      const resolution = se.resolution ?? 'NONE';
      if (cidr && resolution !== 'NONE' && resolution !== 'STATIC')
        r.error(
          joinPath(path, 'addresses'),
          'CIDR addresses are allowed only for NONE/STATIC resolution types',
        );
      const names = new Set<string>();
      const numbers = new Set<number>();
      for (const [i, p] of (se.ports ?? []).entries()) {
        const pp = at(path, 'ports', i);
        if (!p) {
          r.error(pp, 'service entry port may not be null');
          continue;
        }
        if (names.has(p.name))
          r.error(joinPath(pp, 'name'), `service entry port name ${JSON.stringify(p.name)} already defined`);
        names.add(p.name);
        const n = Number(p.number ?? 0);
        if (numbers.has(n)) r.error(joinPath(pp, 'number'), `service entry port ${n} already defined`);
        numbers.add(n);
        if (Number(p.targetPort ?? 0) !== 0) {
          report(r, joinPath(pp, 'targetPort'), c.port(Number(p.targetPort)));
          if (resolution === 'NONE')
            r.warn(joinPath(pp, 'targetPort'), 'targetPort has no effect when resolution mode is NONE');
        }
        portName(String(p.name ?? ''), joinPath(pp, 'name'), r);
        if (p.protocol && !c.isKnownProtocol(p.protocol))
          r.error(joinPath(pp, 'protocol'), `unsupported protocol: ${p.protocol}`);
        report(r, joinPath(pp, 'number'), c.port(n));
      }
      const endpoints: Obj[] = se.endpoints ?? [];
      if (resolution === 'NONE') {
        if (endpoints.length)
          r.error(joinPath(path, 'endpoints'), 'no endpoints should be provided for resolution type none');
        if (ws)
          r.warn(
            joinPath(path, 'workloadSelector'),
            'workloadSelector should not be set when resolution mode is NONE',
          );
      } else if (resolution === 'STATIC') {
        for (const [i, e] of endpoints.entries()) {
          if (!e) r.error(at(path, 'endpoints', i), 'endpoint cannot be nil');
          else workload(e, at(path, 'endpoints', i), r, names, false);
        }
      } else if (resolution === 'DNS' || resolution === 'DNS_ROUND_ROBIN') {
        if (!endpoints.length) {
          for (const [i, h] of (se.hosts ?? []).entries()) {
            const fe = c.fqdn(String(h));
            if (fe) {
              r.error(
                at(path, 'hosts', i),
                `hosts must be FQDN or contain only prefix wildcards if no endpoints are provided for resolution mode ${resolution}, ${fe}`,
              );
            }
          }
        }
        if (resolution === 'DNS_ROUND_ROBIN' && endpoints.length > 1)
          r.error(
            joinPath(path, 'endpoints'),
            `there must only be 0 or 1 endpoint for resolution mode ${resolution}`,
          );
        for (const [i, e] of endpoints.entries()) {
          const ep = at(path, 'endpoints', i);
          if (!e) {
            r.error(ep, 'endpoint cannot be nil');
            continue;
          }
          const addr = String(e.address ?? '');
          if (!c.isIP(addr) && c.fqdn(addr))
            r.error(
              joinPath(ep, 'address'),
              `endpoint address ${JSON.stringify(addr)} is not a valid FQDN or an IP address`,
            );
          for (const err of c.labelSet(e.labels)) r.error(joinPath(ep, 'labels'), err);
          for (const [name, p] of Object.entries<number>(e.ports ?? {})) {
            const pp = at(ep, 'ports', name);
            if (!names.has(name)) r.error(pp, `endpoint port ${p} is not defined by the service entry`);
            portName(name, pp, r);
            report(r, pp, c.port(Number(p)));
          }
        }
        if (ws)
          r.warn(
            joinPath(path, 'workloadSelector'),
            `workloadSelector should not be set when resolution mode is ${resolution}`,
          );
        if (
          len(se.addresses) &&
          len(se.hosts) > 1 &&
          (se.ports ?? []).some((p: Obj) => p && isTcp(p.protocol))
        ) {
          r.warn(
            path,
            'service entry can not have more than one host specified simultaneously with address and tcp port',
          );
        }
      } else if (resolution === 'DYNAMIC_DNS') {
        for (const [i, h] of (se.hosts ?? []).entries()) {
          if (!String(h).startsWith('*'))
            r.error(at(path, 'hosts', i), 'host must be wildcarded for resolution mode DYNAMIC_DNS');
        }
      } else r.error(joinPath(path, 'resolution'), `unsupported resolution type ${resolution}`);
      if (resolution !== 'NONE' && len(se.hosts) > 1) {
        for (const p of se.ports ?? []) {
          if (
            p &&
            !c.isHttpProtocol(String(p.protocol ?? '')) &&
            !c.isTlsProtocol(String(p.protocol ?? ''))
          ) {
            r.error(joinPath(path, 'ports'), 'multiple hosts provided with non-HTTP, non-TLS ports');
            break;
          }
        }
      }
      exportTo(se.exportTo, ctx.namespace, joinPath(path, 'exportTo'), r, { serviceEntry: true });
    },
  },
];

function isTcp(p: unknown): boolean {
  const s = String(p ?? '').toUpperCase();
  return s === '' || s === 'TCP' || s === 'MONGO' || s === 'REDIS' || s === 'MYSQL';
}

export const workloadEntryRules: Rule[] = [
  { at: '.spec', check: (we: Obj, path, r) => workload(we, path, r, undefined, true) },
];

export const workloadGroupRules: Rule[] = [
  {
    at: '.spec',
    check: (wg: Obj, path, r) => {
      if (!wg.template) r.error(joinPath(path, 'template'), 'template is required');
      const errs = c.labelSet(wg.metadata?.labels);
      if (errs.length) r.error(at(path, 'metadata', 'labels'), `invalid labels: ${errs.join('; ')}`);
      const p = wg.probe;
      if (!p) return;
      const pp = joinPath(path, 'probe');
      for (const f of [
        'periodSeconds',
        'initialDelaySeconds',
        'timeoutSeconds',
        'successThreshold',
        'failureThreshold',
      ] as const) {
        if (Number(p[f] ?? 0) < 0) r.error(joinPath(pp, f), `${f} must be non-negative`);
      }
      if (p.httpGet) {
        const h = p.httpGet;
        report(r, at(pp, 'httpGet', 'port'), c.port(Number(h.port ?? 0)));
        if (h.scheme && h.scheme !== 'HTTP' && h.scheme !== 'HTTPS')
          r.error(at(pp, 'httpGet', 'scheme'), 'httpGet.scheme must be one of "HTTPS", "HTTP"');
        for (const [i, hd] of (h.httpHeaders ?? []).entries()) {
          if (!hd) r.error(at(pp, 'httpGet', 'httpHeaders', i), 'invalid nil header');
          else report(r, at(pp, 'httpGet', 'httpHeaders', i, 'name'), c.headerName(String(hd.name ?? '')));
        }
      } else if (p.tcpSocket) report(r, at(pp, 'tcpSocket', 'port'), c.port(Number(p.tcpSocket.port ?? 0)));
      else if (p.exec) {
        if (!len(p.exec.command)) r.error(at(pp, 'exec', 'command'), 'exec.command is required');
      } else if (p.grpc) report(r, at(pp, 'grpc', 'port'), c.port(Number(p.grpc.port ?? 0)));
      else r.error(pp, 'unknown health check method <nil>');
    },
  },
];

export const proxyConfigRules: Rule[] = [
  workloadSelectorRule('.spec.selector'),
  {
    at: '.spec',
    check: (pc: Obj, path, r) => {
      if (Number(pc.concurrency ?? 0) < 0)
        r.error(joinPath(path, 'concurrency'), 'concurrency must be greater than or equal to 0');
    },
  },
];
