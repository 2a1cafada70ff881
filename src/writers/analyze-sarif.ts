// SARIF 2.1.0 for analyze: one run of the `istioctl` driver, a rule per IST code that occurs
// (with its help URL), results with file locations when the resource came from a file and a
// logical location (the resource's friendly name) always.
import type { Level } from '../model/diagnostics.js';
import { documentationUrl, type OutputMessage } from './analyze-output.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export interface RuleInfo {
  code: string;
  name: string;
  level: Level;
}

const SARIF_LEVEL: Record<Level, 'error' | 'warning' | 'note'> = {
  Error: 'error',
  Warning: 'warning',
  Info: 'note',
};

export function writeSarif(
  ms: readonly OutputMessage[],
  ruleInfo: (code: string) => RuleInfo,
  tool: { version: string; semanticVersion: string },
): string {
  const codes = [...new Set(ms.map((m) => m.code))].sort();
  const index = new Map(codes.map((c, i) => [c, i]));
  const rules = codes.map((c) => {
    const r = ruleInfo(c);
    return {
      id: c,
      name: r.name,
      shortDescription: { text: `${r.name} (${c})` },
      helpUri: documentationUrl(c).replace(/\?ref=.*$/, ''),
      defaultConfiguration: { level: SARIF_LEVEL[r.level] },
    };
  });
  const results = ms.map((m) => {
    const result: Record<string, unknown> = {
      ruleId: m.code,
      ruleIndex: index.get(m.code),
      level: SARIF_LEVEL[m.level],
      message: { text: m.message },
    };
    const location: Record<string, unknown> = {};
    if (m.file && m.file !== '-') {
      location.physicalLocation = {
        artifactLocation: { uri: encodeURI(m.file.replace(/\\/g, '/')) },
        ...(m.line ? { region: { startLine: m.line } } : {}),
      };
    }
    if (m.origin) location.logicalLocations = [{ fullyQualifiedName: m.origin, kind: 'resource' }];
    if (Object.keys(location).length > 0) result.locations = [location];
    return result;
  });
  const doc = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'istioctl',
            informationUri: 'https://istio.io/latest/docs/reference/commands/istioctl/#istioctl-analyze',
            version: tool.version,
            semanticVersion: tool.semanticVersion,
            rules,
          },
        },
        results,
      },
    ],
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
