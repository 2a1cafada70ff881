// The committed CRD file must be what `npm run gen:crds` produces from the model now.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { CRD_FILE, renderCrdFile } from '../../../src/writers/crds.js';
import { repoRoot } from '../../support/run-cli.js';

describe('generated CRD file', () => {
  const committed = readFileSync(join(repoRoot, CRD_FILE), 'utf8');

  it('is fresh (run `npm run gen:crds` after changing src/model/api)', () => {
    assert.equal(committed, renderCrdFile());
  });

  it('is marked as generated', () => {
    assert.match(committed.split('\n')[0]!, /GENERATED FILE - DO NOT EDIT/);
  });

  it('holds one structural CRD per Istio kind', () => {
    const docs = parseAllDocuments(committed)
      .map((d) => d.toJS())
      .filter(Boolean);
    assert.equal(docs.length, 15);
    for (const d of docs) {
      assert.equal(d.kind, 'CustomResourceDefinition');
      assert.equal(d.spec.versions.filter((v: { storage: boolean }) => v.storage).length, 1, d.metadata.name);
    }
  });
});
