// authn.BlockedCIDRsAnalyzer: RequestAuthentications make istiod fetch JWKS URIs; without
// BLOCKED_CIDRS_IN_JWKS_URIS those fetches can reach any network.
import type { Analyzer, Obj } from '../../types.js';
import { containers, fullName } from '../../util.js';

const MAX_NAMES = 5;

export const blockedCidrsAnalyzer: Analyzer = {
  name: 'authn.BlockedCIDRsAnalyzer',
  description: 'Checks that istiod restricts JWKS URI fetches when RequestAuthentications exist',
  inputs: ['RequestAuthentication', 'Deployment'],
  analyze(ctx) {
    const names = ctx.list('RequestAuthentication').map(fullName);
    if (names.length === 0) return;
    const shown =
      names.length <= MAX_NAMES
        ? names.join(', ')
        : `${names.slice(0, MAX_NAMES).join(', ')}, and ${names.length - MAX_NAMES} more`;
    for (const d of ctx.list('Deployment')) {
      if (d.labels.app !== 'istiod') continue;
      const set = containers(d.spec?.template?.spec).some((c: Obj) =>
        (c.env ?? []).some((e: Obj) => e?.name === 'BLOCKED_CIDRS_IN_JWKS_URIS' && e.value),
      );
      if (!set) ctx.report('IST0175', d, names.length, shown);
    }
  },
};
