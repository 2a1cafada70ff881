// serviceentry.Analyzer: a ServiceEntry with TCP or protocol-less ports needs addresses, unless
// DNS capture with auto-allocation is on or addresses were already allocated.
import type { Analyzer, Obj } from '../../types.js';

export const protocolAddressesAnalyzer: Analyzer = {
  name: 'serviceentry.Analyzer',
  description: 'Checks the validity of ServiceEntry',
  inputs: ['ServiceEntry', 'MeshConfig'],
  analyze(ctx) {
    const md = ctx.meshConfig?.defaultConfig?.proxyMetadata ?? {};
    const autoAllocated = md.ISTIO_META_DNS_CAPTURE === 'true' && md.ISTIO_META_DNS_AUTO_ALLOCATE === 'true';
    if (autoAllocated) return;
    for (const r of ctx.list('ServiceEntry')) {
      const spec = r.spec ?? {};
      if ((spec.addresses ?? []).length > 0) continue;
      if ((r.status?.addresses ?? []).length > 0) continue;
      for (const [i, p] of ((spec.ports ?? []) as Obj[]).entries()) {
        const proto = String(p?.protocol ?? '');
        if (proto === '' || proto.toUpperCase() === 'TCP')
          ctx.reportAt('IST0134', r, `{.spec.ports[${i}].name}`);
      }
    }
  },
};
