// CommonJS half of the lazy-loading test's tracing: records every file require() loads in $TRACE_FILE
// (the bundle reaches its external packages through require as well as import()).
const { appendFileSync } = require('node:fs');
const Module = require('node:module');

const load = Module._load;
Module._load = function traced(request, parent, isMain) {
  if (process.env.TRACE_FILE) {
    let file = request;
    try {
      file = Module._resolveFilename(request, parent, isMain);
    } catch {
      // Unresolvable requests fail in the real load below; record the name as given.
    }
    appendFileSync(process.env.TRACE_FILE, `${file}\n`);
  }
  return load.apply(this, arguments);
};
