// kube-inject through the cluster's injection webhook: an HTTPS AdmissionReview server of ours,
// running our injection engine, is registered (url on 127.0.0.1) as the injection webhook of a
// revision. kube-inject in webhook mode must print what local rendering prints for every default
// conformance case, and the API server itself injects a created pod through the same webhook.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Cluster, KubeObject } from '../../src/cluster/cluster.js';
import type { InjectionParams } from '../../src/engines/inject/inject.js';
import { injectConfigFrom } from '../../src/engines/inject/inject-config.js';
import { applyMeshConfig } from '../../src/engines/inject/mesh-config.js';
import { templateRunner } from '../../src/engines/inject/template-runner.js';
import { reviewResponse } from '../../src/engines/inject/webhook-server.js';
import { parseGoYaml } from '../../src/engines/inject/yaml-parse.js';
import { conformanceRoot, runCli } from '../support/run-cli.js';
import { adminCluster, uniqueName } from './support/cluster.js';

const FM = 'istioctl-ts';
const root = join(conformanceRoot, 'inject');
const defaults = join(root, 'defaults');

function makeCerts(): { ca: string; cert: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-inject-'));
  const p = (f: string) => join(dir, f);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2'];
  const run = (args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  run(['req', '-x509', ...ec, '-keyout', p('ca.key'), '-out', p('ca.crt'), '-subj', '/CN=e2e-inject-ca']);
  run([
    ...['req', '-x509', ...ec, '-keyout', p('tls.key'), '-out', p('tls.crt'), '-subj', '/CN=127.0.0.1'],
    ...['-CA', p('ca.crt'), '-CAkey', p('ca.key'), '-addext', 'subjectAltName=IP:127.0.0.1'],
    ...['-addext', 'basicConstraints=critical,CA:FALSE', '-addext', 'extendedKeyUsage=serverAuth'],
  ]);
  return {
    ca: readFileSync(p('ca.crt'), 'utf8'),
    cert: readFileSync(p('tls.crt'), 'utf8'),
    key: readFileSync(p('tls.key'), 'utf8'),
  };
}

function params(env: Record<string, string>, revision: string): InjectionParams {
  return {
    config: injectConfigFrom(parseGoYaml(readFileSync(join(defaults, 'inject-config.yaml'), 'utf8'))),
    values: JSON.parse(readFileSync(join(defaults, 'values.json'), 'utf8')),
    mesh: applyMeshConfig(parseGoYaml(readFileSync(join(defaults, 'mesh.yaml'), 'utf8'))),
    revision,
    nativeSidecars: env.ENABLE_NATIVE_SIDECARS === 'true',
    compliancePolicy: '',
    run: templateRunner(env),
    parse: parseGoYaml,
  };
}

interface Case {
  name: string;
  in: string;
  want?: string;
  env: Record<string, string>;
  defaultOnly: boolean;
}

describe('kube-inject through the cluster injection webhook', () => {
  let cluster: Cluster;
  let server: https.Server;
  const rev = uniqueName('e2e-inject');
  const ns = rev;
  const hookName = `${rev}.sidecar-injector.istio.io`;
  let current = params({ ENABLE_NATIVE_SIDECARS: 'true' }, rev);
  let reviews = 0;

  before(async () => {
    const certs = makeCerts();
    server = https.createServer({ cert: certs.cert, key: certs.key }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        reviews++;
        const body = await reviewResponse(Buffer.concat(chunks).toString('utf8'), current);
        res.setHeader('Content-Type', 'application/json');
        res.end(body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    cluster = await adminCluster();
    await cluster.apply(
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'e2e-inject': ns } } },
      { fieldManager: FM },
    );
    await cluster.apply(
      {
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'MutatingWebhookConfiguration',
        metadata: { name: hookName, labels: { 'istio.io/rev': rev } },
        webhooks: [
          {
            name: hookName,
            clientConfig: {
              url: `https://127.0.0.1:${port}/inject`,
              caBundle: Buffer.from(certs.ca).toString('base64'),
            },
            rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] }],
            namespaceSelector: { matchLabels: { 'e2e-inject': ns } },
            admissionReviewVersions: ['v1'],
            sideEffects: 'None',
            failurePolicy: 'Fail',
            timeoutSeconds: 10,
          },
        ],
      } as KubeObject,
      { fieldManager: FM },
    );
  });

  after(async () => {
    await cluster?.delete({
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'MutatingWebhookConfiguration',
      name: hookName,
    });
    await cluster?.delete({ apiVersion: 'v1', kind: 'Namespace', name: ns });
    server?.close();
  });

  it('prints what local rendering prints, for every default case', async () => {
    const cases = (JSON.parse(readFileSync(join(root, 'cases.json'), 'utf8')) as Case[]).filter(
      (c) => c.defaultOnly && c.want,
    );
    const differ: string[] = [];
    for (const c of cases) {
      current = params(c.env, rev);
      const input = join(root, 'cases', c.in);
      const mesh = join(defaults, 'mesh.yaml');
      const local = await runCli(
        [
          'kube-inject',
          '-f',
          input,
          '-r',
          rev,
          '--injectConfigFile',
          join(defaults, 'inject-config.yaml'),
          '--valuesFile',
          join(defaults, 'values.json'),
          '--meshConfigFile',
          mesh,
        ],
        { env: c.env },
      );
      const remote = await runCli(['kube-inject', '-f', input, '-r', rev, '--meshConfigFile', mesh], {
        env: c.env,
        cluster,
      });
      if (remote.code !== local.code || remote.stdout !== local.stdout)
        differ.push(`${c.name}: ${remote.stderr.slice(0, 300)}`);
    }
    assert.deepEqual(differ, []);
    assert.ok(reviews >= cases.length - 5, `only ${reviews} reviews reached the webhook`);
  });

  it('is the webhook the API server calls when a pod is created', async () => {
    current = params({ ENABLE_NATIVE_SIDECARS: 'false' }, rev);
    await cluster.wait(
      { apiVersion: 'v1', kind: 'ServiceAccount', namespace: ns, name: 'default' },
      (o) => !!o,
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    const pod = (name: string): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: ns, labels: { app: 'hello' } },
      spec: { containers: [{ name: 'hello', image: 'example.invalid/hello:1' }] },
    });
    const before = reviews;
    const deadline = Date.now() + 20_000;
    while (reviews === before && Date.now() < deadline) {
      await cluster.create(pod('probe'), { dryRun: true });
      if (reviews === before) await new Promise((r) => setTimeout(r, 250));
    }
    const created = await cluster.create(pod('hello'));
    const spec = created.spec as { containers: { name: string }[]; initContainers?: { name: string }[] };
    assert.deepEqual(
      spec.containers.map((c) => c.name),
      ['hello', 'istio-proxy'],
    );
    assert.deepEqual(
      spec.initContainers?.map((c) => c.name),
      ['istio-init'],
    );
    assert.match(
      created.metadata.annotations?.['sidecar.istio.io/status'] ?? '',
      new RegExp(`"revision":"${rev}"`),
    );
  });
});
