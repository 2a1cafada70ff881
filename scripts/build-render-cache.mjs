#!/usr/bin/env node
// Part of `npm run build` (after tsc), with the built functions manifest generate runs with:
// dist/render-parse-cache.json, the parse trees of our charts' templates (src/engines/template/parse-cache.ts),
// and dist/render-doc-cache.json, how the static YAML documents in our charts' files/ (the CRDs above
// all) read and write (src/engines/render/doc-cache.ts). Deterministic: sorted output.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
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

// The parse trees of every chart template, under the names renderChart parses them with.
const { PARSE_CACHE_PATH } = await dist('engines/render/chart-source.js');
const { buildParseCache } = await dist('engines/template/parse-cache.js');
const { chartTemplateSources, helmFunctionNames } = await dist('engines/template/chart.js');
const { parseTemplates } = await dist('engines/template/parse.js');
const helmFuncs = helmFunctionNames();
const templates = readdirSync(charts)
  .sort()
  .map((chart) => join(charts, chart))
  .filter((dir) => existsSync(join(dir, 'Chart.yaml')))
  .flatMap((dir) =>
    chartTemplateSources({
      files: Object.fromEntries(
        walk(dir).map((p) => [relative(dir, p).split(sep).join('/'), readFileSync(p)]),
      ),
    }),
  );
writeFileSync(
  join(root, PARSE_CACHE_PATH),
  buildParseCache(templates, (name, text) => parseTemplates(name, text, (n) => helmFuncs.has(n))),
);
