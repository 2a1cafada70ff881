import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertValid, validateIstioOperator } from '../../../src/model/iop/validate.js';

const iop = (spec: unknown) => ({ apiVersion: 'install.istio.io/v1alpha1', kind: 'IstioOperator', spec });

describe('IstioOperator validation', () => {
  it('accepts a typical configuration and null leaves', () => {
    const r = validateIstioOperator(
      iop({
        profile: 'demo',
        tag: 2,
        components: { pilot: { enabled: true, k8s: { resources: { requests: { cpu: '1' } } } }, cni: null },
        values: { global: { mountMtlsCerts: null }, pilot: { autoscaleEnabled: null } },
      }),
    );
    assert.deepEqual(r.errors, []);
  });

  it('names the path of an unknown field', () => {
    const r = validateIstioOperator(
      iop({ components: { pilot: { k8s: { tolerations: [{ thats: 'x' }] } } } }),
    );
    assert.equal(r.errors.length, 1);
    assert.match(
      r.errors[0]!,
      /could not unmarshal: unknown field "spec\.components\.pilot\.k8s\.tolerations\[0\]\.thats"/,
    );
    const typo = validateIstioOperator(iop({ compnents: {} }));
    assert.match(typo.errors[0]!, /unknown field "spec\.compnents"/);
  });

  it('checks values: top-level keys and tolerations anywhere', () => {
    const r = validateIstioOperator(
      iop({ values: { global: { defaultTolerations: [{ thats: 'x' }] }, bogus: 1 } }),
    );
    assert.equal(r.errors.length, 2);
    assert.ok(r.errors.every((e) => e.startsWith('invalid schema for values.')));
  });

  it('reports bad types, revisions and CIDRs', () => {
    const r = validateIstioOperator(
      iop({
        revision: 'Bad_Rev',
        components: { pilot: { enabled: 'yes' } },
        values: { global: { proxy: { includeIPRanges: '10.0.0.0/33' } } },
      }),
    );
    assert.equal(r.errors.length, 3);
    assert.ok(r.errors.some((e) => e === 'invalid revision specified: Bad_Rev'));
    assert.ok(r.errors.some((e) => /spec\.components\.pilot\.enabled: expected bool/.test(e)));
  });

  it('throws a data error unless forced', () => {
    const bad = iop({ nope: 1 });
    assert.throws(
      () => assertValid(bad, false),
      (e: Error & { exitCode?: number }) => e.exitCode === 65,
    );
    assert.match(assertValid(bad, true).join('\n'), /continuing because of --force/);
  });
});
