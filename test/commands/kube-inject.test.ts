import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse, stringify } from 'yaml';
import { conformanceRoot, runCli } from '../support/run-cli.js';

const root = join(conformanceRoot, 'inject');
const defaults = join(root, 'defaults');

interface Case {
  name: string;
  inFilePath?: string;
  in: string;
  want?: string;
  env: Record<string, string>;
  defaultOnly: boolean;
  settings: string;
  valuesPatch?: Record<string, unknown>;
  meshOverlay?: Record<string, unknown>;
  expectError?: string;
  expectLog?: string;
  skipKubeInject?: boolean;
}

const cases = JSON.parse(readFileSync(join(root, 'cases.json'), 'utf8')) as Case[];
const tmp = mkdtempSync(join(tmpdir(), 'kube-inject-'));

function patchedValues(patch: Record<string, unknown>): string {
  const values = JSON.parse(readFileSync(join(defaults, 'values.json'), 'utf8'));
  for (const [path, v] of Object.entries(patch)) {
    const keys = path.split('.');
    let cur = values;
    for (const k of keys.slice(0, -1)) cur = cur[k] ??= {};
    cur[keys[keys.length - 1]!] = v;
  }
  const f = join(tmp, `values-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(f, JSON.stringify(values));
  return f;
}

/** Istio's mesh merge: top-level fields replace, defaultConfig merges, extensionProviders add by name. */
function overlaidMesh(overlay: Record<string, unknown>): string {
  const mesh = parse(readFileSync(join(defaults, 'mesh.yaml'), 'utf8'));
  for (const [k, v] of Object.entries(overlay)) {
    if (k === 'defaultConfig') mesh.defaultConfig = { ...mesh.defaultConfig, ...(v as object) };
    else if (k === 'extensionProviders') {
      const list = [...(mesh.extensionProviders ?? [])] as { name: string }[];
      for (const p of v as { name: string }[]) {
        const i = list.findIndex((x) => x.name === p.name);
        if (i >= 0) list[i] = p;
        else list.push(p);
      }
      mesh.extensionProviders = list;
    } else mesh[k] = v;
  }
  const f = join(tmp, `mesh-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(f, stringify(mesh));
  return f;
}

/** kube-inject with the conformance default settings files. */
function withDefaults(...args: string[]): string[] {
  return [
    'kube-inject',
    ...args,
    '--injectConfigFile',
    join(defaults, 'inject-config.yaml'),
    '--valuesFile',
    join(defaults, 'values.json'),
    '--meshConfigFile',
    join(defaults, 'mesh.yaml'),
  ];
}

async function runCase(c: Case) {
  const values = c.valuesPatch ? patchedValues(c.valuesPatch) : join(defaults, 'values.json');
  const mesh = c.meshOverlay ? overlaidMesh(c.meshOverlay) : join(defaults, 'mesh.yaml');
  return runCli(
    [
      'kube-inject',
      '-f',
      join(root, 'cases', c.in),
      '--injectConfigFile',
      join(defaults, 'inject-config.yaml'),
      '--valuesFile',
      values,
      '--meshConfigFile',
      mesh,
    ],
    { env: c.env },
  );
}

async function group(filter: (c: Case) => boolean): Promise<{ passed: number; failed: string[] }> {
  let passed = 0;
  const failed: string[] = [];
  for (const c of cases.filter(filter)) {
    const r = await runCase(c);
    if (c.expectError) {
      if (r.code !== 0 && r.stderr.toLowerCase().includes(c.expectError) && r.stdout === '') passed++;
      else
        failed.push(
          `${c.name}: expected error "${c.expectError}", got code ${r.code}: ${r.stderr.slice(0, 200)}`,
        );
      continue;
    }
    const want = readFileSync(join(root, 'cases', c.want!), 'utf8');
    const logOk = !c.expectLog || r.stderr.includes(c.expectLog);
    if (r.code === 0 && r.stdout === want && logOk) passed++;
    else failed.push(`${c.name}: code ${r.code} ${r.stderr.slice(0, 300)}${firstDiff(r.stdout, want)}`);
  }
  return { passed, failed };
}

function firstDiff(got: string, want: string): string {
  const a = got.split('\n');
  const b = want.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return ` line ${i + 1}: got ${JSON.stringify(a[i])} want ${JSON.stringify(b[i])}`;
  }
  return '';
}

