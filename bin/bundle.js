// Loads dist/istioctl.cjs, the one-file bundle `npm run build` links from dist/ (scripts/build-bundle.mjs),
// with the V8 code cache the build trained for it. Node 20 has no compile cache of its own: without
// these, every run resolves ~80 modules and compiles each function it calls from source again.
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname } = require('node:path');
const vm = require('node:vm');

/**
 * The bundle's first line names a hash of the rest, and the cache starts with the same line: V8 itself
 * only checks the source length, so a cache is used for exactly the bundle it was made from.
 */
const cacheHeader = (source) => `${source.slice(0, source.indexOf('\n'))}\n`;

/** Runs the bundle's module code; returns its exports and the script (the build serialises its cache). */
function loadBundle(file, { useCache = true } = {}) {
  // The build links it as ASCII (non-ASCII text escaped), which latin1 decodes at a third of UTF-8's cost.
  const source = readFileSync(file, 'latin1');
  // The bundle's import() calls come here (see scripts/build-bundle.mjs): bare names resolve from
  // the package's node_modules as they would from dist/.
  globalThis[Symbol.for('istioctl.import')] = (specifier) => import(specifier);
  let cachedData;
  if (useCache) {
    try {
      const cache = readFileSync(`${file}.cache`);
      const header = Buffer.from(cacheHeader(source));
      if (header.equals(cache.subarray(0, header.length))) cachedData = cache.subarray(header.length);
    } catch {
      // No cache (a build without training, or a read-only copy): compile from source.
    }
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const module = { exports: {} };
  script
    .runInThisContext()
    .call(module.exports, module.exports, Module.createRequire(file), module, file, dirname(file));
  return { exports: module.exports, script };
}

module.exports = { cacheHeader, loadBundle };
