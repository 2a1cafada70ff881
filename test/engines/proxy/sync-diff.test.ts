import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rfc1123 } from '../../../src/engines/proxy/sync-diff.js';

describe('RDS load time (Go time.RFC1123 in the local zone)', () => {
  const t = new Date('2026-03-04T05:06:07.123Z');
  it('UTC, under any of its names', () => {
    for (const z of ['UTC', 'Etc/UTC', 'Universal'])
      assert.equal(rfc1123(t, z), 'Wed, 04 Mar 2026 05:06:07 UTC');
  });
  it('US zones, crossing midnight backwards', () => {
    assert.equal(rfc1123(t, 'America/New_York'), 'Wed, 04 Mar 2026 00:06:07 EST');
    assert.equal(rfc1123(t, 'America/Los_Angeles'), 'Tue, 03 Mar 2026 21:06:07 PST');
  });
  it('an unknown zone falls back to UTC', () => {
    assert.equal(rfc1123(t, 'Nowhere/Zone'), 'Wed, 04 Mar 2026 05:06:07 UTC');
  });
});
