import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatPath, getPath, mergeTrees, parsePath, setPath } from '../../../src/model/iop/tree.js';

describe('values tree paths', () => {
  it('parses keys, indexes, selectors and escaped dots', () => {
    assert.deepEqual(parsePath('a.b[0].c'), [
      { kind: 'key', key: 'a' },
      { kind: 'key', key: 'b' },
      { kind: 'index', index: 0 },
      { kind: 'key', key: 'c' },
    ]);
    assert.deepEqual(parsePath('gw.[name:x].enabled')[1], { kind: 'match', field: 'name', value: 'x' });
    assert.deepEqual(parsePath('a.container\\.apparmor\\.io/x'), [
      { kind: 'key', key: 'a' },
      { kind: 'key', key: 'container.apparmor.io/x' },
    ]);
    assert.deepEqual(parsePath('webhooks.[name:ns\\.sidecar\\.io].x')[1], {
      kind: 'match',
      field: 'name',
      value: 'ns.sidecar.io',
    });
    assert.equal(formatPath(parsePath('a.b\\.c.[k:v].[2]')), 'a.b\\.c.[k:v].[2]');
  });

  it('gets through maps and lists', () => {
    const t = {
      a: {
        list: [
          { name: 'x', v: 1 },
          { name: 'y', v: 2 },
        ],
        s: ['p', 'q'],
      },
    };
    assert.equal(getPath(t, 'a.list.[name:y].v'), 2);
    assert.equal(getPath(t, 'a.list[0].v'), 1);
    assert.equal(getPath(t, 'a.s.[q]'), 'q');
    assert.equal(getPath(t, 'a.missing.x'), undefined);
  });

  it('sets, creating maps and lists, appending past the end', () => {
    const t: Record<string, unknown> = {};
    setPath(t, 'a.b.c', 1);
    setPath(t, 'a.l[0].n', 'x');
    setPath(t, 'a.l[5].n', 'y');
    assert.deepEqual(t, { a: { b: { c: 1 }, l: [{ n: 'x' }, { n: 'y' }] } });
    setPath(t, 'a.l.[n:y].n', 'z');
    assert.equal(getPath(t, 'a.l[1].n'), 'z');
    assert.throws(() => setPath(t, 'a.l.[n:nope].v', 1), /element \[n:nope\] not found/);
  });

  it('deletes keys and list elements with undefined', () => {
    const t = { a: { k: 1, l: [{ name: 'x' }, { name: 'y' }] } };
    setPath(t, 'a.k', undefined);
    setPath(t, 'a.l.[name:x]', undefined);
    assert.deepEqual(t, { a: { l: [{ name: 'y' }] } });
  });

  it('merges maps deeply and replaces lists and scalars', () => {
    const merged = mergeTrees({ a: { x: 1, l: [1, 2] }, b: 1 }, { a: { y: 2, l: [3] }, b: null });
    assert.deepEqual(merged, { a: { x: 1, y: 2, l: [3] }, b: null });
  });
});
