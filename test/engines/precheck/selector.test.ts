// Label selectors as the API server evaluates them, and the version helpers the checks share.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { imageTag, minorsBehind, parseMinor } from '../../../src/engines/precheck/context.js';
import { exampleLabels, formatLabels, selectorMatches } from '../../../src/engines/precheck/selector.js';

describe('selectorMatches', () => {
  it('treats an absent or empty selector as match-all', () => {
    assert.equal(selectorMatches(undefined, {}), true);
    assert.equal(selectorMatches({}, { a: 'b' }), true);
  });

  it('evaluates matchLabels and every operator', () => {
    const sel = {
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['a', 'b'] },
        { key: 'inject', operator: 'NotIn', values: ['false'] },
        { key: 'owner', operator: 'Exists' },
        { key: 'legacy', operator: 'DoesNotExist' },
      ],
    };
    const ok = { app: 'web', tier: 'b', owner: '' };
    assert.equal(selectorMatches(sel, ok), true);
    assert.equal(selectorMatches(sel, { ...ok, app: 'db' }), false);
    assert.equal(selectorMatches(sel, { ...ok, tier: 'c' }), false);
    assert.equal(selectorMatches(sel, { ...ok, inject: 'false' }), false);
    assert.equal(selectorMatches(sel, { app: 'web', tier: 'a' }), false, 'owner must exist');
    assert.equal(selectorMatches(sel, { ...ok, legacy: 'x' }), false);
    assert.equal(selectorMatches({ matchExpressions: [{ key: 'x', operator: 'Gt' }] }, { x: '1' }), false);
  });

  it('builds the smallest accepted label set, or none for a contradiction', () => {
    assert.deepEqual(
      exampleLabels({
        matchLabels: { a: '1' },
        matchExpressions: [
          { key: 'b', operator: 'In', values: ['x', 'y'] },
          { key: 'c', operator: 'Exists' },
          { key: 'd', operator: 'DoesNotExist' },
        ],
      }),
      { a: '1', b: 'x', c: 'true' },
    );
    assert.equal(
      exampleLabels({ matchLabels: { a: '1' }, matchExpressions: [{ key: 'a', operator: 'DoesNotExist' }] }),
      undefined,
    );
    assert.equal(formatLabels({ b: '2', a: '1' }), 'a=1,b=2');
    assert.equal(formatLabels({}), '(no labels)');
  });
});

describe('version helpers', () => {
  it('reads versions from tags and server strings', () => {
    assert.deepEqual(parseMinor('1.29.2'), { major: 1, minor: 29, text: '1.29.2' });
    assert.equal(parseMinor('v1.31.0-gke.100')?.minor, 31);
    assert.equal(parseMinor('1.28.0-distroless')?.text, '1.28.0-distroless');
    assert.equal(parseMinor('latest'), undefined);
    assert.equal(imageTag('docker.io/istio/proxyv2:1.28.1'), '1.28.1');
    assert.equal(imageTag('localhost:5000/istio/proxyv2'), undefined, 'a registry port is not a tag');
    assert.equal(imageTag('istio/proxyv2:1.28.1@sha256:abc'), '1.28.1');
    assert.equal(minorsBehind(parseMinor('1.30.3')!, parseMinor('1.28.0')!), 2);
    assert.equal(minorsBehind(parseMinor('1.30.3')!, parseMinor('1.31.0')!), -1);
  });
});
