// A minimal Kubernetes API server for running the real istioctl offline: istioctl kube-inject
// resolves the default revision through an informer on MutatingWebhookConfigurations and waits for
// it to sync. This answers every list with an empty list and holds watches open; anything else is
// 404. Returns { kubeconfig, close() }.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function startFakeApiServer({ unref = false } = {}) {
  const watches = new Set();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const collection = /^\/(api|apis\/[^/]+)\/[^/]+\/(?:namespaces\/[^/]+\/)?([a-z0-9]+)$/.exec(url.pathname);
    if (req.method !== 'GET' || !collection) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          reason: 'NotFound',
          code: 404,
        }),
      );
      return;
    }
    if (url.searchParams.get('watch') === 'true') {
      if (url.searchParams.get('sendInitialEvents') === 'true') {
        // No streaming lists here: the client falls back to list + watch.
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            kind: 'Status',
            apiVersion: 'v1',
            status: 'Failure',
            reason: 'BadRequest',
            code: 400,
          }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
      res.flushHeaders();
      if (unref) req.socket.unref();
      watches.add(res);
      req.on('close', () => watches.delete(res));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({ kind: 'List', apiVersion: 'v1', metadata: { resourceVersion: '1' }, items: [] }),
    );
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  // A bench or test process should not stay alive for it.
  if (unref) server.unref();
  const { port } = server.address();
  const dir = mkdtempSync(join(tmpdir(), 'fake-apiserver-'));
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    `apiVersion: v1
kind: Config
clusters: [{name: fake, cluster: {server: "http://127.0.0.1:${port}"}}]
contexts: [{name: fake, context: {cluster: fake, user: fake}}]
current-context: fake
users: [{name: fake, user: {}}]
`,
  );
  return {
    kubeconfig,
    close: () =>
      new Promise((r) => {
        for (const w of watches) w.destroy();
        server.close(() => r());
      }),
  };
}

/**
 * The same server in a child process, for callers that block their own event loop (spawnSync):
 * resolves with its kubeconfig; close() stops it. It also stops when this process exits.
 */
export function spawnFakeApiServer() {
  const child = spawn(process.execPath, [new URL(import.meta.url).pathname], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = () => child.kill();
  process.on('exit', stop);
  return new Promise((resolve, reject) => {
    let out = '';
    child.on('error', reject);
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) {
        child.stdout.destroy();
        child.unref();
        resolve({
          kubeconfig: out.trim(),
          close: async () => {
            process.off('exit', stop);
            stop();
          },
        });
      }
    });
  });
}

// `node test/bench/fake-apiserver.mjs` keeps one running and prints its kubeconfig path.
if (import.meta.url === `file://${process.argv[1]}`) {
  const s = await startFakeApiServer();
  console.log(s.kubeconfig);
}
