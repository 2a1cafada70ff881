// Imports point one way: main → cli → commands → inputs → model → engines → writers.
// model/ is the shared vocabulary (plain data and pure helpers): every layer may use it, and it
// imports only itself (and the typed errors in cli/errors.ts, which every layer may throw). cluster/ holds the interface; only cluster/kube.ts may import
// @kubernetes/client-node, and only main.ts may load kube.ts. Type-only imports are free.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../support/run-cli.js';

const ORDER = ['main', 'cli', 'commands', 'inputs', 'engines', 'writers'];
const src = join(repoRoot, 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function layerOf(file: string): string {
  const rel = relative(src, file).split('/');
  return rel.length === 1 ? rel[0]!.replace(/\.ts$/, '') : rel[0]!;
}

/** Runtime imports: static `import ... from`, `export ... from` and dynamic `import()`; not `import type`. */
export function runtimeImports(text: string): string[] {
  const out: string[] = [];
  const stripped = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  for (const m of stripped.matchAll(
    /^\s*(import|export)\s+(type\s+)?([^'"]*?)\s*from\s*['"]([^'"]+)['"]/gm,
  )) {
    if (m[2]) continue;
    out.push(m[4]!);
  }
  for (const m of stripped.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) out.push(m[1]!);
  for (const m of stripped.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    const before = stripped.slice(Math.max(0, m.index! - 30), m.index!);
    if (/typeof\s*$|<\s*$|:\s*$/.test(before)) continue; // `typeof import('x')` is a type
    out.push(m[1]!);
  }
  return out;
}

describe('import direction', () => {
  const all = files(src);

  it('finds the source files', () => assert.ok(all.length > 10));

  for (const file of all) {
    const rel = relative(repoRoot, file);
    it(rel, () => {
      const from = layerOf(file);
      for (const spec of runtimeImports(readFileSync(file, 'utf8'))) {
        if (spec.includes('@kubernetes/client-node')) {
          assert.equal(rel, 'src/cluster/kube.ts', `${rel} imports @kubernetes/client-node`);
          continue;
        }
        if (!spec.startsWith('.')) continue;
        const target = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
        const to = layerOf(target);
        const targetRel = relative(repoRoot, target);
        if (targetRel === 'src/cluster/kube.ts') {
          assert.equal(rel, 'src/main.ts', `${rel} loads the Kubernetes client; only main.ts may`);
          continue;
        }
        if (to === from) continue;
        if (from === 'model' && targetRel !== 'src/cli/errors.ts')
          assert.fail(`${rel} (model) imports ${targetRel}: model imports only model`);
        if (to === 'model' || to === 'cluster') continue;
        // The typed errors are shared by every layer (main alone maps them to exit codes);
        // the flag helpers are part of each command's static spec.
        if (targetRel === 'src/cli/errors.ts') continue;
        if (from === 'commands' && targetRel === 'src/cli/flags.ts') continue;
        if (from === 'cluster')
          assert.fail(`${rel} imports ${targetRel}: cluster/ imports only itself and model`);
        const fi = ORDER.indexOf(from);
        const ti = ORDER.indexOf(to);
        assert.ok(fi >= 0 && ti >= 0, `${rel}: unknown layer ${from} or ${to}`);
        assert.ok(
          ti > fi,
          `${rel} (${from}) imports ${targetRel} (${to}): arrows point main → cli → commands → inputs → model → engines → writers`,
        );
      }
    });
  }
});

describe('runtimeImports', () => {
  it('skips type-only imports and sees dynamic ones', () => {
    const t =
      "import type { A } from './a.js';\nimport { B } from './b.js';\nconst c = await import('./c.js');\nlet d: typeof import('./d.js');";
    assert.deepEqual(runtimeImports(t), ['./b.js', './c.js']);
  });
});
