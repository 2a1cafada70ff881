import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goSortSlice } from '../../../src/engines/proxy/go-sort.js';
import { runCli } from '../../support/run-cli.js';

/** 30 route configs whose names are numbers, non-numbers or absent (static routes). */
function routeDump(): string {
  const names: string[] = [];
  for (let i = 0; i < 30; i++) {
    names.push(
      i % 3 === 0
        ? String(9000 - i * 7)
        : i % 3 === 1
          ? `inbound|${i}||x`
          : i % 5 === 2
            ? ''
            : String(80 + i),
    );
  }
  const rc = (n: string, i: number) => ({
    route_config: {
      '@type': 'type.googleapis.com/envoy.config.route.v3.RouteConfiguration',
      ...(n ? { name: n } : {}),
      virtual_hosts: [
        { name: `vh${i}`, domains: ['*'], routes: [{ match: { prefix: '/' }, route: { cluster: 'c' } }] },
      ],
    },
  });
  const indexed = names.map((n, i) => [n, i] as const);
  return JSON.stringify({
    configs: [
      {
        '@type': 'type.googleapis.com/envoy.admin.v3.RoutesConfigDump',
        dynamic_route_configs: indexed.filter(([n]) => n).map(([n, i]) => rc(n, i)),
        static_route_configs: indexed.filter(([n]) => !n).map(([n, i]) => rc(n, i)),
      },
    ],
  });
}

describe('Go sort.Slice order', () => {
  it('route tables follow pdqsort with a comparator that leaves most pairs unordered', async () => {
    const res = await runCli(['pc', 'routes', '-f', '-'], { stdin: routeDump() });
    assert.equal(res.code, 0, res.stderr);
    const vhosts = res.stdout
      .split('\n')
      .slice(1, -1)
      .map((l) => (l.startsWith(' ') ? l.trim().split(/\s+/)[0] : l.split(/\s+/)[1]));
    // The order istioctl 1.30 prints for this dump (recorded from the real binary).
    const want =
      'vh5 vh8 vh11 vh14 vh20 vh23 vh1 vh6 vh9 vh10 vh4 vh12 vh13 vh3 vh15 vh16 vh18 vh19 vh7 vh21 vh22 vh0 vh24 vh25 vh26 vh27 vh28 vh29 vh2 vh17';
    assert.equal(vhosts.join(' '), want);
  });

  it('short inputs are insertion-sorted (stable)', () => {
    const xs = [3, 1, 2, 1, 3].map((v, i) => ({ v, i }));
    goSortSlice(xs, (a, b) => a.v < b.v);
    assert.deepEqual(
      xs.map((x) => x.i),
      [1, 3, 2, 0, 4],
    );
  });

  it('long inputs are fully ordered under a strict order', () => {
    const xs = Array.from({ length: 500 }, (_, i) => (i * 7919) % 1000);
    goSortSlice(xs, (a, b) => a < b);
    assert.deepEqual(
      xs,
      [...xs].sort((a, b) => a - b),
    );
  });
});
