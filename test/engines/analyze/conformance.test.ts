// Every upstream analyzer test case, run through analyzeFiles the way upstream's harness runs it:
// one analyzer, no default namespace, runtime kinds read from files, the dummy ingress gateway.
// Pass = the (code, resource) pairs equal `expected` as a multiset.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeFiles } from '../../../src/inputs/analyze-api.js';
import { conformanceRoot } from '../../support/run-cli.js';

interface Case {
  name: string;
  inputFiles: string[];
  meshConfigFile?: string;
  meshNetworksFile?: string;
  analyzerName: string;
  expected: Array<{ code: string; resource: string }>;
  skipAll?: boolean;
}

const dir = join(conformanceRoot, 'analyze');
const cases: Case[] = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8'));
const inputs = join(dir, 'inputs');

const pairs = (xs: Array<{ code: string; resource: string }>) =>
  xs.map((x) => `${x.code} ${x.resource}`).sort();

describe('analyze conformance (upstream analyzer test cases)', () => {
  for (const [i, c] of cases.entries()) {
    it(`${i}: ${c.name} [${c.analyzerName}]`, async () => {
      const abs = (f: string) => join(inputs, f);
      const got = await analyzeFiles(c.inputFiles.map(abs), {
        analyzers: [c.analyzerName],
        defaultNamespace: null,
        includeRuntimeKinds: true,
        addDefaultResources: true,
        ...(c.meshConfigFile ? { meshConfigFile: abs(c.meshConfigFile) } : {}),
        ...(c.meshNetworksFile ? { meshNetworksFile: abs(c.meshNetworksFile) } : {}),
      });
      assert.deepEqual(pairs(got), pairs(c.expected));
    });
  }
});
