// Our istiod chart's own injection templates (manifests/charts/istiod/files/), run by our engine, must
// inject exactly what upstream's templates do: the sidecar for every default conformance case, the
// others for every default case whose pod names them (inject.istio.io/templates). Templates with no
// injected golden (waypoint, kube-gateway, agentgateway) are compared in our-templates-differential.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { conformanceRoot, runCli } from '../../support/run-cli.js';
import { CHART_TEMPLATES, chartTemplate } from './support/chart-templates.js';

const root = join(conformanceRoot, 'inject');
const defaults = join(root, 'defaults');

interface Case {
  name: string;
  in: string;
  want?: string;
  env: Record<string, string>;
  defaultOnly: boolean;
}

describe('our sidecar injection template', () => {
  it('injects what upstream sidecar template injects, for every default case', async () => {
    const ours = chartTemplate('sidecar');
    const dir = mkdtempSync(join(tmpdir(), 'our-sidecar-'));
    const config = join(dir, 'inject-config.json');
    writeFileSync(config, JSON.stringify({ templates: { sidecar: ours } }));
    const cases = (JSON.parse(readFileSync(join(root, 'cases.json'), 'utf8')) as Case[]).filter(
      (c) => c.defaultOnly && c.want,
    );
    const differ: string[] = [];
    let compared = 0;
    for (const c of cases) {
      const input = readFileSync(join(root, 'cases', c.in), 'utf8');
      // Cases that pick other templates (gateway, grpc-*) are covered where those templates are tested.
      if (input.includes('inject.istio.io/templates')) continue;
      compared++;
      const r = await runCli(
        [
          'kube-inject',
          '-f',
          join(root, 'cases', c.in),
          '--injectConfigFile',
          config,
          '--valuesFile',
          join(defaults, 'values.json'),
          '--meshConfigFile',
          join(defaults, 'mesh.yaml'),
        ],
        { env: c.env },
      );
      const want = readFileSync(join(root, 'cases', c.want!), 'utf8');
      if (r.code !== 0 || r.stdout !== want)
        differ.push(`${c.name}: ${r.stderr.slice(0, 300)}${firstDiff(r.stdout, want)}`);
    }
    assert.ok(compared > 60);
    assert.deepEqual(differ, []);
  });
});

describe('our injection templates picked by annotation', () => {
  it('inject what upstream injects for every default case naming its templates', async () => {
    const templates = Object.fromEntries(CHART_TEMPLATES.map((name) => [name, chartTemplate(name)]));
    const dir = mkdtempSync(join(tmpdir(), 'our-templates-'));
    const config = join(dir, 'inject-config.json');
    writeFileSync(config, JSON.stringify({ templates }));
    const cases = (JSON.parse(readFileSync(join(root, 'cases.json'), 'utf8')) as Case[]).filter(
      (c) => c.defaultOnly && c.want,
    );
    const differ: string[] = [];
    const picked = new Set<string>();
    for (const c of cases) {
      const input = readFileSync(join(root, 'cases', c.in), 'utf8');
      const named = /inject\.istio\.io\/templates:\s*"?([^"\n]+)"?/.exec(input)?.[1];
      if (!named) continue;
      const names = named.split(',').map((n) => n.trim());
      // Templates our chart does not ship (a test's own custom ones) come with inFilePath settings instead.
      if (!names.every((n) => (CHART_TEMPLATES as readonly string[]).includes(n))) continue;
      for (const n of names) picked.add(n);
      const r = await runCli(
        [
          'kube-inject',
          ...['-f', join(root, 'cases', c.in), '--injectConfigFile', config],
          ...['--valuesFile', join(defaults, 'values.json'), '--meshConfigFile', join(defaults, 'mesh.yaml')],
        ],
        { env: c.env },
      );
      const want = readFileSync(join(root, 'cases', c.want!), 'utf8');
      if (r.code !== 0 || r.stdout !== want)
        differ.push(`${c.name}: ${r.stderr.slice(0, 300)}${firstDiff(r.stdout, want)}`);
    }
    // The corpus has gateway, grpc-agent and grpc-simple pods (and one naming sidecar thrice).
    assert.deepEqual([...picked].sort(), ['gateway', 'grpc-agent', 'grpc-simple', 'sidecar']);
    assert.deepEqual(differ, []);
  });
});

function firstDiff(got: string, want: string): string {
  const a = got.split('\n');
  const b = want.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return ` line ${i + 1}: got ${JSON.stringify(a[i])} want ${JSON.stringify(b[i])}`;
  }
  return '';
}
