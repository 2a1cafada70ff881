import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applySetFlags, parseSetFlag, typeValue } from '../../../src/model/iop/set-flags.js';

describe('--set grammar', () => {
  it('types values like Go strconv: int, float, bool, string', () => {
    assert.equal(typeValue('3'), 3);
    assert.equal(typeValue('-7'), -7);
    assert.equal(typeValue('1.5'), 1.5);
    assert.equal(typeValue('true'), true);
    assert.equal(typeValue('F'), false);
    assert.equal(typeValue('1'), 1, '1 is an int before it is a bool');
    assert.equal(typeValue('999Mi'), '999Mi');
    assert.equal(typeValue('a\\,b'), 'a,b');
  });

  it('prefixes spec. and keeps always-string paths as text', () => {
    assert.equal(parseSetFlag('tag=1.30').value, '1.30');
    assert.equal(parseSetFlag('values.global.tag=1.30').value, '1.30');
    assert.equal(parseSetFlag('values.x.tag=1.30').value, 1.3);
    assert.equal(parseSetFlag('meshConfig.defaultConfig.proxyMetadata.X=true').value, 'true');
    assert.equal(parseSetFlag('profile=demo').pathText, 'spec.profile');
  });

  it('treats text without exactly one = as a path with an empty value', () => {
    const f = parseSetFlag('values.a=b=c');
    assert.equal(f.pathText, 'spec.values.a=b=c');
    assert.equal(f.value, '');
  });

  it('applies flags in order, later ones winning', () => {
    const iop: Record<string, unknown> = {
      spec: { components: { ingressGateways: [{ name: 'gw', enabled: true }] } },
    };
    applySetFlags(
      iop,
      [
        'components.ingressGateways.[name:gw].enabled=false',
        'values.a=1',
        'values.a=2',
        'values.l.[0]=x',
      ].map(parseSetFlag),
    );
    assert.deepEqual(iop.spec, {
      components: { ingressGateways: [{ name: 'gw', enabled: false }] },
      values: { a: 2, l: ['x'] },
    });
  });

  it('reports a selector that matches nothing as a usage error', () => {
    assert.throws(
      () =>
        applySetFlags({ spec: { components: { ingressGateways: [] } } }, [
          parseSetFlag('components.ingressGateways.[name:zz].enabled=true'),
        ]),
      (e: Error & { exitCode?: number }) => e.exitCode === 64 && /\[name:zz\] not found/.test(e.message),
    );
  });
});
