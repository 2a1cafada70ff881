#!/usr/bin/env node
// Writes manifests/charts/base/files/crd-all.gen.yaml from the API model (src/model/api).
// Run with `npm run gen:crds`; test/model/api/crd-fresh.test.ts fails when the file is stale.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CRD_FILE, renderCrdFile } from '../src/writers/crds.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
writeFileSync(join(root, CRD_FILE), renderCrdFile());
console.log(`wrote ${CRD_FILE}`);
