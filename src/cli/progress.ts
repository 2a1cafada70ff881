// Progress on stderr: an ora spinner on a TTY, plain lines otherwise (CI logs stay readable).
import type { OutStream } from './io.js';

export interface ProgressTask {
  update(text: string): void;
  succeed(text: string): void;
  fail(text: string): void;
  warn(text: string): void;
}

export interface Progress {
  start(text: string): ProgressTask;
  /** A plain line on stderr. */
  log(text: string): void;
}

/** Plain-line progress: prints only the final ✔/✘ line of each task, as istioctl does off a TTY. */
export function lineProgress(err: OutStream): Progress {
  return {
    start: () => ({
      update: () => {},
      succeed: (t) => err.write(`✔ ${t}\n`),
      fail: (t) => err.write(`✘ ${t}\n`),
      warn: (t) => err.write(`! ${t}\n`),
    }),
    log: (t) => err.write(`${t}\n`),
  };
}

/** Spinner progress through ora, loaded on first use so that start-up never pays for it. */
export function spinnerProgress(stream: NodeJS.WriteStream, err: OutStream): Progress {
  return {
    start(text) {
      let spinner: import('ora').Ora | undefined;
      let done = false;
      const ready = import('ora').then(({ default: ora }) => {
        if (!done) spinner = ora({ text, stream }).start();
      });
      const finish = (kind: 'succeed' | 'fail' | 'warn', t: string) => {
        done = true;
        if (spinner) spinner[kind](t);
        else {
          const mark = kind === 'succeed' ? '✔' : kind === 'fail' ? '✘' : '!';
          err.write(`${mark} ${t}\n`);
          void ready.then(() => spinner?.stop());
        }
      };
      return {
        update: (t) => {
          if (spinner) spinner.text = t;
        },
        succeed: (t) => finish('succeed', t),
        fail: (t) => finish('fail', t),
        warn: (t) => finish('warn', t),
      };
    },
    log: (t) => err.write(`${t}\n`),
  };
}
