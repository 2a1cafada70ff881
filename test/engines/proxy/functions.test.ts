import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DataError } from '../../../src/cli/errors.js';
import { ConfigDump, parseConfigDump } from '../../../src/engines/proxy/config-dump.js';
import { type ListenerFilter, listenerMatches } from '../../../src/engines/proxy/listeners.js';
import { renderBootstrap } from '../../../src/engines/proxy/render.js';
import { describeRouteDomains } from '../../../src/engines/proxy/routes.js';
import { rootCAsMatch } from '../../../src/engines/proxy/secrets.js';
import { conformanceRoot } from '../../support/run-cli.js';

const root = join(conformanceRoot, 'proxy-config');

interface Case {
  name: string;
  kind: string;
  function?: string;
  command?: string;
  input?: Record<string, unknown> | null;
  options?: Record<string, unknown>;
  want?: unknown;
  expectError?: boolean;
}

const cases = JSON.parse(readFileSync(join(root, 'cases.json'), 'utf8')) as Case[];

function selfSigned(cn: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'rootca-'));
  const cert = join(dir, 'c.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      join(dir, 'k.pem'),
    ].concat(['-out', cert, '-days', '1', '-subj', `/CN=${cn}`]),
    { stdio: 'ignore' },
  );
  return readFileSync(cert, 'utf8');
}

describe('proxy-config function cases', () => {
  const certs: Record<string, string> = {};
  const pem = (spec: string): string => {
    if (spec === 'invalid data') return spec;
    return spec
      .split('+')
      .map((n) => {
        certs[n] ??= selfSigned(n);
        return certs[n];
      })
      .join('');
  };

  for (const c of cases.filter((x) => x.kind === 'function')) {
    it(c.name, () => {
      const input = c.input as Record<string, unknown>;
      if (c.function === 'describeRouteDomains') {
        assert.equal(describeRouteDomains(input.domains as string[]), c.want);
      } else if (c.function === 'ListenerFilter.Verify') {
        const f = input.filter as ListenerFilter;
        assert.equal(listenerMatches(f, input.listener as Record<string, unknown>), c.want);
      } else {
        const want = c.want as { match: boolean; error: string | null };
        const run = () => rootCAsMatch(pem(String(input.pod1RootCA)), pem(String(input.pod2RootCA)));
        if (want.error)
          assert.throws(run, (e: Error) => e.message.startsWith('failed to parse certificates'));
        else assert.equal(run(), want.match);
      }
    });
  }
});

describe('proxy-config writer-unit cases', () => {
  for (const c of cases.filter((x) => x.kind === 'writer-unit')) {
    it(c.name, () => {
      assert.equal(c.expectError, true);
      if (c.command === 'bootstrap') {
        // Not primed: an empty dump has no bootstrap section to print.
        const format = c.options?.output === 'short' ? 'short' : 'json';
        assert.throws(() => renderBootstrap(ConfigDump.fromConfigs([]), format), /no configuration type/);
      } else {
        const bytes = String(c.options?.bytes ?? '');
        assert.throws(() => parseConfigDump(bytes, 'dump.json', true), DataError);
        assert.throws(() => parseConfigDump(bytes, 'pod.ns'), /error unmarshalling config dump/);
      }
    });
  }
});
