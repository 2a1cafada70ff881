// The YAML documents manifest generate renders (before reading them) for each shipped profile and a
// few --set variants: inputs for the tests of the readers that parse them.

import { chartSource } from '../../../../src/engines/render/chart-source.js';
import {
  generateManifests,
  type RenderedFile,
  splitDocuments,
} from '../../../../src/engines/render/generate.js';
import { loadProfile } from '../../../../src/engines/render/sources.js';
import { nodeFiles } from '../../../../src/inputs/files.js';
import { repoRoot } from '../../../support/run-cli.js';

const VARIANTS = [
  ...['default', 'demo', 'minimal', 'ambient', 'empty', 'preview', 'remote', 'stable'].map((p) => [
    `profile=${p}`,
  ]),
  ['profile=demo', 'revision=canary', 'values.global.platform=openshift'],
  ['components.cni.enabled=true', 'values.pilot.env.X=2020-01-01', 'meshConfig.accessLogFile=/dev/stdout'],
];

let cached: Promise<string[]> | undefined;

export function renderedDocuments(): Promise<string[]> {
  cached ??= collect();
  return cached;
}

async function collect(): Promise<string[]> {
  const src = { files: nodeFiles, packageRoot: repoRoot };
  const texts = new Set<string>();
  for (const set of VARIANTS) {
    await generateManifests({
      files: [],
      set,
      force: true,
      loadProfile: (name, ipp) => loadProfile(src, name, ipp),
      charts: (ipp) => {
        const real = chartSource(src, ipp);
        return {
          async render(chart, values, release): Promise<RenderedFile[]> {
            const files = await real.render(chart, values, release);
            for (const f of files) {
              if (!/\.ya?ml$/.test(f.path)) continue;
              for (const d of splitDocuments(f.content.trim())) if (d.trim() !== '') texts.add(d);
            }
            return files;
          },
        };
      },
      warn: () => {},
    });
  }
  return [...texts].sort();
}
