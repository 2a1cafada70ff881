#!/usr/bin/env node
// The executable stays small: main() (src/main.ts) owns the process (argv, env, stdio, exit code).
// It runs from the bundle `npm run build` links, with V8's code cache (bin/bundle.js); the module
// graph in dist/ is the fallback when there is no bundle, or when ISTIOCTL_NO_BUNDLE is set.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/istioctl.cjs', import.meta.url));
if (existsSync(bundle) && !process.env.ISTIOCTL_NO_BUNDLE) {
  const { loadBundle } = await import('./bundle.js');
  loadBundle(bundle).exports.main(process);
} else {
  const { main } = await import('../dist/main.js');
  main(process);
}
