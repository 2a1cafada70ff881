// istioctl analyze end to end (in-process): formats and exit codes, suppression, listing, the
// cluster input through FakeCluster, and a corpus of bad inputs.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../src/cluster/cluster.js';
import { FakeCluster } from '../../src/cluster/fake.js';
import { runCli } from '../support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'analyze-cmd-'));
const file = (name: string, text: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

const vsBad = file(
  'vs.yaml',
  `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: default
spec:
  hosts: [reviews]
  gateways: [missing-gw]
  http:
  - route:
    - destination:
        host: reviews
`,
);
// A repeated match: an Info message (IST0131) next to a Warning (IST0130), from files alone.
const vsInfo = (name: string, annotations = '') =>
  `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ${name}
  namespace: default
${annotations}spec:
  hosts: [dup.example.com]
  http:
  - match: [{uri: {exact: /a}}]
    route: [{destination: {host: dup.example.com}}]
  - match: [{uri: {exact: /a}}]
    route: [{destination: {host: dup.example.com}}]
`;
const infoFile = file('info.yaml', vsInfo('frod'));
const clean = file(
  'clean.yaml',
  'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: r\n  namespace: default\nspec:\n  host: r\n',
);
const FILES = ['--use-kube=false'];

describe('analyze: formats and exit codes', () => {
  it('log: upstream line shape on stdout, failure lines on stderr, exit 79', async () => {
    const r = await runCli(['analyze', ...FILES, vsBad]);
    assert.equal(r.code, 79);
    assert.match(
      r.stdout,
      /^Error \[IST0101\] \(VirtualService default\/reviews .*vs\.yaml:8\) Referenced gateway not found: "missing-gw"$/m,
    );
    // Upstream names the namespace scope here, not the files.
    assert.match(r.stderr, /^Error: Analyzers found issues when analyzing namespace: default\.$/m);
    assert.match(r.stderr, /reference\/config\/analysis for more information/);
  });

  for (const format of ['json', 'yaml', 'sarif', 'github']) {
    it(`${format}: exits 79 too, and stdout is only the document`, async () => {
      const r = await runCli(['analyze', ...FILES, '-o', format, vsBad]);
      assert.equal(r.code, 79, r.stderr);
      assert.doesNotMatch(r.stdout, /Analyzers found issues/);
      if (format === 'json') assert.ok(Array.isArray(JSON.parse(r.stdout)));
      if (format === 'sarif') assert.equal(JSON.parse(r.stdout).version, '2.1.0');
    });
  }

  it('json: upstream keys, tab indent, documentation URL, file reference', async () => {
    const r = await runCli(['analyze', ...FILES, '-o', 'json', vsBad]);
    const doc = JSON.parse(r.stdout);
    const m = doc.find((x: { code: string }) => x.code === 'IST0101');
    assert.deepEqual(Object.keys(m), ['code', 'documentationUrl', 'level', 'message', 'origin', 'reference']);
    assert.equal(
      m.documentationUrl,
      'https://istio.io/v1.30/docs/reference/config/analysis/ist0101/?ref=istioctl-analyze',
    );
    assert.match(m.reference, /vs\.yaml:8$/);
    assert.match(r.stdout, /^\[\n\t\{/);
  });

  it('clean input: exit 0, success line on stderr, `[]` for json', async () => {
    const log = await runCli(['analyze', ...FILES, clean]);
    assert.equal(log.code, 0, log.stdout + log.stderr);
    assert.match(log.stderr, /✔ No validation issues found when analyzing .*clean\.yaml\./);
    const json = await runCli(['analyze', ...FILES, '-o', 'json', clean]);
    assert.equal(json.stdout, '[]\n');
  });

  it('--failure-threshold and --output-threshold', async () => {
    const info = await runCli(['analyze', ...FILES, '-A', infoFile]);
    assert.equal(info.code, 0);
    assert.match(info.stdout, /^Info \[IST0131\] \(VirtualService default\/frod .*info\.yaml:1\) /m);
    const warn = await runCli(['analyze', ...FILES, '--failure-threshold', 'Warning', infoFile]);
    assert.equal(warn.code, 79);
    const strict = await runCli([
      'analyze',
      ...FILES,
      '-A',
      '--failure-threshold',
      'info',
      '-o',
      'json',
      infoFile,
    ]);
    assert.equal(strict.code, 79);
    const quiet = await runCli(['analyze', ...FILES, '-A', '--output-threshold', 'Warning', infoFile]);
    assert.doesNotMatch(quiet.stdout, /IST0131/);
    assert.match(quiet.stdout, /IST0130/);
  });

  it('bad -o and bad thresholds are usage errors (64)', async () => {
    const r = await runCli(['analyze', ...FILES, '-o', 'xml', clean]);
    assert.equal(r.code, 64);
    assert.match(r.stderr, /xml not a valid option for format/);
    assert.equal((await runCli(['analyze', ...FILES, '--failure-threshold', 'fatal', clean])).code, 64);
  });

  it('sarif: rules for the codes, physical and logical locations', async () => {
    const r = await runCli(['analyze', ...FILES, '-o', 'sarif', vsBad]);
    const run = JSON.parse(r.stdout).runs[0];
    assert.equal(run.tool.driver.name, 'istioctl');
    const ids = run.tool.driver.rules.map((x: { id: string }) => x.id);
    assert.ok(ids.includes('IST0101'));
    const res = run.results.find((x: { ruleId: string }) => x.ruleId === 'IST0101');
    assert.equal(res.level, 'error');
    assert.equal(run.tool.driver.rules[res.ruleIndex].id, 'IST0101');
    assert.match(res.locations[0].physicalLocation.artifactLocation.uri, /vs\.yaml$/);
    assert.equal(res.locations[0].physicalLocation.region.startLine, 8);
    assert.equal(res.locations[0].logicalLocations[0].fullyQualifiedName, 'VirtualService default/reviews');
  });

  it('github: ::error file=…,line=…:: annotations', async () => {
    const r = await runCli(['analyze', ...FILES, '-o', 'github', vsBad]);
    assert.match(
      r.stdout,
      /^::error file=.*vs\.yaml,line=8,title=IST0101 VirtualService default\/reviews::Referenced gateway not found/m,
    );
  });
});

describe('analyze: suppression and listing', () => {
  it('-S code=glob suppresses; unknown codes warn', async () => {
    const r = await runCli([
      'analyze',
      ...FILES,
      '-A',
      '-S',
      'IST0131=VirtualService default/fr*',
      '-S',
      'IST9999=x',
      infoFile,
    ]);
    assert.doesNotMatch(r.stdout, /IST0131/);
    assert.match(r.stdout, /IST0130/);
    assert.match(r.stderr, /Supplied message code 'IST9999' is an unknown message code/);
    const bad = await runCli(['analyze', ...FILES, '-S', 'IST0131', infoFile]);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /is not a valid suppression value/);
  });

  it('the galley.istio.io/analyze-suppress annotation suppresses', async () => {
    const f = file(
      'vs-suppressed.yaml',
      vsInfo('quiet', "  annotations:\n    galley.istio.io/analyze-suppress: 'IST0131,IST0130'\n"),
    );
    const r = await runCli(['analyze', ...FILES, '-A', f]);
    assert.equal(r.stdout, '\n');
    assert.equal(r.code, 0);
  });

  it('-L lists every analyzer, sorted, with descriptions', async () => {
    const r = await runCli(['analyze', '-L']);
    assert.equal(r.code, 0);
    const names = [...r.stdout.matchAll(/^\* (\S+):$/gm)].map((m) => m[1]!);
    assert.equal(names.length, 52);
    assert.deepEqual(names, [...names].sort());
    assert.ok(names.includes('schema.ValidationAnalyzer.VirtualService'));
    assert.ok(!names.includes('annotations.AlphaAnalyzer'));
  });

  it('--analyzer runs only the named analyzers; unknown names are usage errors', async () => {
    const r = await runCli(['analyze', ...FILES, '--analyzer', 'service.PortNameAnalyzer', vsBad]);
    assert.equal(r.code, 0);
    assert.equal((await runCli(['analyze', ...FILES, '--analyzer', 'nope', vsBad])).code, 64);
  });
});

const obj = (
  apiVersion: string,
  kind: string,
  name: string,
  namespace?: string,
  rest: Record<string, unknown> = {},
): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name, ...(namespace ? { namespace } : {}) },
  ...rest,
});

