import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { goYamlMarshal } from '../../../src/engines/inject/go-yaml.js';
import {
  buildDocumentCache,
  cachedYaml,
  DOC_CACHE_PATH,
  objectFromCache,
  readDocumentCache,
  staticDocumentTexts,
} from '../../../src/engines/render/doc-cache.js';
import { parseRendered, readDocument } from '../../../src/engines/render/generate.js';
import { repoRoot } from '../../support/run-cli.js';

const crdFile = join(repoRoot, 'manifests', 'charts', 'base', 'files', 'crd-all.gen.yaml');
const chartDocs = () => {
  const charts = join(repoRoot, 'manifests', 'charts');
  return staticDocumentTexts(
    readdirSync(charts, { recursive: true, encoding: 'utf8' })
      .filter((p) => /(^|\/)files\/.*\.ya?ml$/.test(p))
      .sort()
      .map((p) => readFileSync(join(charts, p), 'utf8')),
  );
};

describe('render document cache', () => {
  it('the built cache holds what the current sources compute (rebuild after changing the reader or writer)', async (t) => {
    const path = join(repoRoot, DOC_CACHE_PATH);
    if (!existsSync(path)) return t.skip('not built');
    // Documents edited since the build just miss; the others must be exactly current.
    const built = readDocumentCache(readFileSync(path, 'latin1'))!;
    const texts = chartDocs();
    const fresh = readDocumentCache(buildDocumentCache(texts, await readDocument(), goYamlMarshal))!;
    const shared = texts.filter((t) => built.get(t) && fresh.get(t));
    assert.ok(shared.length > 10, `${shared.length} documents in both`);
    for (const t of shared) assert.deepEqual(built.get(t), fresh.get(t));
  });

  it('reads and writes every CRD exactly as without the cache', async () => {
    const texts = staticDocumentTexts([readFileSync(crdFile, 'utf8')]);
    assert.ok(texts.length > 10);
    const cache = readDocumentCache(buildDocumentCache(texts, await readDocument(), goYamlMarshal))!;
    const content = texts.map((d) => `---\n${d}\n`).join('');
    const files = [{ path: 'templates/crds.yaml', content }];
    const plain = await parseRendered(files);
    const cached = await parseRendered(files, cache);
    assert.deepEqual(cached, plain);
    assert.ok(cached.some((o) => cachedYaml(o) !== undefined));
    for (const [i, o] of cached.entries())
      assert.equal(cachedYaml(o) ?? goYamlMarshal(o), goYamlMarshal(plain[i]));
  });

  it('keeps only kind-bearing maps that JSON carries exactly', async () => {
    const text = buildDocumentCache(
      [
        'kind: A\nn: 1',
        'kind: B\nwhen: 2024-01-02',
        'kind: C\nx: .nan',
        'a: 1',
        '- 1',
        'kind: ""',
        'bad: [',
        'kind: A\nn: 1',
      ],
      await readDocument(),
      goYamlMarshal,
    );
    // A timestamp-like scalar reads as a string (core schema, as goyaml v2 leaves it): cached too.
    assert.equal(JSON.parse(text.slice(0, text.indexOf('\n'))).docs.length, 2);
    const cache = readDocumentCache(text)!;
    assert.ok(cache.get('kind: A\nn: 1'));
    assert.equal(cache.get('kind: A\nn: 1 '), undefined);
    assert.equal(JSON.parse(cache.get('kind: B\nwhen: 2024-01-02')!.json).when, '2024-01-02');
    assert.equal(readDocumentCache('{"format":0,"docs":{}}'), undefined);
    assert.equal(readDocumentCache('not json'), undefined);
    // A damaged file (body shorter or longer than its header says) is not used at all.
    assert.equal(readDocumentCache(text.slice(0, -1)), undefined);
    assert.equal(readDocumentCache(`${text}x`), undefined);
  });

  it('writes an object afresh once post-processing changed it', async () => {
    const cache = readDocumentCache(
      buildDocumentCache(
        ['kind: A\nmetadata:\n  name: x\nlist: [1, 2]'],
        await readDocument(),
        goYamlMarshal,
      ),
    )!;
    const fresh = () => objectFromCache(cache.get('kind: A\nmetadata:\n  name: x\nlist: [1, 2]')!);
    const same = fresh();
    assert.equal(cachedYaml(same), goYamlMarshal(same));
    const changes: ((o: Record<string, any>) => void)[] = [
      (o) => {
        o.metadata.labels = { a: 'b' };
      },
      (o) => {
        o.metadata.name = new Date(0);
      },
      (o) => {
        o.list[0] = Number.NaN;
      },
      (o) => {
        o.list[0] = -0;
      },
      (o) => {
        o.list.push(undefined);
      },
      (o) => {
        o.list[0] = 1n;
      },
    ];
    for (const change of changes) {
      const o = fresh();
      change(o);
      assert.equal(cachedYaml(o), undefined);
    }
    assert.equal(cachedYaml({ kind: 'A' }), undefined);
  });

  it('keeps a last-key spec as text until read, and writes afresh whatever changed', async () => {
    const doc = 'apiVersion: v1\nkind: A\nmetadata:\n  name: x\nspec:\n  list: [1, 2]\n  m: {a: b}';
    const cache = readDocumentCache(buildDocumentCache([doc], await readDocument(), goYamlMarshal))!;
    const entry = cache.get(doc)!;
    assert.ok(entry.specAt > 0, 'spec is stored apart');
    const fresh = () => objectFromCache(entry) as Record<string, any>;
    const plain = JSON.parse(entry.json);
    // Untouched: the cached text, and reading gives the same object as a full parse.
    assert.equal(cachedYaml(fresh()), goYamlMarshal(plain));
    assert.deepEqual(fresh(), plain);
    assert.deepEqual(JSON.parse(JSON.stringify(fresh())), plain);
    assert.deepEqual({ ...fresh() }, plain);
    // Read but unchanged: still the cached text (compared in full).
    const read = fresh();
    assert.deepEqual(read.spec.list, [1, 2]);
    assert.equal(cachedYaml(read), goYamlMarshal(plain));
    const changes: ((o: Record<string, any>) => void)[] = [
      (o) => {
        o.spec.list.push(3);
      },
      (o) => {
        o.spec = { other: true };
      },
      (o) => {
        delete o.spec;
      },
      (o) => {
        o.metadata.labels = { a: 'b' };
      },
      (o) => {
        o.status = {};
      },
      (o) => {
        Object.defineProperty(o, 'spec', { value: { list: [1, 2], m: { a: 'b' } }, enumerable: false });
      },
    ];
    for (const [i, change] of changes.entries()) {
      const o = fresh();
      change(o);
      assert.equal(cachedYaml(o), undefined, `change ${i}`);
      assert.notEqual(goYamlMarshal(o), entry.yaml, `change ${i} changes the text`);
    }
  });

  it('writes afresh what JSON prints as the cached text but the writer does not', async () => {
    const doc = 'kind: A\nwhen: "1970-01-01T00:00:00.000Z"\nn: "x"\nlist: [null, 0]\nm: {}';
    const cache = readDocumentCache(buildDocumentCache([doc], await readDocument(), goYamlMarshal))!;
    const fresh = () => objectFromCache(cache.get(doc)!) as Record<string, any>;
    // Each change leaves JSON.stringify's text as it was.
    const changes: ((o: Record<string, any>) => void)[] = [
      (o) => {
        o.list[0] = Number.NaN;
      },
      (o) => {
        o.list[0] = Number.POSITIVE_INFINITY;
      },
      (o) => {
        o.when = new Date(0);
      },
      (o) => {
        o.n = Object('x');
      },
      (o) => {
        o.m.f = () => 1;
      },
      (o) => {
        o.m.s = Symbol('s');
      },
      (o) => {
        o.m = { toJSON: () => ({}) };
      },
    ];
    for (const [i, change] of changes.entries()) {
      const o = fresh();
      const before = JSON.stringify(o);
      change(o);
      assert.equal(JSON.stringify(o), before, `change ${i}`);
      assert.equal(cachedYaml(o), undefined, `change ${i}`);
    }
    // An undefined property is dropped by JSON and by the writer alike.
    const o = fresh();
    o.m.gone = undefined;
    assert.equal(cachedYaml(o), goYamlMarshal(o));
  });
});
