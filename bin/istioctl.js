#!/usr/bin/env node
// The executable stays small: main() (src/main.ts) owns the process (argv, env, stdio, exit code).
// It runs from the bundle `npm run build` links, with V8's code cache (bin/bundle.js); the module
// graph in dist/ is the fallback when there is no bundle, when tsc ran after the bundle was linked
// (a stale bundle must never run), or when ISTIOCTL_NO_BUNDLE is set.
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = (p) => fileURLToPath(new URL(`../dist/${p}`, import.meta.url));
const bundle = dist('istioctl.cjs');
const linked = statSync(bundle, { throwIfNoEntry: false })?.mtimeMs;
const compiled = statSync(dist('main.js'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
if (linked !== undefined && linked >= compiled && !process.env.ISTIOCTL_NO_BUNDLE) {
  const { loadBundle } = await import('./bundle.js');
  loadBundle(bundle).exports.main(process);
} else {
  const { main } = await import('../dist/main.js');
  main(process);
}
