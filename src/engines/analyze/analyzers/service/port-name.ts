// service.PortNameAnalyzer: Service ports should say their protocol (name prefix or appProtocol),
// and ExternalName Services need port names that keep TCP forwarding working.
import type { Analyzer, Obj } from '../../types.js';
import { isSystemNamespace } from '../../util.js';

const PROTOCOLS = new Set([
  'tcp',
  'udp',
  'sctp',
  'grpc',
  'grpc-web',
  'http',
  'http_proxy',
  'http2',
  'https',
  'tls',
  'mongo',
  'redis',
  'mysql',
  'hbone',
  'kubernetes.io/h2c',
  'kubernetes.io/ws',
  'kubernetes.io/wss',
]);
/** Ports treated as TCP when the name says nothing (kube.ConvertProtocol). */
const WELL_KNOWN_TCP = new Set([3306]);

/** Whether Istio can tell the port's protocol (the inverse of protocol.IsUnsupported). */
export function portProtocolKnown(p: Obj): boolean {
  if (p.protocol === 'UDP' || p.protocol === 'SCTP') return true;
  if (p.appProtocol && PROTOCOLS.has(String(p.appProtocol).toLowerCase())) return true;
  const name = String(p.name ?? '').toLowerCase();
  if (name.startsWith('grpc-web')) return true;
  const prefix = name.split('-')[0]!;
  return PROTOCOLS.has(prefix) || WELL_KNOWN_TCP.has(Number(p.port));
}

export const portNameAnalyzer: Analyzer = {
  name: 'service.PortNameAnalyzer',
  description: 'Checks the port names associated with each service',
  inputs: ['Service'],
  analyze(ctx) {
    for (const r of ctx.list('Service')) {
      if (isSystemNamespace(r.namespace) || 'istio' in r.labels || r.labels.release === 'istio') continue;
      const externalName = r.spec?.type === 'ExternalName';
      for (const [i, p] of ((r.spec?.ports ?? []) as Obj[]).entries()) {
        if (!p || (portProtocolKnown(p) && !(p.name === 'tcp' && externalName))) continue;
        const path = `{.spec.ports[${i}].port}`;
        if (externalName) ctx.reportAt('IST0150', r, path);
        else ctx.reportAt('IST0118', r, path, p.name ?? '', Number(p.port), String(p.targetPort ?? ''));
      }
    }
  },
};
