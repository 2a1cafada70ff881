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
  it('default cases are byte-identical, error cases fail with the message', async () => {
    const r = await group((c) => c.defaultOnly);
    assert.deepEqual(r.failed, []);
  });
  it('valuesPatch cases are byte-identical', async () => {
    const r = await group((c) => !!c.valuesPatch && !c.skipKubeInject);
    assert.deepEqual(r.failed, []);
  });
  it('meshOverlay cases are byte-identical', async () => {
    const r = await group((c) => !!c.meshOverlay);
    assert.deepEqual(r.failed, []);
  });
});

describe('kube-inject with settings rendered from our charts (inFilePath cases)', () => {
  it('matches upstream for every IstioOperator case whose templates our chart ships', async () => {
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
    assert.deepEqual(differ, []);
    assert.ok(passed >= 10, `passed ${passed}; templates not shipped yet: ${missingTemplate.join(', ')}`);
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
