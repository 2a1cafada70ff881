// Proof that admission webhooks work on the local cluster: a MutatingWebhookConfiguration whose clientConfig is
// a `url` on 127.0.0.1 (an HTTPS server this test starts) is called for a pod create, and its patch is applied.
// The kube-inject webhook tests rely on exactly this path.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Cluster, KubeObject } from '../../src/cluster/cluster.js';
import { adminCluster, uniqueName } from './support/cluster.js';

const FM = 'istioctl-ts';

/** A throwaway CA and a 127.0.0.1 serving cert for the webhook server. */
function makeCerts(): { ca: string; cert: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-webhook-'));
  const p = (f: string) => join(dir, f);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2'];
  const run = (args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  run(['req', '-x509', ...ec, '-keyout', p('ca.key'), '-out', p('ca.crt'), '-subj', '/CN=e2e-webhook-ca']);
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

interface AdmissionReview {
  request: { uid: string; operation: string; kind: { kind: string }; namespace?: string; dryRun?: boolean };
}

describe('mutating admission webhook reached by url', () => {
  let cluster: Cluster;
  let server: https.Server;
  const calls: AdmissionReview['request'][] = [];
  const ns = uniqueName('e2e-webhook');
  const hookName = `${ns}.e2e.istioctl-ts.io`;

  before(async () => {
    const certs = makeCerts();
    server = https.createServer({ cert: certs.cert, key: certs.key }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const review = JSON.parse(Buffer.concat(chunks).toString('utf8')) as AdmissionReview;
        calls.push(review.request);
        const patch = [{ op: 'add', path: '/metadata/labels/e2e-mutated', value: 'by-webhook' }];
        res.setHeader('Content-Type', 'application/json');
        res.end(
          JSON.stringify({
            apiVersion: 'admission.k8s.io/v1',
            kind: 'AdmissionReview',
            response: {
              uid: review.request.uid,
              allowed: true,
              patchType: 'JSONPatch',
              patch: Buffer.from(JSON.stringify(patch)).toString('base64'),
            },
          }),
        );
      });
    });
    await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
    const port = (server.address() as AddressInfo).port;
    cluster = await adminCluster();
    await cluster.apply(
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'e2e-webhook': ns } } },
      { fieldManager: FM },
    );
    await cluster.apply(
      {
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'MutatingWebhookConfiguration',
        metadata: { name: hookName },
        webhooks: [
          {
            name: hookName,
            clientConfig: {
              url: `https://127.0.0.1:${port}/mutate`,
              caBundle: Buffer.from(certs.ca).toString('base64'),
            },
            rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] }],
            // Only this test's namespace: other e2e tests share the cluster.
            namespaceSelector: { matchLabels: { 'e2e-webhook': ns } },
            admissionReviewVersions: ['v1'],
            sideEffects: 'None',
            failurePolicy: 'Fail',
            timeoutSeconds: 5,
          },
        ],
      },
      { fieldManager: FM },
    );
    await cluster.wait(
      { apiVersion: 'v1', kind: 'ServiceAccount', namespace: ns, name: 'default' },
      (o) => !!o,
      {
        timeoutMs: 30_000,
        intervalMs: 200,
      },
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

  it('is called for a pod create and its JSON patch lands on the stored pod', async () => {
    const pod = (name: string): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: ns, labels: { app: 'hooked' } },
      spec: { containers: [{ name: 'c', image: 'example.invalid/c:1' }] },
    });
    // The API server picks up a new webhook configuration asynchronously: dry runs (which do call webhooks with
    // sideEffects None) show when it is live, without storing anything.
    const deadline = Date.now() + 20_000;
    while (calls.length === 0 && Date.now() < deadline) {
      await cluster.create(pod('probe'), { dryRun: true });
      if (calls.length === 0) await new Promise((r) => setTimeout(r, 250));
    }
    assert.ok(calls.length > 0, 'the webhook was never called');
    assert.equal(calls[0]!.dryRun, true);
    const before = calls.length;
    const created = await cluster.create(pod('real'));
    assert.equal(created.metadata.labels?.['e2e-mutated'], 'by-webhook');
    assert.equal(created.metadata.labels?.app, 'hooked');
    const call = calls.slice(before).find((c) => !c.dryRun);
    assert.ok(call, 'the webhook saw the real create');
    assert.equal(call.operation, 'CREATE');
    assert.equal(call.kind.kind, 'Pod');
    assert.equal(call.namespace, ns);
    const stored = await cluster.get({ apiVersion: 'v1', kind: 'Pod', namespace: ns, name: 'real' });
    assert.equal(stored?.metadata.labels?.['e2e-mutated'], 'by-webhook');
    assert.equal(
      await cluster.get({ apiVersion: 'v1', kind: 'Pod', namespace: ns, name: 'probe' }),
      undefined,
    );
  });
});
