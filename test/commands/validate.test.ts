// istioctl validate: verdicts, output shapes and exit codes as upstream prints them (all on stderr).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../support/run-cli.js';

const VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts:
  - reviews
  http:
  - route:
    - destination:
        host: reviews
`;

const BAD_VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: shop
spec:
  hosts:
  - reviews
  http:
  - route:
    - destination:
        host: reviews
      weight: -1
`;

function dir(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), 'validate-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(d, name, '..'), { recursive: true });
    writeFileSync(join(d, name), text);
  }
  return d;
}

describe('istioctl validate', () => {
  it('says a valid file is valid and exits 0', async () => {
    const d = dir({ 'vs.yaml': VS });
    const r = await runCli(['validate', '-f', 'vs.yaml'], { cwd: d });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, '"vs.yaml" is valid\n');
  });

  it('reports errors as a multi-error with the field path and file:line, and exits 1', async () => {
    const d = dir({ 'vs.yaml': BAD_VS });
    const r = await runCli(['validate', '-f', 'vs.yaml'], { cwd: d });
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      'Error: 1 error occurred:\n\t* VirtualService/shop/reviews: weight -1 < 0 (at spec.http[0].route[0].weight, vs.yaml:13)\n\n\n',
    );
  });

  it('counts errors over several files and documents', async () => {
    const d = dir({ 'a.yaml': `${BAD_VS}---\n${BAD_VS}`, 'b.yaml': VS });
    const r = await runCli(['v', '-f', 'a.yaml,b.yaml'], { cwd: d });
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /^Error: 2 errors occurred:\n\t\* VirtualService\/shop\/reviews: .*a\.yaml:13\)\n\t\* .*a\.yaml:27\)\n\n\n$/,
    );
  });

  it('reads stdin with -f -', async () => {
    const ok = await runCli(['validate', '-f', '-'], { stdin: VS });
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.stderr, 'validation succeed\n');
    const bad = await runCli(['validate', '-f', '-'], { stdin: BAD_VS });
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /<stdin>:13\)/);
  });

  it('walks directories, reading only .json, .yaml and .yml files', async () => {
    const d = dir({
      'cfg/a.yaml': VS,
      'cfg/sub/b.yml': VS,
      'cfg/c.txt': 'not: [yaml',
      'cfg/d.json': JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }),
    });
    const r = await runCli(['validate', '-f', 'cfg'], { cwd: d });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '"cfg/a.yaml" is valid\n"cfg/d.json" is valid\n"cfg/sub/b.yml" is valid\n');
  });

  it('lists warnings per file', async () => {
    const d = dir({
      'vs.yaml': VS.replace('  - route:', '  - route:\n    - destination:\n        host: a\n  - route:'),
    });
    const r = await runCli(['validate', '-f', 'vs.yaml'], { cwd: d });
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stderr,
      /^"vs\.yaml" has warnings: \n\t\* VirtualService\/\/reviews: virtualService rule #1 not used \(only the last rule can have no matches\) \(at spec\.http\[1\], vs\.yaml:\d+\)\n\n$/,
    );
  });

  it('checks Service port names and Deployment labels outside the Istio namespace', async () => {
    const svc = `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  ports:
  - port: 80
  - port: 81
    name: web-port
  - port: 82
    name: http-web
  - port: 53
    protocol: UDP
`;
    const dep = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    metadata:
      labels:
        app: web
`;
    const d = dir({ 'k.yaml': `${svc}---\n${dep}` });
    const r = await runCli(['validate', '-f', 'k.yaml'], { cwd: d });
    assert.equal(r.code, 1);
    const url = 'https://istio.io/v1.30/docs/ops/deployment/requirements/';
    assert.equal(
      r.stderr,
      `deployment "web/shop:" may not provide Istio metrics and telemetry labels: map["app":"web"]. See ${url}\n` +
        'Error: 2 errors occurred:\n' +
        `\t* Service/shop/web: service "web/shop/:" has an unnamed port. This is not recommended, See ${url}\n` +
        `\t* Service/shop/web: service "web/shop/:" port "web-port" does not follow the Istio naming convention. See ${url}\n\n\n`,
    );
    const skipped = await runCli(['validate', '-f', 'k.yaml', '-i', 'shop'], { cwd: d });
    assert.equal(skipped.code, 0, skipped.stderr);
    assert.equal(skipped.stderr, '"k.yaml" is valid\n');
  });

  it('checks Services inside a List', async () => {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }] } },
      ],
    };
    const r = await runCli(['validate', '-f', '-'], { stdin: JSON.stringify(list) });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /\* List\/\/: service "s\/\/:" has an unnamed port/);
  });

  it('passes unknown kinds, with a note for unknown kinds in Istio groups', async () => {
    const d = dir({
      'x.yaml':
        'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n---\napiVersion: networking.istio.io/v1\nkind: Frobnicator\nmetadata:\n  name: f\n',
    });
    const r = await runCli(['validate', '-f', 'x.yaml'], { cwd: d });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stderr,
      'note: x.yaml:6: Frobnicator (networking.istio.io/v1) is not an Istio config kind this version serves; not validated\n"x.yaml" is valid\n',
    );
  });

  it('rejects unknown spec fields first (the decode stops there), then unknown top-level fields', async () => {
    const d = dir({
      'spec.yaml': VS.replace('spec:', 'extra: 1\nspec:\n  hostz: []'),
      'top.yaml': VS.replace('spec:', 'extra: 1\nspec:'),
    });
    const spec = await runCli(['validate', '-f', 'spec.yaml'], { cwd: d });
    assert.equal(spec.code, 1);
    assert.equal(
      spec.stderr,
      'Error: 1 error occurred:\n\t* VirtualService//reviews: cannot parse proto message: unknown field "hostz" in istio.networking.v1alpha3.VirtualService (at spec.hostz, spec.yaml:7)\n\n\n',
    );
    const top = await runCli(['validate', '-f', 'top.yaml'], { cwd: d });
    assert.equal(top.code, 1);
    assert.equal(
      top.stderr,
      'Error: 1 error occurred:\n\t* VirtualService//reviews: unknown field "extra" (at extra, top.yaml:5)\n\n\n',
    );
  });

  it('rejects a key given twice in one mapping, naming its line', async () => {
    const d = dir({
      'dup.yaml': `${VS}---\n${VS.replace('  name: reviews\n', '  name: reviews\n  name: again\n')}`,
    });
    const r = await runCli(['validate', '-f', 'dup.yaml'], { cwd: d });
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      'Error: 1 error occurred:\n\t* failed to decode file dup.yaml:  error converting YAML to JSON: yaml: unmarshal errors:\n  line 5: key "name" already set in map (at dup.yaml:17)\n\n\n',
    );
  });

  it('validates IstioOperator documents with the operator rules', async () => {
    const iop = 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  profile: demo\n';
    const ok = await runCli(['validate', '-f', '-'], { stdin: iop });
    assert.equal(ok.code, 0, ok.stderr);
    const bad = await runCli(['validate', '-f', '-'], { stdin: `${iop}  bogusField: 1\n` });
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /bogusField/);
  });

  it('gives unparseable YAML file:line:col and exit 65', async () => {
    const d = dir({ 'bad.yaml': 'a: 1\nb: [\n' });
    const r = await runCli(['validate', '-f', 'bad.yaml'], { cwd: d });
    assert.equal(r.code, 65);
    assert.match(r.stderr, /^Error: bad\.yaml:\d+:\d+: /);
  });

  it('needs --filename, rejects arguments and reports missing files', async () => {
    const none = await runCli(['validate']);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /^Error: error: you must specify resources by --filename\./);
    const arg = await runCli(['validate', 'x.yaml']);
    assert.equal(arg.code, 64);
    const missing = await runCli(['validate', '-f', 'nope.yaml'], { cwd: dir({}) });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /cannot stat file "nope\.yaml"/);
  });

  it('accepts the hidden --referential/-x flag', async () => {
    const d = dir({ 'vs.yaml': VS });
    for (const args of [['-x'], ['--referential=false']]) {
      const r = await runCli(['validate', ...args, '-f', 'vs.yaml'], { cwd: d });
      assert.equal(r.code, 0, r.stderr);
    }
  });
});
