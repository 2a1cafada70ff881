// Start-up: istioctl --help and version --remote=false against bare node in the same run.
export default ({ node, bin }) => [
  { name: 'node -e 0', cmd: [node, '-e', '0'], runs: 21 },
  { name: 'istioctl --help', cmd: [node, bin, '--help'], baseline: 'node -e 0', runs: 21 },
  {
    name: 'istioctl version --remote=false',
    cmd: [node, bin, 'version', '--remote=false'],
    baseline: 'node -e 0',
    runs: 21,
  },
];
