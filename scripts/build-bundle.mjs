#!/usr/bin/env node
// Last step of `npm run build`: links dist/ (tsc's output) into one CommonJS file, dist/istioctl.cjs,
// and trains V8's code cache for it, dist/istioctl.cjs.cache, which bin/bundle.js loads.
//
// Why: Node 20 has no compile cache, and a cold `manifest generate` spent ~50 ms resolving and
// compiling ~80 ES modules and then compiling every function it called. One file skips resolution;
// the code cache carries the bytecode of every function the training runs compiled.
//
// The training runs commands in-process without a cluster: help, version, manifest generate for the
// default profile, validate and analyze of that manifest, kube-inject with configuration taken from it.
// It shapes nothing but which functions arrive precompiled: any input runs the same code.
//
// Client-node, grpc and ora stay outside: they load on first use as before (the lazy-loading test
// traces them), and client-node and ora are ES modules that CommonJS reaches only by import(). yaml is
// linked in: as ~60 separate CommonJS files it cost analyze ~100 ms of module resolution and compiling.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bundleFile = join(root, 'dist', 'istioctl.cjs');
const cacheFile = `${bundleFile}.cache`;

/**
 * commander requires node:child_process at load, for executable subcommands we never define; loading it
 * (with net and dgram) costs 1-3 ms of every start. Within commander it becomes a stub that loads the
 * real module when spawn is called.
 */
const lazyChildProcessForCommander = {
  name: 'lazy-child-process-for-commander',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes('/node_modules/commander/')
        ? { path: 'child_process', namespace: 'lazy' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents: "module.exports = { spawn: (...args) => require('node:child_process').spawn(...args) };",
      loader: 'js',
    }));
  },
};

if (process.argv[2] === '--train') await train();
else await link();

async function link() {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(root, 'dist', 'main.js')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    charset: 'ascii',
    write: false,
    external: ['@kubernetes/client-node', '@grpc/grpc-js', 'ora'],
    // main.ts finds the package root from its own URL: the bundle sits in dist/ as main.js does.
    define: { 'import.meta.url': '__bundleUrl' },
    banner: {
      js: [
        "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;",
        "const __bundleImport = globalThis[Symbol.for('istioctl.import')] ?? ((s) => import(s));",
      ].join('\n'),
    },
    logLevel: 'warning',
    plugins: [lazyChildProcessForCommander],
  });
  // import() inside a vm script needs a loader callback that Node 20 drops when the script comes from
  // a code cache; bin/bundle.js provides one from a real ES module instead.
  // ASCII only, so bin/bundle.js reads it as latin1 and V8 keeps a one-byte string: esbuild escapes
  // strings, templates and names (charset: 'ascii'); what it leaves, regular-expression literals and
  // comments, reads the same with \uXXXX escapes.
  const code = result.outputFiles[0].text
    .replace(/\bimport\(("[^"\n]*")\)/g, '__bundleImport($1)')
    .replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if ((code.match(/\bimport\(/g) ?? []).length !== 1)
    throw new Error('bundle: an import() was not rewritten');
  const hash = createHash('sha256').update(code).digest('hex');
  rmSync(cacheFile, { force: true });
  writeFileSync(bundleFile, `// istioctl-ts bundle sha256:${hash}\n${code}`);
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--train'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`code cache training failed (exit ${r.status})`);
}

/** A process object for main(): argv, env and cwd of a run, output kept, exit ignored. */
function fakeProcess(args) {
  const out = [];
  const stream = (sink) => ({
    isTTY: false,
    writableLength: 0,
    write(s, cb) {
      sink.push(String(s));
      if (typeof cb === 'function') cb();
      return true;
    },
  });
  const proc = {
    argv: [process.execPath, 'istioctl', ...args],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/', ISTIOCONFIG: '' },
    cwd: () => root,
    stdout: stream(out),
    stderr: stream([]),
    stdin: { isTTY: false, [Symbol.asyncIterator]: async function* () {} },
    exitCode: undefined,
    exit(code) {
      proc.exitCode = code;
    },
  };
  return { proc, output: () => out.join('') };
}

async function train() {
  const { cacheHeader, loadBundle } = await import(pathToFileURL(join(root, 'bin', 'bundle.js')).href);
  const { exports, script } = loadBundle(bundleFile, { useCache: false });
  const dir = mkdtempSync(join(tmpdir(), 'istioctl-train-'));
  const run = async (...args) => {
    const { proc, output } = fakeProcess(args);
    await exports.main(proc);
    // analyze exits 79 when it finds something: still a complete run.
    if (proc.exitCode !== 0 && !(args[0] === 'analyze' && proc.exitCode === 79))
      throw new Error(`training run "${args.join(' ')}" exited ${proc.exitCode}`);
    return output();
  };
  try {
    await run('--help');
    await run('version', '--remote=false');
    const manifest = await run('manifest', 'generate');
    const manifestFile = join(dir, 'manifest.yaml');
    writeFileSync(manifestFile, manifest);
    await run('validate', '-f', manifestFile);
    await run('analyze', '--use-kube=false', manifestFile);
    await trainInject(run, dir, manifest);
    writeFileSync(
      cacheFile,
      Buffer.concat([Buffer.from(cacheHeader(readFileSync(bundleFile, 'utf8'))), script.createCachedData()]),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** kube-inject of a small Deployment, with the mesh and injector configuration the manifest carries. */
async function trainInject(run, dir, manifest) {
  const { parseAllDocuments } = await import('yaml');
  const data = (name) =>
    parseAllDocuments(manifest)
      .map((d) => d.toJS())
      .find((o) => o?.kind === 'ConfigMap' && o.metadata?.name === name)?.data;
  const injector = data('istio-sidecar-injector');
  const mesh = data('istio');
  if (!injector || !mesh) throw new Error('training: the default manifest has no injector or mesh ConfigMap');
  const files = {
    'inject.yaml': injector.config,
    'values.json': injector.values,
    'mesh.yaml': mesh.mesh,
    'app.yaml': [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: app, namespace: default}',
      'spec:',
      '  selector: {matchLabels: {app: app}}',
      '  template:',
      '    metadata: {labels: {app: app}}',
      '    spec: {containers: [{name: app, image: app:1, ports: [{containerPort: 8080}]}]}',
      '',
    ].join('\n'),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  await run(
    'kube-inject',
    '-f',
    join(dir, 'app.yaml'),
    '--injectConfigFile',
    join(dir, 'inject.yaml'),
    '--valuesFile',
    join(dir, 'values.json'),
    '--meshConfigFile',
    join(dir, 'mesh.yaml'),
  );
}