describe('analyze: cluster input (FakeCluster)', () => {
  const seed = () =>
    new FakeCluster({
      objects: [
        obj('v1', 'Namespace', 'default'),
        obj('v1', 'Namespace', 'shop', undefined, {
          metadata: { name: 'shop', labels: { 'istio-injection': 'enabled' } },
        }),
        obj('v1', 'Pod', 'cart-1', 'shop', { spec: { containers: [{ name: 'cart', image: 'cart' }] } }),
        obj('networking.istio.io/v1', 'VirtualService', 'cart', 'shop', {
          spec: { hosts: ['cart'], http: [{ route: [{ destination: { host: 'cart-v3' } }] }] },
        }),
      ],
    });

  it('-A reports codes with cluster origins (no file reference) and exits 79', async () => {
    const cluster = seed();
    const r = await runCli(['analyze', '-k', '-A'], { cluster });
    assert.equal(r.code, 79, r.stderr);
    assert.match(
      r.stdout,
      /^Error \[IST0101\] \(VirtualService shop\/cart\) Referenced host not found: "cart-v3"$/m,
    );
    assert.match(r.stdout, /^Warning \[IST0103\] \(Pod shop\/cart-1\) /m);
  });

  it('lists only the kinds the selected analyzers read, with a page size', async () => {
    const cluster = seed();
    await runCli(['analyze', '-k', '-A', '--analyzer', 'virtualservice.GatewayAnalyzer'], { cluster });
    const listed = cluster.calls
      .filter((c) => c.method === 'list')
      .map((c) => (c.args[0] as { kind: string }).kind);
    assert.deepEqual(listed.sort(), ['Gateway', 'VirtualService']);
    for (const c of cluster.calls.filter((x) => x.method === 'list'))
      assert.ok((c.args[1] as { limit?: number }).limit);
  });

  it('never lists all Secrets or ConfigMaps unless an analyzer needs them', async () => {
    const cluster = seed();
    await runCli(['analyze', '-k', '-A'], { cluster });
    for (const c of cluster.calls.filter((x) => x.method === 'list')) {
      const [type, opts] = c.args as [{ kind: string }, { namespace?: string; labelSelector?: string }];
      if (type.kind === 'ConfigMap') assert.equal(opts.namespace, 'istio-system');
    }
    const meshOnly = seed();
    await runCli(['analyze', '-k', '-A', '--analyzer', 'meshnetworks.MeshNetworksAnalyzer'], {
      cluster: meshOnly,
    });
    const secretList = meshOnly.calls.find(
      (c) => c.method === 'list' && (c.args[0] as { kind: string }).kind === 'Secret',
    );
    assert.equal(
      (secretList!.args[1] as { labelSelector?: string }).labelSelector,
      'istio/multiCluster=true',
    );
  });

  it('a missing namespace is reported and exits 0, as upstream', async () => {
    const r = await runCli(['analyze', '-k', '-n', 'nowhere'], { cluster: seed() });
    assert.equal(r.code, 0);
    assert.match(r.stderr, /namespace "nowhere" not found/);
  });

  it('-n filters messages to the namespace; files layer over the cluster', async () => {
    const r = await runCli(['analyze', '-k', '-n', 'default', vsBad], { cluster: seed() });
    assert.doesNotMatch(r.stdout, /shop\/cart/);
    assert.match(r.stdout, /VirtualService default\/reviews .*vs\.yaml:8/);
  });
});

