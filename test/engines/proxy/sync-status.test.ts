import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { humanDuration, istiodID, statusTable } from '../../../src/engines/proxy/sync-status.js';

describe('proxy-status sync table', () => {
  it('ages read like kubectl (k8s HumanDuration)', () => {
    const s = 1000;
    const cases: Array<[number, string]> = [
      [-5 * s, '<invalid>'],
      [-500, '0s'],
      [59 * s, '59s'],
      [119 * s, '119s'],
      [125 * s, '2m5s'],
      [600 * s, '10m'],
      [3 * 3600 * s + 5 * 60 * s, '3h5m'],
      [9 * 3600 * s, '9h'],
      [50 * 3600 * s, '2d2h'],
      [10 * 86400 * s, '10d'],
      [800 * 86400 * s, '2y70d'],
      [9 * 365 * 86400 * s, '9y'],
    ];
    for (const [ms, want] of cases) assert.equal(humanDuration(ms), want, String(ms));
  });

  it('the istiod column comes from the control plane identifier', () => {
    assert.equal(
      istiodID({ controlPlane: { identifier: '{"Component":"istiod","ID":"istiod-x"}' } }),
      'istiod-x',
    );
    assert.equal(istiodID({}), 'MISSING');
    assert.equal(istiodID({ controlPlane: { identifier: 'nope' } }), 'INVALID');
  });

  it('verbose cells carry the age since the last update; legacy xdsConfig maps to the core types', () => {
    const now = new Date('2026-01-01T01:00:00Z');
    const resp = {
      controlPlane: { identifier: '{"ID":"istiod-1"}' },
      resources: [
        {
          node: {
            id: 'b.ns',
            metadata: { CLUSTER_ID: 'Kubernetes', ISTIO_VERSION: '1.30.3', NAMESPACE: 'ns' },
          },
          genericXdsConfigs: [
            {
              typeUrl: 'type.googleapis.com/envoy.config.cluster.v3.Cluster',
              configStatus: 'SYNCED',
              lastUpdated: '2026-01-01T00:55:00Z',
            },
            { typeUrl: 'type.googleapis.com/istio.networking.nds.v1.NameTable', configStatus: 'ERROR' },
          ],
        },
        {
          node: {
            id: 'a.ns',
            metadata: { CLUSTER_ID: 'Kubernetes', ISTIO_VERSION: '1.29.0', NAMESPACE: 'other' },
          },
          xdsConfig: [{ status: 'STALE', listenerConfig: {} }, { clusterConfig: {} }],
        },
      ],
    };
    const table = statusTable(new Map([['istiod-1', resp]]), { namespace: '', verbosity: 1, now });
    const lines = table.split('\n');
    assert.match(lines[0]!, /^NAME\s+CLUSTER\s+CDS\s+ECDS\s+EDS\s+LDS\s+RDS\s+NDS\s+ISTIOD\s+VERSION$/);
    assert.match(
      lines[1]!,
      /^a\.ns\s+Kubernetes\s+IGNORED\s+IGNORED\s+IGNORED\s+STALE\s+IGNORED\s+IGNORED\s+istiod-1\s+1\.29\.0$/,
    );
    assert.match(
      lines[2]!,
      /^b\.ns\s+Kubernetes\s+SYNCED \(5m\)\s+IGNORED\s+IGNORED\s+IGNORED\s+IGNORED\s+ERROR\s+istiod-1\s+1\.30\.3$/,
    );
    const short = statusTable(new Map([['istiod-1', resp]]), { namespace: 'ns', verbosity: 0, now });
    assert.equal(short.split('\n').length, 3);
    assert.match(short, /b\.ns\s+Kubernetes\s+istiod-1\s+1\.30\.3\s+2 \(CDS,NDS\)/);
  });
});
