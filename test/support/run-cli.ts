// Test helpers: run the program in-process with buffered IO, or the built bin as a process.
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Deps } from '../../src/cli/deps.js';
import { errorMessage, exitCodeFor, SilentExit } from '../../src/cli/errors.js';
import { type BufferIO, bufferIO } from '../../src/cli/io.js';
import { runProgram } from '../../src/cli/program.js';
import { lineProgress } from '../../src/cli/progress.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { nodeFiles } from '../../src/inputs/files.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The shared reference folder, read at test time and never copied. */
export const sharedRoot = resolve(repoRoot, '..', 'shared');
export const conformanceRoot = resolve(sharedRoot, 'conformance', 'istio-1.30.3');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function testDeps(
  opts: { io?: BufferIO; cluster?: Cluster; env?: Record<string, string>; cwd?: string } = {},
): Deps & {
  io: BufferIO;
} {
  const io = opts.io ?? bufferIO();
  return {
    io,
    env: opts.env ?? {},
    cwd: opts.cwd ?? repoRoot,
    files: nodeFiles,
    packageRoot: repoRoot,
    cluster: async () => {
      if (!opts.cluster) throw new Error('no cluster in this test');
      return opts.cluster;
    },
    progress: lineProgress(io.err),
    now: () => new Date('2026-01-01T00:00:00Z'),
  };
}

/** Runs istioctl in-process, as main() would, mapping errors to exit codes. */
export async function runCli(
  args: string[],
  opts: { cluster?: Cluster; stdin?: string; env?: Record<string, string>; cwd?: string } = {},
): Promise<CliResult> {
  const deps = testDeps({ io: bufferIO({ stdin: opts.stdin ?? '' }), ...opts });
  let code = 0;
  try {
    await runProgram(deps, args);
  } catch (err) {
    code = exitCodeFor(err);
    if (!(err instanceof SilentExit)) deps.io.err.write(`Error: ${errorMessage(err)}\n`);
  }
  return { code, stdout: deps.io.stdout(), stderr: deps.io.stderr() };
}

/** Runs the built executable (npm test builds dist/ first). */
export function runBin(
  args: string[],
  opts: { env?: Record<string, string>; input?: string; cwd?: string } = {},
): CliResult {
  const res = spawnSync(process.execPath, [resolve(repoRoot, 'bin', 'istioctl.js'), ...args], {
    encoding: 'utf8',
    input: opts.input ?? '',
    cwd: opts.cwd ?? repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...opts.env },
    maxBuffer: 1 << 30,
  });
  return { code: res.status ?? -1, stdout: res.stdout, stderr: res.stderr };
}
