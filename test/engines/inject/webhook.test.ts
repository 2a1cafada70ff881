// Webhook mode against local mode: kube-inject sends each pod through the API server's service
// proxy to our AdmissionReview handler (running our engine), applies the returned JSON patch,
// and must print exactly what local rendering prints.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { RawRequest, RawResponse } from '../../../src/cluster/cluster.js';
import { FakeCluster } from '../../../src/cluster/fake.js';
import type { InjectionParams } from '../../../src/engines/inject/inject.js';
import { injectConfigFrom } from '../../../src/engines/inject/inject-config.js';
import { applyMeshConfig } from '../../../src/engines/inject/mesh-config.js';
import { templateRunner } from '../../../src/engines/inject/template-runner.js';
import { reviewResponse } from '../../../src/engines/inject/webhook-server.js';
import { parseGoYaml } from '../../../src/engines/inject/yaml-parse.js';
import { conformanceRoot, runCli } from '../../support/run-cli.js';

const root = join(conformanceRoot, 'inject');
const defaults = join(root, 'defaults');
const PROXY_PATH = '/api/v1/namespaces/istio-system/services/https:istiod:443/proxy/inject';

class WebhookCluster extends FakeCluster {
  reviews = 0;
  constructor(private readonly params: InjectionParams) {
    super({
      objects: [
        {
          apiVersion: 'admissionregistration.k8s.io/v1',
          kind: 'MutatingWebhookConfiguration',
          metadata: { name: 'istio-sidecar-injector', labels: { 'istio.io/rev': 'default' } },
          webhooks: [
            {
              name: 'rev.namespace.sidecar-injector.istio.io',
              clientConfig: {
                service: { name: 'istiod', namespace: 'istio-system', path: '/inject', port: 443 },
              },
            },
          ],
        } as never,
      ],
    });
  }
  override async request(req: RawRequest): Promise<RawResponse> {
    if (req.method !== 'POST' || req.path !== PROXY_PATH) return super.request(req);
    this.reviews++;
    return { status: 200, body: await reviewResponse(req.body ?? '', this.params) };
  }
}

function serverParams(env: Record<string, string>): InjectionParams {
  const text = readFileSync(join(defaults, 'inject-config.yaml'), 'utf8');
  return {
    config: injectConfigFrom(parseGoYaml(text)),
    values: JSON.parse(readFileSync(join(defaults, 'values.json'), 'utf8')),
    mesh: applyMeshConfig(parseGoYaml(readFileSync(join(defaults, 'mesh.yaml'), 'utf8'))),
    revision: '',
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

describe('kube-inject webhook mode', () => {
  it('gives the same output as local mode for every default case', async () => {
    const cases = (JSON.parse(readFileSync(join(root, 'cases.json'), 'utf8')) as Case[]).filter(
      (c) => c.defaultOnly && c.want,
    );
    const differ: string[] = [];
    let calls = 0;
    for (const c of cases) {
      const input = join(root, 'cases', c.in);
      const mesh = join(defaults, 'mesh.yaml');
      const local = await runCli(
        [
          'kube-inject',
          '-f',
          input,
          '--injectConfigFile',
          join(defaults, 'inject-config.yaml'),
          '--valuesFile',
          join(defaults, 'values.json'),
          '--meshConfigFile',
          mesh,
        ],
        { env: c.env },
      );
      const cluster = new WebhookCluster(serverParams(c.env));
      const remote = await runCli(['kube-inject', '-f', input, '--meshConfigFile', mesh], {
        env: c.env,
        cluster,
      });
      if (remote.code !== local.code || remote.stdout !== local.stdout)
        differ.push(`${c.name}: ${remote.stderr.slice(0, 200)}`);
      calls += cluster.reviews;
    }
    assert.deepEqual(differ, []);
    assert.ok(calls >= cases.length - 5, `only ${calls} webhook calls`);
  });
});