describe('kube-inject conformance (istio 1.30.3 TestInjection corpus)', () => {
  it('default cases are byte-identical, error cases fail with the message', async (t) => {
    const r = await group((c) => c.defaultOnly);
    t.diagnostic(`defaultOnly: ${r.passed}/${r.passed + r.failed.length} pass`);
    assert.deepEqual(r.failed, []);
  });
  it('valuesPatch cases are byte-identical', async (t) => {
    const r = await group((c) => !!c.valuesPatch && !c.skipKubeInject);
    t.diagnostic(`valuesPatch: ${r.passed}/${r.passed + r.failed.length} pass`);
    assert.deepEqual(r.failed, []);
  });
  it('meshOverlay cases are byte-identical', async (t) => {
    const r = await group((c) => !!c.meshOverlay);
    t.diagnostic(`meshOverlay: ${r.passed}/${r.passed + r.failed.length} pass`);
    assert.deepEqual(r.failed, []);
  });
});

describe('kube-inject with settings rendered from our charts (inFilePath cases)', () => {
  it('matches upstream for every IstioOperator case whose templates our chart ships', async (t) => {
    const { parseAllDocuments } = await import('yaml');
    const differ: string[] = [];
    const missingTemplate: string[] = [];
    let passed = 0;
    for (const c of cases.filter((x) => x.settings === 'inFilePath') as (Case & { inFilePath: string })[]) {
      // As upstream's test: profile empty + pilot, the default profile's test hub and tag, the IOP file.
      const mg = await runCli([
        'manifest',
        'generate',
        ...['--set', 'profile=empty', '--set', 'components.pilot.enabled=true'],
        ...[
          '--set',
          'hub=registry.istio.io/testing',
          '--set',
          'tag=latest',
          '-f',
          join(root, 'cases', c.inFilePath),
        ],
      ]);
      assert.equal(mg.code, 0, `${c.name}: ${mg.stderr}`);
      const docs = parseAllDocuments(mg.stdout).map((d) => d.toJS()) as {
        kind?: string;
        metadata?: { name?: string };
        data?: Record<string, string>;
      }[];
      const cm = (name: string) =>
        docs.find((d) => d?.kind === 'ConfigMap' && d.metadata?.name === name)?.data ?? {};
      const dir = mkdtempSync(join(tmp, 'chart-'));
      writeFileSync(join(dir, 'config.yaml'), cm('istio-sidecar-injector').config ?? '');
      writeFileSync(join(dir, 'values.json'), cm('istio-sidecar-injector').values ?? '');
      writeFileSync(join(dir, 'mesh.yaml'), cm('istio').mesh ?? '');
      const r = await runCli(
        [
          'kube-inject',
          '-f',
          join(root, 'cases', c.in),
          '--injectConfigFile',
          join(dir, 'config.yaml'),
          '--valuesFile',
          join(dir, 'values.json'),
          '--meshConfigFile',
          join(dir, 'mesh.yaml'),
        ],
        { env: c.env },
      );
      const want = readFileSync(join(root, 'cases', c.want!), 'utf8');
      if (r.code === 0 && r.stdout === want) passed++;
      else if (/requested template "[^"]+" not found/.test(r.stderr)) missingTemplate.push(c.name);
      else differ.push(`${c.name}: ${r.stderr.slice(0, 200)}${firstDiff(r.stdout, want)}`);
    }
    t.diagnostic(
      `inFilePath: ${passed}/${passed + differ.length + missingTemplate.length} pass; templates missing: ${missingTemplate.join(', ') || 'none'}`,
    );
    assert.deepEqual(differ, []);
    assert.ok(passed >= 11, `passed ${passed}; templates not shipped yet: ${missingTemplate.join(', ')}`);
  });
});

interface CliCase {
  name: string;
  cli: string[];
  want?: string;
  expectError: boolean;
  expectRegexp?: string;
}

describe('kube-inject command (istioctl TestKubeInject)', () => {
  const cli = JSON.parse(readFileSync(join(root, 'cli', 'cases.json'), 'utf8')) as CliCase[];
  for (const c of cli) {
    it(c.name, async () => {
      const r = await runCli(c.cli, { cwd: join(root, 'cli') });
      if (c.expectError) {
        assert.notEqual(r.code, 0);
        assert.match(r.stdout + r.stderr, new RegExp(c.expectRegexp!));
        assert.equal(r.stdout, '');
      } else {
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stdout + r.stderr, readFileSync(join(root, 'cli', c.want!), 'utf8'));
      }
    });
  }
});

