// Extra recordings made by record.mjs: the upstream injection templates over conformance pods (read from
// ../shared at record time) and `helm template` of our test chart with the real Helm CLI.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export default async function recordExtra({ root, cache, testdata, env }) {
  const { injectVectors } = await import(join(root, 'test/engines/template/inject-vectors.mjs'));
  const inject = resolve(root, '..', 'shared', 'conformance', 'istio-1.30.3', 'inject');
  const vectors = injectVectors(inject);
  const vfile = join(cache, 'inject-vectors.json');
  writeFileSync(vfile, JSON.stringify(vectors));
  const out = execFileSync(join(cache, 'oracle'), ['run', vfile], { env, maxBuffer: 1 << 28 }).toString();
  writeFileSync(join(testdata, 'inject-oracle.json'), out);
  console.log(`recorded ${vectors.length} injection renders`);

  const chart = join(root, 'test/engines/template/testdata/chart/demo');
  const helmArgs = [
    'template',
    'demo-rel',
    chart,
    '--namespace',
    'demo-ns',
    '-f',
    join(chart, '..', 'user-values.yaml'),
  ];
  const helmOut = execFileSync(join(cache, 'helm'), helmArgs, { env, maxBuffer: 1 << 28 }).toString();
  writeFileSync(join(testdata, 'helm-template.out'), helmOut);
  console.log('recorded helm template of the demo chart');
}
