// Added check: existing config that uses deprecated fields or removed Istio types (the analyze
// engine's deprecation.DeprecationAnalyzer, IST0002): what an upgrade may stop honouring.

import { deprecationAnalyzer } from '../analyze/analyzers/deprecation/deprecation.js';
import { friendlyName } from '../analyze/index.js';
import { analyzeCluster } from './config-analysis.js';
import type { Check } from './context.js';
import { msg } from './messages.js';

export const deprecatedConfig: Check = {
  name: 'deprecated-config',
  upstream: false,
  async run(ctx) {
    return (await analyzeCluster(ctx, deprecationAnalyzer)).map((d) =>
      msg.deprecated(
        d.resource ? friendlyName(d.resource) : undefined,
        d.message,
        'Move the config to the supported field or type before upgrading; the new release may ignore or reject it.',
      ),
    );
  },
};
