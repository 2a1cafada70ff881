#!/usr/bin/env node
// Runs the unit and conformance tests with node's test runner (TypeScript through tsx).
// Usage: node scripts/test.mjs [dir-or-file ...]   (default: test/, without test/e2e)
// TEST_CONCURRENCY sets how many test files run at once (default 2; test:e2e runs them one at a time).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function collect(p, out) {
  if (statSync(p).isDirectory()) {
    for (const e of readdirSync(p).sort()) {
      if (e === 'node_modules' || e === 'testdata') continue;
      collect(join(p, e), out);
    }
  } else if (p.endsWith('.test.ts')) out.push(p);
}

const args = process.argv.slice(2);
const roots = args.length ? args : ['test'];
const files = [];
for (const r of roots) collect(r, files);
const selected = args.length ? files : files.filter((f) => !f.startsWith(join('test', 'e2e')));
if (selected.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const res = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    `--test-concurrency=${process.env.TEST_CONCURRENCY ?? 2}`,
    ...selected,
  ],
  { stdio: 'inherit' },
);
process.exit(res.status ?? 1);
