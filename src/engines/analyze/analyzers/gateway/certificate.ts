// gateway.CertificateAnalyzer: two Gateways on overlapping workloads serving the same certificate
// make HTTP/2 connection reuse send requests to the wrong one.
import type { Analyzer, Obj } from '../../types.js';
import { fullName, META_NAME } from '../../util.js';
import { gatewaySelector, servers } from './selector.js';

function sameCertificate(a: Obj, b: Obj): boolean {
  if (a.credentialName && b.credentialName) return a.credentialName === b.credentialName;
  if (
    !a.credentialName &&
    !b.credentialName &&
    a.serverCertificate &&
    a.serverCertificate === b.serverCertificate
  ) {
    return Boolean(a.privateKey && b.privateKey && a.privateKey === b.privateKey);
  }
  return false;
}

/** Every key of `x` is in `y` with the same value. */
function subset(x: Record<string, string>, y: Record<string, string>): boolean {
  return Object.entries(x).every(([k, v]) => y[k] === v);
}

export const certificateAnalyzer: Analyzer = {
  name: 'gateway.CertificateAnalyzer',
  description: 'Checks that gateways on the same workloads do not share a certificate',
  inputs: ['Gateway'],
  analyze(ctx) {
    const gws = ctx.list('Gateway');
    for (const cur of gws) {
      const sel = gatewaySelector(cur);
      for (const other of gws) {
        if (other === cur || !subset(sel, gatewaySelector(other))) continue;
        for (const a of servers(cur)) {
          for (const b of servers(other)) {
            if (a.tls && b.tls && sameCertificate(a.tls, b.tls)) {
              ctx.reportAt('IST0138', cur, META_NAME, [fullName(cur), fullName(other)]);
            }
          }
        }
      }
    }
  },
};
