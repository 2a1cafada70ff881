// analyze -o sarif against the structure SARIF 2.1.0 requires (the schema's required properties,
// enums and references that GitHub code scanning reads), for file and cluster origins.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FakeCluster } from '../../src/cluster/fake.js';
import { runCli } from '../support/run-cli.js';

type Json = Record<string, any>;

/** The SARIF 2.1.0 schema's constraints on what we emit; returns the violations. */
function sarifProblems(doc: Json): string[] {
  const out: string[] = [];
  const req = (cond: boolean, what: string) => {
    if (!cond) out.push(what);
  };
  req(doc.version === '2.1.0', 'version must be "2.1.0"');
  req(typeof doc.$schema === 'string' && /sarif/.test(doc.$schema), '$schema names the SARIF schema');
  req(Array.isArray(doc.runs), 'runs is an array');
  for (const [r, run] of (doc.runs ?? []).entries()) {
    const driver = run?.tool?.driver;
    req(typeof driver?.name === 'string' && driver.name !== '', `runs[${r}].tool.driver.name is required`);
    const rules: Json[] = driver?.rules ?? [];
    req(Array.isArray(rules), 'driver.rules is an array');
    const ids = rules.map((x) => x.id);
    req(new Set(ids).size === ids.length, 'rule ids are unique');
    for (const rule of rules) {
      req(typeof rule.id === 'string', 'rule.id is a string');
      req(typeof rule.shortDescription?.text === 'string', 'rule.shortDescription.text');
      req(rule.helpUri === undefined || /^https:\/\//.test(rule.helpUri), 'rule.helpUri is a URI');
      req(
        ['none', 'note', 'warning', 'error'].includes(rule.defaultConfiguration?.level),
        'rule.defaultConfiguration.level enum',
      );
    }
    req(Array.isArray(run.results), `runs[${r}].results is an array`);
    for (const res of run.results ?? []) {
      req(
        typeof res.message?.text === 'string' && res.message.text !== '',
        'result.message.text is required',
      );
      req(['none', 'note', 'warning', 'error'].includes(res.level), 'result.level enum');
      req(typeof res.ruleId === 'string', 'result.ruleId');
      req(
        Number.isInteger(res.ruleIndex) && rules[res.ruleIndex]?.id === res.ruleId,
        'ruleIndex points at ruleId',
      );
      for (const loc of res.locations ?? []) {
        const phys = loc.physicalLocation;
        if (phys) {
          req(typeof phys.artifactLocation?.uri === 'string', 'artifactLocation.uri');
          req(!/\s/.test(phys.artifactLocation.uri), 'uri is encoded');
          if (phys.region)
            req(Number.isInteger(phys.region.startLine) && phys.region.startLine >= 1, 'startLine ≥ 1');
        }
        for (const l of loc.logicalLocations ?? [])
          req(typeof l.fullyQualifiedName === 'string', 'logicalLocation.fullyQualifiedName');
      }
    }
  }
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'analyze-sarif-'));
const f = join(dir, 'my configs.yaml');
writeFileSync(
  f,
  `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: default
spec:
  hosts: [reviews]
  gateways: [missing-gw]
  http:
  - match: [{uri: {exact: /a}}]
    route: [{destination: {host: reviews}}]
  - match: [{uri: {exact: /a}}]
    route: [{destination: {host: reviews}}]
`,
);

describe('analyze -o sarif', () => {
  it('files: valid structure, one rule per code, file:line locations', async () => {
    const r = await runCli(['analyze', '--use-kube=false', '-o', 'sarif', f]);
    assert.equal(r.code, 79);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(sarifProblems(doc), []);
    const run = doc.runs[0];
    assert.deepEqual(
      run.tool.driver.rules.map((x: Json) => x.id),
      ['IST0101', 'IST0130', 'IST0131', 'IST0132'],
    );
    const levels = Object.fromEntries(run.results.map((x: Json) => [x.ruleId, x.level]));
    assert.deepEqual(levels, { IST0101: 'error', IST0130: 'warning', IST0131: 'note', IST0132: 'warning' });
    const gw = run.results.find((x: Json) => x.ruleId === 'IST0101');
    assert.match(gw.locations[0].physicalLocation.artifactLocation.uri, /my%20configs\.yaml$/);
    assert.equal(gw.locations[0].physicalLocation.region.startLine, 8);
  });

  it('clean input: a run with no results is still valid', async () => {
    const clean = join(dir, 'clean.yaml');
    writeFileSync(clean, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
    const r = await runCli(['analyze', '--use-kube=false', '-o', 'sarif', clean]);
    assert.equal(r.code, 0);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(sarifProblems(doc), []);
    assert.deepEqual(doc.runs[0].results, []);
  });

  it('cluster origins: logical locations only', async () => {
    const cluster = new FakeCluster({
      objects: [
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } },
        {
          apiVersion: 'networking.istio.io/v1',
          kind: 'VirtualService',
          metadata: { name: 'cart', namespace: 'default' },
          spec: { hosts: ['cart'], http: [{ route: [{ destination: { host: 'cart-v3' } }] }] },
        },
      ],
    });
    const r = await runCli(['analyze', '-k', '-o', 'sarif'], { cluster });
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(sarifProblems(doc), []);
    const res = doc.runs[0].results.find((x: Json) => x.ruleId === 'IST0101');
    assert.equal(res.locations[0].physicalLocation, undefined);
    assert.equal(res.locations[0].logicalLocations[0].fullyQualifiedName, 'VirtualService default/cart');
  });

  it('the checker catches broken documents', () => {
    assert.ok(
      sarifProblems({ version: '2.0', runs: [{ tool: { driver: {} }, results: [{ level: 'bad' }] }] })
        .length > 3,
    );
  });
});
