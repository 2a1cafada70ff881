// IO streams passed to every command. Commands write data to `out`, progress and logs to `err`.
// Tests use bufferIO() to capture both; only main.ts wires them to the real process streams.

export interface OutStream {
  write(chunk: string): void;
  readonly isTTY: boolean;
}

export interface IO {
  out: OutStream;
  err: OutStream;
  /** Reads all of standard input (for `-f -`). */
  readStdin(): Promise<string>;
  /** Whether standard input is an interactive terminal (confirmation prompts). */
  readonly stdinIsTTY: boolean;
  /** Whether colour may be used on `out`/`err` (TTY, NO_COLOR, --color). */
  colorOut: boolean;
  colorErr: boolean;
  /** Asks a yes/no question on stderr and reads one line of stdin. */
  confirm(question: string): Promise<boolean>;
}

export interface BufferIO extends IO {
  stdout(): string;
  stderr(): string;
}

export function bufferIO(opts: { stdin?: string; tty?: boolean; answers?: string[] } = {}): BufferIO {
  let out = '';
  let err = '';
  const answers = [...(opts.answers ?? [])];
  const tty = opts.tty ?? false;
  return {
    out: {
      write: (s) => {
        out += s;
      },
      isTTY: tty,
    },
    err: {
      write: (s) => {
        err += s;
      },
      isTTY: tty,
    },
    readStdin: async () => opts.stdin ?? '',
    stdinIsTTY: tty,
    colorOut: false,
    colorErr: false,
    confirm: async (q) => {
      err += q;
      const a = answers.shift() ?? '';
      return /^y(es)?$/i.test(a.trim());
    },
    stdout: () => out,
    stderr: () => err,
  };
}
