#!/usr/bin/env node
// npm run oracle:template — builds the Go oracle (build.sh) and re-records its outputs for every vector into
// test/engines/template/testdata/oracle.json (and the injection/helm-template recordings), so tests need no Go.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const cache = join(root, '.cache', 'gotemplate');
const testdata = join(root, 'test', 'engines', 'template', 'testdata');
execFileSync(join(here, 'build.sh'), { stdio: 'inherit' });
mkdirSync(testdata, { recursive: true });
const env = { ...process.env, TZ: 'UTC', HOME: '/nonexistent-home' };
delete env.DEFINITELY_NOT_SET_VAR;

const { default: vectors } = await import(join(root, 'test/engines/template/vectors.mjs'));
const vfile = join(cache, 'vectors.json');
writeFileSync(vfile, JSON.stringify(vectors));
const out = execFileSync(join(cache, 'oracle'), ['run', vfile], { env, maxBuffer: 1 << 28 }).toString();
writeFileSync(join(testdata, 'oracle.json'), out);
console.log(`recorded ${vectors.length} vectors`);

const extra = join(here, 'record-extra.mjs');
try {
  const mod = await import(extra);
  await mod.default({ root, cache, testdata, env });
} catch (e) {
  if (e.code !== 'ERR_MODULE_NOT_FOUND') throw e;
}
