// Go template engine: upstream's `sidecar` injection template rendered for a typical conformance pod,
// 3,000 renders per run, against the Go oracle (text/template + Sprig + istiod's funcs) in the same run
// (goal: ≤ 3× Go). Wall time includes process start-up (node ~0.1 s, Go ~0.01 s); the runner also prints
// the pure per-render times.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const RENDERS = 3000;

export default async ({ root, node, shared }) => {
  const oracle = join(root, '.cache', 'gotemplate', 'oracle');
  const confInject = join(shared, 'conformance', 'istio-1.30.3', 'inject');
  if (!existsSync(oracle))
    return [{ name: 'template: sidecar render (Go oracle)', skip: 'run npm run oracle:template first' }];
  if (!existsSync(confInject))
    return [{ name: 'template: sidecar render (Go oracle)', skip: 'no conformance data' }];
  const { injectVectors } = await import(
    pathToFileURL(join(root, 'test/engines/template/inject-vectors.mjs')).href
  );
  const vector = injectVectors(confInject).find((v) => v.name === 'inject-sidecar-hello.yaml');
  const dir = join(root, '.bench', 'template');
  mkdirSync(dir, { recursive: true });
  const tpl = join(dir, 'sidecar.tpl');
  const data = join(dir, 'sidecar.json');
  writeFileSync(tpl, vector.tpl);
  writeFileSync(data, JSON.stringify(vector.data));
  const runner = join(root, 'test/engines/template/bench-runner.mjs');
  return [
    {
      name: `template: sidecar x${RENDERS} (Go oracle)`,
      cmd: [oracle, 'bench', tpl, data, String(RENDERS)],
      runs: 5,
    },
    {
      name: `template: sidecar x${RENDERS} (istioctl-ts engine)`,
      cmd: [node, runner, String(RENDERS)],
      baseline: `template: sidecar x${RENDERS} (Go oracle)`,
      runs: 5,
    },
  ];
};
