// telemetry.ProviderAnalyzer: with no default access-log provider in the mesh config, an access
// logging entry that names no provider does nothing.
import type { Analyzer, Obj } from '../../types.js';

export const telemetryProviderAnalyzer: Analyzer = {
  name: 'telemetry.ProviderAnalyzer',
  description: 'Validates that providers in telemetry resource is valid',
  inputs: ['Telemetry', 'MeshConfig'],
  analyze(ctx) {
    if ((ctx.meshConfig?.defaultProviders?.accessLogging ?? []).length > 0) return;
    for (const t of ctx.list('Telemetry')) {
      for (const l of (t.spec?.accessLogging ?? []) as Obj[]) {
        if ((l?.providers ?? []).length === 0) ctx.report('IST0157', t, t.name, t.namespace);
      }
    }
  },
};
