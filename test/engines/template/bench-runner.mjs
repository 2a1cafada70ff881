#!/usr/bin/env node
// Renders upstream's `sidecar` injection template for a typical conformance pod N times with the built
// engine (dist/) and prints nanoseconds per render; `--go` runs the Go oracle's equivalent instead.
// Usage: bench-runner.mjs <renders> [--go]
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { injectVectors } from './inject-vectors.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const inject = resolve(root, '..', 'shared', 'conformance', 'istio-1.30.3', 'inject');
const renders = Number(process.argv[2] ?? 1000);
const vector = injectVectors(inject).find((v) => v.name === 'inject-sidecar-hello.yaml');

if (process.argv.includes('--go')) {
  const dir = join(root, '.cache', 'gotemplate');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'bench-sidecar.tpl'), vector.tpl);
  writeFileSync(join(dir, 'bench-sidecar.json'), JSON.stringify(vector.data));
  const ns = execFileSync(join(dir, 'oracle'), [
    'bench',
    join(dir, 'bench-sidecar.tpl'),
    join(dir, 'bench-sidecar.json'),
    String(renders),
  ])
    .toString()
    .trim();
  console.log(`go ns/render ${ns}`);
} else {
  const { compileGoTemplate, Typed } = await import(
    pathToFileURL(join(root, 'dist/engines/template/index.js')).href
  );
  const decode = (v) => {
    if (Array.isArray(v)) return v.map(decode);
    if (v && typeof v === 'object') {
      const k = Object.keys(v);
      if (k.length === 1 && k[0] === '$int') return BigInt(v.$int);
      if (k.length === 1 && k[0] === '$strmap') return new Typed('map[string]string', { ...v.$strmap });
      if (k.length === 1 && k[0] === '$enum')
        return new Typed('v1alpha1.ProxyConfig_InboundInterceptionMode', v.$enum, { String: () => v.$enum });
      return Object.fromEntries(Object.entries(v).map(([a, b]) => [a, decode(b)]));
    }
    return v;
  };
  const data = decode(JSON.parse(JSON.stringify(vector.data)));
  const t = compileGoTemplate(vector.tpl, { name: 'sidecar', istio: true });
  t.execute(data);
  for (let i = 0; i < 50; i++) t.execute(data);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < renders; i++) t.execute(data);
  const ns = Number(process.hrtime.bigint() - t0) / Math.max(renders, 1);
  console.log(`ts ns/render ${Math.round(ns)}`);
}
