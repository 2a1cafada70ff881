// telemetry.LightstepAnalyzer: tracing through a Lightstep extension provider is deprecated.
import type { Analyzer, Obj } from '../../types.js';

export const lightstepAnalyzer: Analyzer = {
  name: 'telemetry.LightstepAnalyzer',
  description: 'Validates that lightstep provider is still used',
  inputs: ['Telemetry', 'MeshConfig'],
  analyze(ctx) {
    const names = new Set<string>(
      ((ctx.meshConfig?.extensionProviders ?? []) as Obj[])
        .filter((p) => p?.lightstep)
        .map((p) => String(p.name)),
    );
    if (names.size === 0) return;
    for (const t of ctx.list('Telemetry')) {
      for (const tr of (t.spec?.tracing ?? []) as Obj[]) {
        for (const p of (tr?.providers ?? []) as Obj[]) {
          if (names.has(String(p?.name))) {
            ctx.report(
              'IST0002',
              t,
              `the Lightstep provider ${p.name} is deprecated; use the OpenTelemetry provider`,
            );
          }
        }
      }
    }
  },
};
