import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../../src/cluster/cluster.js';
import { FakeCluster } from '../../../src/cluster/fake.js';
import {
  alphaAnnotationMessages,
  alphaAnnotations,
} from '../../../src/engines/precheck/alpha-annotations.js';
import { parseYamlDocuments } from '../../../src/inputs/yaml-documents.js';
import { conformanceRoot } from '../../support/run-cli.js';
import { context, namespace, pod } from './support.js';

interface Case {
  name: string;
  analyzerName: string;
  inputFiles: string[];
  expected: Array<{ code: string; resource: string }>;
}

const root = join(conformanceRoot, 'analyze');
const cases = (JSON.parse(readFileSync(join(root, 'cases.json'), 'utf8')) as Case[]).filter(
  (c) => c.analyzerName === 'annotations.AlphaAnalyzer',
);

describe('alpha-annotations', () => {
  it('has the upstream analyzer case', () => assert.ok(cases.length >= 1));

  for (const c of cases) {
    it(`conformance: ${c.name}`, async () => {
      const objects: KubeObject[] = [];
      for (const f of c.inputFiles) {
        const file = join(root, 'inputs', f);
        for (const d of await parseYamlDocuments(readFileSync(file, 'utf8'), file)) {
          const o = d.value as KubeObject | null;
          if (o?.kind && ['Namespace', 'Service', 'Pod', 'Deployment'].includes(o.kind)) objects.push(o);
        }
      }
      const got = alphaAnnotationMessages(objects)
        .map((m) => `${m.code} ${m.origin}`)
        .sort();
      const want = c.expected.map((e) => `${e.code} ${e.resource}`).sort();
      assert.deepEqual(got, want);
    });
  }

  it('reads the live kinds, honours -n and skips system namespaces', async () => {
    const anno = { 'sidecar.istio.io/proxyCPU': '100m' };
    const c = new FakeCluster({
      objects: [
        namespace('shop', {}),
        {
          ...namespace('tagged'),
          metadata: { name: 'tagged', annotations: { 'topology.istio.io/controlPlaneClusters': 'a' } },
        },
        pod('a', 'shop', undefined, anno),
        pod('b', 'cart', undefined, anno),
        pod('c', 'kube-system', undefined, anno),
      ],
    });
    const all = await alphaAnnotations.run(context(c));
    assert.deepEqual(all.map((m) => m.origin).sort(), ['Namespace tagged', 'Pod cart/b', 'Pod shop/a']);
    const scoped = await alphaAnnotations.run(context(c, { namespace: 'shop' }));
    assert.deepEqual(scoped.map((m) => m.origin).sort(), ['Namespace tagged', 'Pod shop/a']);
    assert.ok(all.every((m) => m.code === 'IST0136' && m.level === 'Info'));
  });
});
