#!/usr/bin/env node
// The executable stays small: main() (src/main.ts) owns the process (argv, env, stdio, exit code).
// It runs from the bundle `npm run build` links, with V8's code cache (bin/bundle.js); the module
// graph in dist/ is the fallback when there is no bundle, when tsc ran after the bundle was linked
// (a stale bundle must never run), or when ISTIOCTL_NO_BUNDLE is set.
// CommonJS (bin/package.json): an ES module entry costs Node's ES loader ~15 ms before our first line.
const { statSync } = require('node:fs');
const { join } = require('node:path');

const dist = join(__dirname, '..', 'dist');
const bundle = join(dist, 'istioctl.cjs');
const linked = statSync(bundle, { throwIfNoEntry: false })?.mtimeMs;
const compiled = statSync(join(dist, 'main.js'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
if (linked !== undefined && linked >= compiled && !process.env.ISTIOCTL_NO_BUNDLE) {
  require('./bundle.js').loadBundle(bundle).exports.main(process);
} else {
  import('../dist/main.js').then(({ main }) => main(process));
}
