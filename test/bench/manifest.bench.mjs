// manifest generate --set profile=demo, against the real istioctl in the same run (goal: ≤ 0.5×).
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export default ({ node, bin, root }) => {
  const istioctl = [
    join(root, '.cache', 'oracles', 'bin', 'istioctl'),
    join(root, '.cache', 'gotemplate', 'istioctl'),
  ].find((p) => existsSync(p));
  const args = ['manifest', 'generate', '--set', 'profile=demo'];
  return [
    {
      name: 'istioctl (upstream 1.30.3) manifest generate demo',
      cmd: [istioctl ?? 'istioctl', ...args],
      runs: 7,
      skip: istioctl ? undefined : 'oracle unavailable: no upstream istioctl in .cache/oracles/bin',
    },
    {
      name: 'istioctl-ts manifest generate demo',
      cmd: [node, bin, ...args],
      baseline: istioctl ? 'istioctl (upstream 1.30.3) manifest generate demo' : undefined,
      runs: 7,
    },
  ];
};
