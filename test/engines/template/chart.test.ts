// Our chart renderer against the real `helm template` (Helm v3 CLI built from its Go module): the demo
// chart (helpers, include/tpl, Files, Capabilities, a subchart with globals, NOTES.txt) must come out
// byte-identical; plus renderer behaviours that helm template shows directly.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { renderChart, renderChartLive } from '../../../src/engines/template/index.js';
import { repoRoot } from '../../support/run-cli.js';

const chartRoot = join(repoRoot, 'test/engines/template/testdata/chart');

function readTree(dir: string): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p);
    }
  };
  walk(dir);
  return out;
}

test('demo chart renders byte-identically to helm template', () => {
  const values = parse(readFileSync(join(chartRoot, 'user-values.yaml'), 'utf8'));
  const rendered = renderChart(
    { files: readTree(join(chartRoot, 'demo')) },
    { values, release: { name: 'demo-rel', namespace: 'demo-ns' } },
  );
  const want = readFileSync(join(repoRoot, 'test/engines/template/testdata/helm-template.out'), 'utf8');
  assert.equal(rendered.manifest(), want);
});

test('rendered files exclude partials and NOTES.txt and keep Helm paths', () => {
  const rendered = renderChart({ files: readTree(join(chartRoot, 'demo')) }, { values: { greeting: 'hi' } });
  assert.deepEqual(
    [...rendered.files.keys()],
    [
      'demo/charts/cache/templates/statefulset.yaml',
      'demo/templates/configmap.yaml',
      'demo/templates/deployment.yaml',
      'demo/templates/service.yaml',
      'demo/templates/serviceaccount.yaml',
    ],
  );
});

test('user null removes a chart default; nested defaults merge under user values', () => {
  const files = {
    'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n',
    'values.yaml': 'a: {p: 1, q: 2}\nb: keep\n',
    'templates/t.yaml': '{{ toYaml .Values }}',
  };
  const r = renderChart({ files }, { values: { a: { q: 3, z: 4 }, b: null } });
  assert.equal(r.files.get('c/templates/t.yaml'), 'a:\n  p: 1\n  q: 3\n  z: 4');
});

test('required and fail surface as Helm execution errors', () => {
  const files = {
    'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n',
    'templates/t.yaml': '{{ required "set .Values.x" .Values.x }}',
  };
  assert.throws(() => renderChart({ files }), {
    message: 'execution error at (c/templates/t.yaml:1:3): set .Values.x',
  });
});

test('lookup is empty offline and live through a Cluster', async () => {
  const files = {
    'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n',
    'templates/t.yaml':
      '{{ $cm := lookup "v1" "ConfigMap" "ns" "cfg" }}{{ if $cm }}{{ $cm.data.k }}{{ else }}none{{ end }} {{ len (default (list) (lookup "v1" "Namespace" "" "").items) }} {{ if $cm }}{{ eq $cm.metadata.generation 2 }}{{ else }}false{{ end }}',
  };
  assert.equal(renderChart({ files }).files.get('c/templates/t.yaml'), 'none 0 false');
  const { FakeCluster } = await import('../../../src/cluster/fake.js');
  const cluster = new FakeCluster({
    objects: [
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'cfg', namespace: 'ns', generation: 2 },
        data: { k: 'live' },
      },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns' } },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } },
    ],
  });
  const live = await renderChartLive({ files }, {}, cluster);
  assert.equal(live.files.get('c/templates/t.yaml'), 'live 2 true');
});
