// KubeCluster's handling of the API server's harder answers, against a scripted plain-HTTP API server on
// 127.0.0.1: retries of transient failures, list restarts on expired continue tokens, conflict and Status
// errors. (The happy paths run against the real API server in test/e2e/cluster.test.ts.)
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { type Cluster, ClusterError, ConflictError } from '../../src/cluster/cluster.js';
import { connect } from '../../src/cluster/kube.js';

type Handler = (
  req: http.IncomingMessage,
  url: URL,
) => { status: number; body: unknown; headers?: Record<string, string> };

const DISCOVERY = {
  kind: 'APIResourceList',
  groupVersion: 'v1',
  resources: [
    { name: 'configmaps', kind: 'ConfigMap', namespaced: true },
    { name: 'namespaces', kind: 'Namespace', namespaced: false },
  ],
};

const status = (code: number, reason: string, message: string, causes?: unknown[]) => ({
  kind: 'Status',
  apiVersion: 'v1',
  status: 'Failure',
  code,
  reason,
  message,
  ...(causes ? { details: { causes } } : {}),
});

describe('KubeCluster against a scripted API server', () => {
  let server: http.Server;
  let port = 0;
  let handler: Handler;
  let seen: string[];
  let cluster: Cluster;

  before(async () => {
    server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      seen.push(`${req.method} ${url.pathname}${url.search}`);
      req.resume();
      req.on('end', () => {
        const out = url.pathname === '/api/v1' ? { status: 200, body: DISCOVERY } : handler(req, url);
        res.writeHead(out.status, { 'Content-Type': 'application/json', ...out.headers });
        res.end(typeof out.body === 'string' ? out.body : JSON.stringify(out.body));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
    const kubeconfig = join(mkdtempSync(join(tmpdir(), 'kube-test-')), 'kubeconfig');
    writeFileSync(
      kubeconfig,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters:',
        `- name: c\n  cluster:\n    server: http://127.0.0.1:${port}\n    insecure-skip-tls-verify: true`,
        'users:',
        '- name: u\n  user:\n    token: t',
        'contexts:',
        '- name: c\n  context:\n    cluster: c\n    user: u',
        'current-context: c',
        '',
      ].join('\n'),
    );
    cluster = await connect({ kubeconfig }, {});
  });

  after(() => server.close());
  beforeEach(() => {
    seen = [];
  });

  it('retries a 429 (honouring Retry-After) and succeeds', async () => {
    let n = 0;
    handler = () =>
      ++n === 1
        ? { status: 429, body: status(429, 'TooManyRequests', 'slow down'), headers: { 'Retry-After': '0' } }
        : { status: 200, body: { major: '1', minor: '36', gitVersion: 'v1.36.3' } };
    assert.equal((await cluster.version()).gitVersion, 'v1.36.3');
    assert.equal(seen.filter((s) => s.startsWith('GET /version')).length, 2);
  });

  it('gives up on a GET after three 503s, and never retries a failed POST', async () => {
    handler = () => ({
      status: 503,
      body: status(503, 'ServiceUnavailable', 'the server is\ncurrently unable'),
    });
    await assert.rejects(
      () => cluster.version(),
      (err: unknown) =>
        err instanceof ClusterError && err.status === 503 && err.message === 'the server is currently unable',
    );
    assert.equal(seen.filter((s) => s.startsWith('GET /version')).length, 3);
    seen = [];
    await assert.rejects(() =>
      cluster.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'ns' } }),
    );
    assert.equal(seen.filter((s) => s.startsWith('POST')).length, 1);
  });

  it('follows continue tokens and restarts a list whose token expired (410)', async () => {
    let expired = false;
    handler = (_req, url) => {
      const cont = url.searchParams.get('continue');
      const item = (name: string) => ({ metadata: { name, namespace: 'ns' }, data: {} });
      if (!cont) return { status: 200, body: { items: [item('a')], metadata: { continue: 'p2' } } };
      if (!expired) {
        expired = true;
        return { status: 410, body: status(410, 'Expired', 'the provided continue parameter is too old') };
      }
      return { status: 200, body: { items: [item('b')], metadata: {} } };
    };
    const items = await cluster.list({ apiVersion: 'v1', kind: 'ConfigMap' }, { namespace: 'ns', limit: 1 });
    assert.deepEqual(
      items.map((i) => [i.kind, i.metadata.name]),
      [
        ['ConfigMap', 'a'],
        ['ConfigMap', 'b'],
      ],
    );
    assert.equal(
      seen.filter((s) => s.includes('/configmaps')).length,
      4,
      'page 1, expired page 2, page 1, page 2',
    );
  });

  it('reports an apply conflict with its fields, and other failures with their Status message', async () => {
    handler = (req) =>
      req.method === 'PATCH'
        ? {
            status: 409,
            body: status(409, 'Conflict', 'Apply failed with 1 conflict: conflict with "other": .data.k', [
              { type: 'FieldManagerConflict', message: 'conflict with "other"', field: '.data.k' },
            ]),
          }
        : {
            status: 403,
            body: status(403, 'Forbidden', 'configmaps "x" is forbidden: User "u" cannot delete'),
          };
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'ns' } };
    await assert.rejects(
      () => cluster.apply(cm, { fieldManager: 'me' }),
      (err: unknown) =>
        err instanceof ConflictError &&
        err.conflicts.length === 1 &&
        err.conflicts[0] === '.data.k: conflict with "other"',
    );
    assert.ok(seen.some((s) => s.startsWith('PATCH /api/v1/namespaces/ns/configmaps/x?fieldManager=me')));
    await assert.rejects(
      () => cluster.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'ns', name: 'x' }),
      (err: unknown) =>
        err instanceof ClusterError &&
        err.status === 403 &&
        err.reason === 'Forbidden' &&
        err.message === 'configmaps "x" is forbidden: User "u" cannot delete',
    );
  });

  it('retries a refused connection, then says the API server cannot be reached', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const dir = mkdtempSync(join(tmpdir(), 'kube-test-'));
    writeFileSync(
      join(dir, 'kubeconfig'),
      `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: http://127.0.0.1:${deadPort}\n    insecure-skip-tls-verify: true\nusers:\n- name: u\n  user: {}\ncontexts:\n- name: c\n  context: {cluster: c, user: u}\ncurrent-context: c\n`,
    );
    const dead = await connect({ kubeconfig: join(dir, 'kubeconfig') }, {});
    const t0 = Date.now();
    await assert.rejects(() => dead.version(), /unable to reach the API server .*ECONNREFUSED/);
    assert.ok(Date.now() - t0 >= 500, 'backed off between tries');
  });
});
