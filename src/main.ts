// The only module that touches `process`: it builds Deps from the real world, runs the
// program, and maps typed errors to istioctl's exit codes (1, 64, 65, 79). Never a stack
// trace unless --debug or ISTIOCTL_DEBUG asks for one.
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { isatty } from 'node:tty';
import { fileURLToPath } from 'node:url';
import type { Deps } from './cli/deps.js';
import { errorMessage, exitCodeFor, SilentExit } from './cli/errors.js';
import type { IO } from './cli/io.js';
import { type ConfigDefaults, runProgram } from './cli/program.js';
import { lineProgress, spinnerProgress } from './cli/progress.js';
import type { ClusterOptions } from './cluster/cluster.js';
import { nodeFiles } from './inputs/files.js';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function colorAllowed(env: NodeJS.ProcessEnv, tty: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return tty && env.TERM !== 'dumb';
}

function processIO(proc: NodeJS.Process): IO {
  const outTTY = proc.stdout.isTTY === true;
  const errTTY = proc.stderr.isTTY === true;
  return {
    out: { write: (s) => void proc.stdout.write(s), isTTY: outTTY },
    err: { write: (s) => void proc.stderr.write(s), isTTY: errTTY },
    // Not proc.stdin.isTTY: creating the stdin stream loads Node's stream, readline and fs/promises
    // modules (~2 ms) that most commands never use.
    stdinIsTTY: isatty(0),
    colorOut: colorAllowed(proc.env, outTTY),
    colorErr: colorAllowed(proc.env, errTTY),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of proc.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    confirm: async (question) => {
      proc.stderr.write(question);
      const { createInterface } = await import('node:readline');
      const rl = createInterface({ input: proc.stdin });
      const line = await new Promise<string>((res) => {
        rl.once('line', res);
        rl.once('close', () => res(''));
      });
      rl.close();
      return /^y(es)?$/i.test(line.trim());
    },
  };
}

/** istioctl's defaults file: $ISTIOCONFIG, else $HOME/.istioctl/config.yaml (a missing default is fine). */
async function readConfigDefaults(env: NodeJS.ProcessEnv): Promise<ConfigDefaults> {
  const custom = env.ISTIOCONFIG;
  const path = custom || join(homedir(), '.istioctl', 'config.yaml');
  let text: string;
  try {
    text = await nodeFiles.readFile(path);
  } catch (err) {
    if (custom) throw new Error(`Could not initialize: ${errorMessage(err)}`);
    return {};
  }
  const { parse } = await import('yaml');
  const doc = parse(text) as unknown;
  return doc && typeof doc === 'object' ? (doc as ConfigDefaults) : {};
}

function flush(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((res) => {
    if (stream.writableLength === 0) res();
    else stream.write('', () => res());
  });
}

export async function main(proc: NodeJS.Process): Promise<void> {
  const io = processIO(proc);
  const env = proc.env;
  const deps: Deps = {
    io,
    env,
    cwd: proc.cwd(),
    files: nodeFiles,
    packageRoot,
    cluster: async (opts: ClusterOptions) => {
      const { connect } = await import('./cluster/kube.js');
      return connect(opts, env);
    },
    progress: io.err.isTTY ? spinnerProgress(proc.stderr, io.err) : lineProgress(io.err),
    now: () => new Date(),
  };
  const args = proc.argv.slice(2);
  let code = 0;
  try {
    await runProgram(deps, args, await readConfigDefaults(env));
  } catch (err) {
    code = exitCodeFor(err);
    if (!(err instanceof SilentExit)) {
      const debug = args.includes('--debug') || (env.ISTIOCTL_DEBUG ?? '') !== '';
      io.err.write(`Error: ${debug && err instanceof Error && err.stack ? err.stack : errorMessage(err)}\n`);
    }
  }
  await Promise.all([flush(proc.stdout), flush(proc.stderr)]);
  // Exit explicitly: a keep-alive socket of the Kubernetes client must not hold the process open.
  proc.exit(code);
}