describe('analyze: bad inputs', () => {
  it('invalid YAML: exit 65 with file:line:col, no stack', async () => {
    const f = file('broken.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: [oops\n');
    const r = await runCli(['analyze', ...FILES, f]);
    assert.equal(r.code, 65);
    assert.match(r.stderr, /Error\(s\) adding files: .*broken\.yaml:\d+:\d+: /);
    assert.match(r.stderr, /Some files couldn't be parsed/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });

  it('an alias bomb is refused, not expanded', async () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++)
      lines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    const r = await runCli(['analyze', ...FILES, file('bomb.yaml', `${lines.join('\n')}\n`)]);
    assert.equal(r.code, 65);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });

  it('binary data: exit 65 with a clear message', async () => {
    const r = await runCli(['analyze', ...FILES, file('bin.yaml', Buffer.from([0, 1, 2, 255, 0, 10]))]);
    assert.equal(r.code, 65);
    assert.match(r.stderr, /bin\.yaml: binary data is not YAML/);
  });

  it('unknown kinds are noted on stderr and skipped (exit 0)', async () => {
    const r = await runCli([
      'analyze',
      ...FILES,
      file('crd.yaml', 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n'),
    ]);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /crd\.yaml:1: unknown kind Widget \(example\.com\/v1\); not analyzed/);
  });

  it('a known kind at a bad apiVersion: exit 65 naming the versions', async () => {
    const r = await runCli([
      'analyze',
      ...FILES,
      file('badver.yaml', 'apiVersion: networking.istio.io/v9\nkind: VirtualService\nmetadata:\n  name: v\n'),
    ]);
    assert.equal(r.code, 65);
    assert.match(
      r.stderr,
      /badver\.yaml:1: VirtualService is not served at apiVersion networking\.istio\.io\/v9/,
    );
  });

  it('--ignore-unknown turns unparseable input into exit 0', async () => {
    const r = await runCli(['analyze', ...FILES, '--ignore-unknown', file('broken2.yaml', 'a: [\n')]);
    assert.equal(r.code, 0);
  });

  it('a 50 MB file is analyzed', { timeout: 120_000 }, async () => {
    const doc = (i: number) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\n  namespace: default\ndata:\n  k: "${'x'.repeat(4000)}"\n---\n`;
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 50 * 1024 * 1024; i++) {
      const d = doc(i);
      parts.push(d);
      size += d.length;
    }
    const r = await runCli(['analyze', ...FILES, file('big.yaml', parts.join(''))]);
    assert.equal(r.code, 0, r.stderr.slice(0, 500));
  });

  it('pathological nesting: exit 65 with a clear message, no crash', async () => {
    const deep = file('deep.yaml', `a: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`);
    const r = await runCli(['analyze', ...FILES, deep]);
    assert.equal(r.code, 65);
    assert.match(r.stderr, /deep\.yaml:1(:\d+)?: document nests too deeply to read/);
  });

  it('a document that is not an object: exit 65 naming the file and line', async () => {
    const r = await runCli(['analyze', ...FILES, file('list.yaml', 'apiVersion: v1\n---\n- a\n- b\n')]);
    assert.equal(r.code, 65);
    assert.match(r.stderr, /list\.yaml:3: document is not a Kubernetes object/);
  });

  it('a broken document does not hide findings in the other documents of its file', async () => {
    const text = `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: [oops\n---\n${readFileSync(vsBad, 'utf8')}`;
    const r = await runCli(['analyze', ...FILES, file('two.yaml', text)]);
    assert.equal(r.code, 79);
    assert.match(r.stdout, /^Error \[IST0101\] \(VirtualService default\/reviews .*two\.yaml:13\) /m);
    assert.match(r.stderr, /two\.yaml:4:\d+: /);
  });

  it('documents of kinds no analyzer reads are still checked for syntax', async () => {
    const pods =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: ok\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: "oops\n';
    const r = await runCli(['analyze', ...FILES, file('pods.yaml', pods)]);
    assert.equal(r.code, 65);
    assert.match(r.stderr, /pods\.yaml:9(:\d+)?: /);
  });

  it('- reads stdin, named "-" in references as upstream', async () => {
    const r = await runCli(['analyze', ...FILES, '-'], { stdin: readFileSync(vsBad, 'utf8') });
    assert.equal(r.code, 79);
    assert.match(r.stdout, /^Error \[IST0101\] \(VirtualService default\/reviews -:8\) /m);
  });

  it('-R is accepted silently; directories are read recursively anyway', async () => {
    const sub = join(dir, 'tree', 'a', 'b');
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, 'vs.yaml'), readFileSync(vsBad, 'utf8'));
    writeFileSync(join(dir, 'tree', 'notes.txt'), 'not yaml');
    for (const flags of [['-R'], []]) {
      const r = await runCli(['analyze', ...FILES, ...flags, join(dir, 'tree')]);
      assert.equal(r.code, 79);
      assert.match(r.stdout, /VirtualService default\/reviews .*vs\.yaml:8/);
      assert.doesNotMatch(r.stderr, /recursive/i);
    }
  });

  it('a missing path is an error (exit 1) with a one-line message', async () => {
    const r = await runCli(['analyze', ...FILES, join(dir, 'nope.yaml')]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no such file or directory/);
  });
});

describe('analyze: files-only mode as upstream runs it', () => {
  it('skips analyzers reading runtime kinds, so a lone DestinationRule or route host is not reported', async () => {
    const r = await runCli(['analyze', ...FILES, clean, vsBad]);
    assert.doesNotMatch(r.stdout, /IST0174|Referenced host not found/);
  });

  it('-v lists skipped analyzers (derived from their inputs) and every selected one as executed', async () => {
    const r = await runCli(['analyze', ...FILES, '-v', clean]);
    const text = r.stderr;
    assert.match(
      text,
      /^Analyzed resources in namespace: default\nSkipped analyzers:\n\t annotations\.K8sAnalyzer\n/m,
    );
    const section = (title: string) =>
      (text.split(`${title}:\n`)[1] ?? '')
        .split(/\n(?!\t)/)[0]!
        .split('\n')
        .map((l) => l.replace(/^\t /, ''));
    const skipped = section('Skipped analyzers');
    const executed = section('Executed analyzers');
    for (const name of [
      'service.PortNameAnalyzer',
      'virtualservice.DestinationHostAnalyzer',
      'injection.Analyzer',
    ])
      assert.ok(skipped.includes(name), name);
    assert.ok(!skipped.includes('virtualservice.GatewayAnalyzer'));
    assert.ok(skipped.every((s) => executed.includes(s)));
    assert.ok(executed.includes('schema.ValidationAnalyzer.VirtualService'));
    // upstream's registration order, not sorted: annotations first, schema validators last
    assert.equal(executed[0], 'annotations.K8sAnalyzer');
    assert.equal(executed.at(-1), 'schema.ValidationAnalyzer.MeshConfig');
  });

  it('a cluster run skips nothing', async () => {
    const r = await runCli(['analyze', '-k', '-A', '-v'], {
      cluster: new FakeCluster({ objects: [obj('v1', 'Namespace', 'default')] }),
    });
    assert.doesNotMatch(r.stderr, /Skipped analyzers/);
  });

  it('the origin line is the offending field, or the document line where upstream has none', async () => {
    const f = file(
      'fields.yaml',
      `# leading comment

---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: a
  namespace: default
spec:
  hosts: [a.example.com]
  gateways:
  - mesh
  - nowhere
  http:
  - route:
    - destination:
        host: a.example.com
        subset: v9
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: tls
  namespace: default
spec:
  host: a.example.com
  trafficPolicy:
    tls:
      mode: SIMPLE
`,
    );
    const r = await runCli(['analyze', ...FILES, '-o', 'json', f]);
    const refs = JSON.parse(r.stdout).map((m: { code: string; message: string; reference: string }) => [
      m.code,
      m.reference.replace(/^.*fields\.yaml/, ''),
    ]);
    assert.deepEqual(refs.sort(), [
      ['IST0101', ':13'], // gateways[1]
      ['IST0101', ':17'], // http[0].route[0].destination.host
      ['IST0128', ':20'], // caCertificates is missing: the document's line
      ['IST0132', ':13'],
    ]);
  });
});
