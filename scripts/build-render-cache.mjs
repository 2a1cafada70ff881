#!/usr/bin/env node
// Part of `npm run build` (after tsc): precomputes how manifest generate reads and writes the static
// YAML documents in our charts' files/ (the CRDs above all), with the built functions it runs with,
// into dist/render-doc-cache.json. See src/engines/render/doc-cache.ts. Deterministic: sorted output.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => import(pathToFileURL(join(root, 'dist', p)).href);
const { buildDocumentCache, DOC_CACHE_PATH, staticDocumentTexts } = await dist('engines/render/doc-cache.js');
const { readDocument } = await dist('engines/render/generate.js');
const { goYamlMarshal } = await dist('engines/inject/go-yaml.js');

const walk = (dir) =>
  readdirSync(dir)
    .sort()
    .flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));

const charts = join(root, 'manifests', 'charts');
const fileTexts = readdirSync(charts)
  .sort()
  .map((chart) => join(charts, chart, 'files'))
  .filter((dir) => existsSync(dir) && statSync(dir).isDirectory())
  .flatMap(walk)
  .filter((p) => /\.ya?ml$/.test(p))
  .map((p) => readFileSync(p, 'utf8'));
writeFileSync(
  join(root, DOC_CACHE_PATH),
  buildDocumentCache(staticDocumentTexts(fileTexts), await readDocument(), goYamlMarshal),
);