describe('kube-inject input handling', () => {
  it('reports unparseable YAML with file:line:col, exit 65, nothing on stdout', async () => {
    const f = join(tmp, 'bad.yaml');
    writeFileSync(f, 'apiVersion: v1\nkind: Service\nmetadata:\n  name: ok\n---\nkind: Pod\nmetadata: [\n');
    const r = await runCli(withDefaults('-f', f));
    assert.equal(r.code, 65);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, new RegExp(`${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:[78]:\\d+: `));
  });

  it('names an unknown template clearly and prints nothing', async () => {
    const f = join(tmp, 'unknown-template.yaml');
    writeFileSync(
      f,
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: first\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    inject.istio.io/templates: nope\nspec:\n  containers:\n  - name: c\n    image: x\n',
    );
    const r = await runCli(withDefaults('-f', f));
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /requested template "nope" not found; have .*sidecar/);
  });

  it('writes -o atomically and only on success', async () => {
    const out = join(tmp, 'out.yaml');
    writeFileSync(out, 'previous\n');
    const args = (input: string) => withDefaults('-f', input, '-o', out);
    const bad = join(tmp, 'bad-annotation.yaml');
    writeFileSync(bad, readFileSync(join(root, 'cases', 'traffic-annotations-bad-includeipranges.yaml')));
    const r1 = await runCli(args(bad));
    assert.notEqual(r1.code, 0);
    assert.equal(readFileSync(out, 'utf8'), 'previous\n');
    const r2 = await runCli(args(join(root, 'cases', 'hello.yaml')), {
      env: { ENABLE_NATIVE_SIDECARS: 'true' },
    });
    assert.equal(r2.code, 0, r2.stderr);
    assert.equal(r2.stdout, '');
    assert.equal(readFileSync(out, 'utf8'), readFileSync(join(root, 'cases', 'hello.yaml.injected'), 'utf8'));
  });
});

