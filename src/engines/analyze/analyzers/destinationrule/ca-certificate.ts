// destinationrule.CaCertificateAnalyzer: TLS origination (SIMPLE/MUTUAL) with no CA certificates
// does not verify the server.
import type { Analyzer, Obj } from '../../types.js';
import { fullName } from '../../util.js';

const VERIFYING_MODES = new Set(['SIMPLE', 'MUTUAL']);

export const caCertificateAnalyzer: Analyzer = {
  name: 'destinationrule.CaCertificateAnalyzer',
  description: 'Checks that TLS origination in DestinationRules sets caCertificates',
  inputs: ['DestinationRule'],
  analyze(ctx) {
    for (const r of ctx.list('DestinationRule')) {
      const spec = r.spec ?? {};
      const tls = spec.trafficPolicy?.tls;
      // A credentialName supplies the CA only where it is honoured: with a workloadSelector.
      const unverified = (t: Obj) =>
        VERIFYING_MODES.has(t?.mode) && !t.caCertificates && !(t.credentialName && spec.workloadSelector);
      if (unverified(tls)) {
        ctx.reportAt(
          'IST0128',
          r,
          '{.spec.trafficPolicy.tls.caCertificates}',
          fullName(r),
          r.namespace,
          tls.mode,
          spec.host ?? '',
        );
      }
      for (const [i, p] of ((spec.trafficPolicy?.portLevelSettings ?? []) as Obj[]).entries()) {
        const t = p?.tls;
        if (unverified(t)) {
          const port = p.port?.number !== undefined ? `number:${p.port.number}` : '';
          const path = `{.spec.trafficPolicy.portLevelSettings[${i}].tls.caCertificates}`;
          ctx.reportAt('IST0129', r, path, fullName(r), r.namespace, t.mode, spec.host ?? '', port);
        }
      }
    }
  },
};
