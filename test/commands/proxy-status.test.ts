import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { KubeObject, PortForward } from '../../src/cluster/cluster.js';
import { FakeCluster } from '../../src/cluster/fake.js';
import { type AdsServer, startAdsServer } from '../engines/proxy/ads-server.js';
import { conformanceRoot, runCli } from '../support/run-cli.js';

const root = join(conformanceRoot, 'proxy-status');
type Json = Record<string, unknown>;

interface Case {
  name: string;
  kind: string;
  input?: string;
  options?: { output: string; verbosity: number; namespace: string };
  cli: string[];
  want?: string;
  fakeCluster?: {
    istioNamespace: string;
    istiodPod: { name: string; namespace: string; labels: Record<string, string>; phase: string } | null;
  };
  expectOutput?: string | null;
  expectError?: boolean;
}

const cases = JSON.parse(readFileSync(join(root, 'cases.json'), 'utf8')) as Case[];
const inputs = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8')) as Record<string, Json>;

/** A fake cluster whose istiod pods port-forward to local ADS servers. */
class IstiodCluster extends FakeCluster {
  constructor(
    objects: KubeObject[],
    private readonly servers: Map<string, AdsServer>,
  ) {
    super({ objects });
  }

  override async portForward(namespace: string, pod: string, port: number): Promise<PortForward> {
    this.calls.push({ method: 'portForward', args: [namespace, pod, port] });
    const s = this.servers.get(pod);
    if (!s) throw new Error(`no forward for ${pod}`);
    return {
      localAddress: s.address,
      request: async () => ({ status: 404, body: '' }),
      close: async () => {},
    };
  }

  override async create(obj: KubeObject): Promise<KubeObject> {
    this.calls.push({ method: 'create', args: [obj] });
    return { ...obj, status: { token: 'test-token' } };
  }
}

function istiodPod(name: string, labels: Record<string, string>, phase = 'Running'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'istio-system', labels },
    status: { phase },
  };
}

function selfSignedTLS(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'istiod-tls-'));
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'].concat([
      '-keyout',
      join(dir, 'k.pem'),
      '-out',
      join(dir, 'c.pem'),
      '-days',
      '1',
      '-subj',
      '/CN=istiod',
    ]),
    { stdio: 'ignore' },
  );
  return { key: readFileSync(join(dir, 'k.pem')), cert: readFileSync(join(dir, 'c.pem')) };
}

function cliArgs(c: Case): string[] {
  const args = [...c.cli];
  if (c.options?.namespace && !args.includes('-n')) args.push('-n', c.options.namespace);
  return args;
}

describe('proxy-status golden cases over a real ADS stream', () => {
  for (const c of cases.filter((x) => x.kind === 'golden')) {
    const responses = inputs(c.input!);
    const single = Object.keys(responses).length === 1;
    it(`${c.name}${single ? ' (--xds-address, plaintext)' : ' (one port-forward per istiod)'}`, async () => {
      const servers = new Map<string, AdsServer>();
      for (const [pod, resp] of Object.entries(responses)) servers.set(pod, await startAdsServer(resp));
      try {
        let res: Awaited<ReturnType<typeof runCli>>;
        if (single) {
          const address = [...servers.values()][0]!.address;
          res = await runCli([...cliArgs(c), '--xds-address', address, '--plaintext', '--timeout', '5s']);
        } else {
          const pods = [...servers.keys()].map((p) =>
            istiodPod(p, { app: 'istiod', 'istio.io/rev': 'default' }),
          );
          res = await runCli([...cliArgs(c), '--plaintext'], { cluster: new IstiodCluster(pods, servers) });
        }
        assert.equal(res.stderr, '');
        assert.equal(res.code, 0);
        assert.equal(res.stdout, readFileSync(join(root, c.want!), 'utf8'));
        for (const s of servers.values()) {
          assert.equal(s.requests.length, 1);
          assert.equal(s.requests[0]!.typeUrl, 'istio.io/debug/syncz');
          assert.deepEqual(s.tokens, []);
        }
      } finally {
        for (const s of servers.values()) await s.close();
      }
    });
  }
});

describe('proxy-status against a fake cluster (TLS + ServiceAccount token through the port-forward)', () => {
  let tls: { key: Buffer; cert: Buffer };
  before(() => {
    tls = selfSignedTLS();
  });

  for (const c of cases.filter((x) => x.kind === 'cli-fake-cluster')) {
    it(c.name, async () => {
      const fc = c.fakeCluster!;
      const servers = new Map<string, AdsServer>();
      const objects: KubeObject[] = [];
      if (fc.istiodPod) {
        objects.push(istiodPod(fc.istiodPod.name, fc.istiodPod.labels, fc.istiodPod.phase));
        servers.set(fc.istiodPod.name, await startAdsServer({}, tls));
      }
      try {
        const res = await runCli(c.cli, { cluster: new IstiodCluster(objects, servers) });
        const all = res.stdout + res.stderr;
        if (c.expectOutput !== null && c.expectOutput !== undefined) assert.equal(all, c.expectOutput);
        assert.equal(res.code !== 0, c.expectError === true, all);
        for (const s of servers.values()) for (const t of s.tokens) assert.equal(t, 'Bearer test-token');
      } finally {
        for (const s of servers.values()) await s.close();
      }
    });
  }
});

describe('proxy-status failures', () => {
  let silent: AdsServer;
  before(async () => {
    silent = await startAdsServer({}, undefined, { silent: true });
  });
  after(async () => {
    await silent.close();
  });

  it('an istiod that never answers fails within --timeout, not 30s', async () => {
    const start = Date.now();
    const res = await runCli([
      'proxy-status',
      '--xds-address',
      silent.address,
      '--plaintext',
      '--timeout',
      '300ms',
    ]);
    assert.equal(res.code, 1);
    assert.match(res.stderr, /no xDS response from 127\.0\.0\.1:\d+ within 0.3s/);
    assert.ok(Date.now() - start < 5000);
  });

  it('an unreachable address fails within --timeout', async () => {
    const start = Date.now();
    const res = await runCli([
      'proxy-status',
      '--xds-address',
      '127.0.0.1:1',
      '--plaintext',
      '--timeout',
      '500ms',
    ]);
    assert.equal(res.code, 1);
    assert.match(res.stderr, /127\.0\.0\.1:1/);
    assert.ok(Date.now() - start < 5000);
  });

  it('only running istiod pods of the revision are asked', async () => {
    const a = await startAdsServer(inputs('inputs/single-pilot-one-proxy.json').istiod1!);
    const b = await startAdsServer({});
    try {
      const pods = [
        istiodPod('istiod-a', { app: 'istiod', 'istio.io/rev': 'default' }),
        istiodPod('istiod-b', { app: 'istiod', 'istio.io/rev': 'default' }, 'Pending'),
      ];
      const cluster = new IstiodCluster(
        pods,
        new Map([
          ['istiod-a', a],
          ['istiod-b', b],
        ]),
      );
      const res = await runCli(['ps', '--plaintext'], { cluster });
      assert.equal(res.code, 0, res.stderr);
      assert.match(res.stdout, /proxy1\s+cluster1\s+istiod1/);
      assert.equal(b.requests.length, 0);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