describe('kube-inject bad input: one line, the right exit code, nothing printed or written', () => {
  const file = (name: string, text: string) => {
    const f = join(tmp, name);
    writeFileSync(f, text);
    return f;
  };
  const pod =
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: x\n';
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  /** Runs with -o over an existing file and to stdout; both must fail the same way and leave nothing. */
  async function fails(args: string[], code: number, message: RegExp) {
    const out = join(tmp, `keep-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(out, 'previous\n');
    for (const extra of [[], ['-o', out]]) {
      const r = await runCli([...args, ...extra]);
      assert.equal(r.code, code, r.stderr);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trimEnd().split('\n').length, 1, `one line: ${r.stderr}`);
    }
    assert.equal(readFileSync(out, 'utf8'), 'previous\n');
  }

  it('a document of the wrong shape names its first line, with the decoder message upstream prints', async () => {
    const f = file(
      'bad-port.yaml',
      `${pod}---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        ports:\n        - containerPort: http\n`,
    );
    await fails(
      withDefaults('-f', f),
      65,
      new RegExp(
        `^Error: ${esc(f)}:10: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go struct field ContainerPort\\.spec\\.template\\.spec\\.containers\\.ports\\.containerPort of type int32\n$`,
      ),
    );
    const g = file('bad-meta.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: [a]\n');
    await fails(withDefaults('-f', g), 65, /Go struct field Pod\.metadata of type v1\.ObjectMeta$/m);
    const h = file(
      'bad-list.yaml',
      `apiVersion: v1\nkind: Service\n---\n${pod}---\nkind: List\nitems:\n- 5\n`,
    );
    await fails(
      withDefaults('-f', h),
      65,
      new RegExp(`${esc(h)}:13: .*cannot unmarshal number into Go value of type v1\\.TypeMeta$`, 'm'),
    );
  });

  it('a scalar or sequence document is not an object', async () => {
    for (const [text, what] of [
      ['just text\n', 'string'],
      ['- a\n- b\n', 'array'],
      ['42\n', 'number'],
    ]) {
      const f = file(`scalar-${what}.yaml`, `${pod}---\n${text}`);
      await fails(
        withDefaults('-f', f),
        65,
        new RegExp(`${esc(f)}:10: .*cannot unmarshal ${what} into Go value of type v1\\.TypeMeta$`, 'm'),
      );
    }
  });

  it('a ReplicationController without a template is an error, as upstream', async () => {
    const f = file(
      'rc.yaml',
      'apiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: r\nspec: {}\n',
    );
    await fails(withDefaults('-f', f), 1, /^Error: spec\.template is required value$/m);
  });

  it('unparseable --valuesFile and --meshConfigFile name their own file, line and column', async () => {
    const values = file('bad-values.json', '{"global": [}');
    const mesh = file('bad-mesh.yaml', 'defaultConfig: [\n');
    const input = join(root, 'cases', 'hello.yaml');
    const args = (v: string, m: string) => [
      ...['kube-inject', '-f', input, '--injectConfigFile', join(defaults, 'inject-config.yaml')],
      ...['--valuesFile', v, '--meshConfigFile', m],
    ];
    await fails(
      args(values, join(defaults, 'mesh.yaml')),
      65,
      new RegExp(`^Error: ${esc(values)}:1:\\d+: could not parse configuration values: `),
    );
    await fails(
      args(join(defaults, 'values.json'), mesh),
      65,
      new RegExp(`^Error: ${esc(mesh)}:\\d+:\\d+: failed to read mesh config: `),
    );
  });

  it('a template that does not parse fails at load, even with nothing to inject', async () => {
    const cfg = file('bad-template.yaml', 'templates:\n  sidecar: |\n    {{ .Values\n');
    const services = file('services.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n');
    await fails(
      [
        ...['kube-inject', '-f', services, '--injectConfigFile', cfg],
        ...['--valuesFile', join(defaults, 'values.json'), '--meshConfigFile', join(defaults, 'mesh.yaml')],
      ],
      1,
      /^Error: loading --injectConfigFile: template sidecar: template: inject:\d+: /,
    );
  });

  it('an --operatorFileName document without a kind is refused as upstream refuses it', async () => {
    const op = file('no-kind.yaml', 'spec:\n  values: {b: "<x>", a: 1}\n');
    await fails(
      [
        'kube-inject',
        '-f',
        join(root, 'cases', 'hello.yaml'),
        '--injectConfigFile',
        join(defaults, 'inject-config.yaml'),
        '--operatorFileName',
        op,
      ],
      1,
      /^Error: unable to parse file: error unmarshaling JSON: while decoding JSON: Object 'Kind' is missing in '\{"spec":\{"values":\{"a":1,"b":"\\u003cx\\u003e"\}\}\}'$/m,
    );
  });

  it('an -o path that cannot be created is named as given', async () => {
    const r = await runCli(
      withDefaults('-f', join(root, 'cases', 'hello.yaml'), '-o', join(tmp, 'no', 'dir.yaml')),
    );
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `Error: open ${join(tmp, 'no', 'dir.yaml')}: no such file or directory\n`);
  });
});

describe('kube-inject decoding as upstream', () => {
  const injected = async (text: string) => {
    const f = join(tmp, `in-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(f, text);
    const r = await runCli(withDefaults('-f', f), { env: { ENABLE_NATIVE_SIDECARS: 'false' } });
    assert.equal(r.code, 0, r.stderr);
    return parse(r.stdout.split('\n---\n')[0]!) as {
      apiVersion?: string;
      metadata: { labels?: Record<string, unknown>; annotations?: Record<string, unknown> };
      spec: { selector?: unknown; template: { spec: { containers: { name: string }[] } } };
    };
  };
  const deployment = (apiVersion: string) =>
    `${apiVersion}kind: Deployment\nmetadata:\n  name: d\n  labels: {n: 5, on: true, f: 0.1}\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        image: x\n`;

  it('injects the workload kinds whatever their apiVersion (kinds are matched alone)', async () => {
    for (const v of ['apiVersion: extensions/v1beta1\n', 'apiVersion: apps/v1beta2\n', '']) {
      const d = await injected(deployment(v));
      assert.deepEqual(
        d.spec.template.spec.containers.map((c) => c.name),
        ['c', 'istio-proxy'],
        v,
      );
      assert.equal(d.apiVersion, v === '' ? undefined : v.slice('apiVersion: '.length, -1));
      assert.equal(d.spec.selector, null);
    }
  });

  it('reads numbers and booleans into string fields as text, as sigs.k8s.io/yaml does', async () => {
    const d = await injected(deployment('apiVersion: apps/v1\n'));
    assert.deepEqual(d.metadata.labels, { n: '5', on: 'true', f: '0.1' });
  });

  it('injects a pod template without containers', async () => {
    const d = await injected('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n');
    assert.deepEqual(
      d.spec.template.spec.containers.map((c) => c.name),
      ['istio-proxy'],
    );
  });
});
