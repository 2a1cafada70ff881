import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PARSE_CACHE_PATH } from '../../../src/engines/render/chart-source.js';
import { chartTemplateSources, helmFunctionNames, renderChart } from '../../../src/engines/template/chart.js';
import { parseTemplates } from '../../../src/engines/template/parse.js';
import { buildParseCache, readParseCache } from '../../../src/engines/template/parse-cache.js';
import { decodeTrees, encodeTrees } from '../../../src/engines/template/parse-cache-codec.js';
import { repoRoot } from '../../support/run-cli.js';

const chartsDir = join(repoRoot, 'manifests', 'charts');
function walk(dir: string, prefix = ''): [string, Buffer][] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? walk(join(dir, d.name), `${prefix}${d.name}/`)
      : [[`${prefix}${d.name}`, readFileSync(join(dir, d.name))] as [string, Buffer]],
  );
}
const chartFiles = (chart: string) => Object.fromEntries(walk(join(chartsDir, chart)));
const charts = readdirSync(chartsDir)
  .filter((c) => existsSync(join(chartsDir, c, 'Chart.yaml')))
  .sort();
const helmFuncs = helmFunctionNames();
const parse = (name: string, text: string) => parseTemplates(name, text, (n) => helmFuncs.has(n));
const allTemplates = () => charts.flatMap((c) => chartTemplateSources({ files: chartFiles(c) }));

/** A cache file's entries: name and text → the functions called and the stored trees. */
function cacheEntries(file: string): Map<string, [string[], string]> {
  const eol = file.indexOf('\n');
  const header = JSON.parse(file.slice(0, eol)).entries as Record<string, [string[], ...number[]][]>;
  const at = (start: number, end: number) => file.slice(eol + 1 + start, eol + 1 + end);
  return new Map(
    Object.entries(header).flatMap(([name, list]) =>
      list.map(([funcs, ts, te, ds, de]) => [`${name}\0${at(ts!, te!)}`, [funcs, at(ds!, de!)]]),
    ),
  );
}

describe('template parse cache', () => {
  it('gives back exactly the trees the parser builds, for every template of our charts', () => {
    const templates = allTemplates();
    assert.ok(templates.length > 20);
    for (const { name, text } of templates) {
      const fresh = parse(name, text);
      assert.deepStrictEqual(decodeTrees(encodeTrees(fresh).data, text), fresh, name);
    }
  });

  it('renders every chart the same with the cache', () => {
    const templates = allTemplates();
    const stored = readParseCache(buildParseCache(templates, parse))!;
    let hits = 0;
    const cache = {
      get: (...a: Parameters<typeof stored.get>) => {
        const trees = stored.get(...a);
        if (trees) hits++;
        return trees;
      },
    };
    for (const c of charts) {
      const files = chartFiles(c);
      const plain = renderChart({ files }, { release: { name: 'istio', namespace: 'istio-system' } });
      const cached = renderChart(
        { files },
        { release: { name: 'istio', namespace: 'istio-system' }, parseCache: cache },
      );
      assert.deepEqual(cached.files, plain.files, c);
    }
    assert.equal(hits, templates.length);
  });

  it('gives back every kind of node, number and string exactly', () => {
    const text = [
      "{{/* c */}}héllo {{- 1 -}} wörld {{ 0x1F }} {{ 1e3 }} {{ -0.0 }} {{ 18446744073709551615 }} {{ 'a' }}",
      '{{ "q\\"s\\u00e9" }} {{ `raw` }} {{ "plain" }} {{ true }} {{ nil | print }} {{ 1_000 }} {{ 0x1p-2 }}',
      '{{ $x := .a.b }}{{ $x = 2 }}{{ ($x).c.d }}{{ .e | printf "%v" }}{{ $.f }}',
      '{{ range $i, $v := .l }}{{ if $i }}{{ break }}{{ else if $v }}{{ continue }}{{ else }}-{{ end }}{{ end }}',
      '{{ with .w }}{{ . }}{{ else with .z }}z{{ else }}n{{ end }}{{ block "b" . }}in {{ . }}{{ end }}',
      '{{ define "d" }}{{ template "b" }}{{ end }}{{ template "d" .x }}',
    ].join('\n');
    const fresh = parse('t', text);
    assert.deepStrictEqual(decodeTrees(encodeTrees(fresh).data, text), fresh);
    const cache = readParseCache(buildParseCache([{ name: 't', text }], parse))!;
    assert.deepStrictEqual(
      cache.get('t', text, () => true),
      fresh,
    );
  });

  it('keeps templates of one name and different texts apart, and decodes each once', () => {
    const texts = ['{{ .a }}', '{{ .b }}'];
    const cache = readParseCache(
      buildParseCache(
        texts.map((text) => ({ name: 'same', text })),
        parse,
      ),
    )!;
    for (const text of texts) {
      const first = cache.get('same', text, () => true)!;
      assert.deepStrictEqual(first, parse('same', text));
      const again = cache.get('same', text, () => true)!;
      assert.notEqual(again, first); // each caller has its own map
      assert.equal(again.get('same'), first.get('same'));
    }
  });

  it('refuses nodes with fields it does not know, and ignores a damaged file', () => {
    const trees = parse('t', '{{ .a }}');
    const action = trees.get('t')!.root.nodes[0]! as unknown as Record<string, unknown>;
    action.extra = 1;
    assert.throws(() => encodeTrees(trees), /fields changed/);
    const file = buildParseCache([{ name: 't', text: '{{ .a }}' }], parse);
    const eol = file.indexOf('\n');
    const damaged =
      file.slice(0, eol + 1) + file.slice(eol + 1).replace(/\[1,.*\]/, (m) => `[2${m.slice(2)}`);
    assert.notEqual(damaged, file);
    assert.equal(
      readParseCache(damaged)!.get('t', '{{ .a }}', () => true),
      undefined,
    );
    assert.equal(readParseCache('not json'), undefined);
  });

  it('misses on other text, other names, and templates calling a function the map lacks', () => {
    const text = '{{ define "x" }}{{ upper .a | quote }}{{ end }}{{ template "x" . }}{{ 12 }}{{ 1.5 }}';
    const cache = readParseCache(
      buildParseCache(
        [
          { name: 't', text },
          { name: 'bad', text: '{{ nope }}' },
        ],
        parse,
      ),
    )!;
    const hit = cache.get('t', text, (n) => helmFuncs.has(n));
    assert.deepStrictEqual(hit, parse('t', text));
    assert.equal(
      cache.get('t', `${text} `, () => true),
      undefined,
    );
    assert.equal(
      cache.get('u', text, () => true),
      undefined,
    );
    assert.equal(
      cache.get('t', text, (n) => n !== 'quote'),
      undefined,
    );
    assert.equal(
      cache.get('bad', '{{ nope }}', () => true),
      undefined,
    );
    assert.equal(readParseCache('{"format":0,"entries":{}}'), undefined);
  });

  it('the built cache holds what the current parser computes (rebuild after changing the parser)', (t) => {
    const path = join(repoRoot, PARSE_CACHE_PATH);
    if (!existsSync(path)) return t.skip('not built');
    // Entries of templates edited since the build just miss; the others must be exactly current.
    const file = readFileSync(path, 'utf8');
    assert.ok(readParseCache(file), 'the built cache is of another format: npm run build');
    const built = cacheEntries(file);
    const fresh = cacheEntries(buildParseCache(allTemplates(), parse));
    const shared = [...fresh.keys()].filter((k) => built.has(k));
    assert.ok(shared.length > 0);
    for (const k of shared) assert.deepEqual(built.get(k), fresh.get(k));
  });
});
