// Typed errors. main.ts is the one place that maps them to exit codes (istioctl's sysexits.go):
// 64 usage, 65 unparseable input, 79 analysis findings, 1 everything else.

export class IstioctlError extends Error {
  readonly exitCode: number = 1;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad command line: unknown command or flag, bad flag value. Exit 64 (EX_USAGE). */
export class UsageError extends IstioctlError {
  override readonly exitCode = 64;
}

export interface SourcePosition {
  file: string;
  line?: number;
  col?: number;
}

/** Input that cannot be parsed. Exit 65 (EX_DATAERR). The message names file:line:col. */
export class DataError extends IstioctlError {
  override readonly exitCode = 65;
  readonly position?: SourcePosition;
  constructor(message: string, position?: SourcePosition) {
    super(position ? `${formatPosition(position)}: ${message}` : message);
    this.position = position;
  }
}

/** Analysis produced messages at or above the failure threshold. Exit 79. */
export class FoundIssuesError extends IstioctlError {
  override readonly exitCode = 79;
}

/**
 * An error whose output was already written (for example analyze's report or a
 * `Cancelled.` line): main only sets the exit code and prints nothing more.
 */
export class SilentExit extends IstioctlError {
  override readonly exitCode: number;
  constructor(exitCode: number) {
    super('');
    this.exitCode = exitCode;
  }
}

export function formatPosition(p: SourcePosition): string {
  let s = p.file;
  if (p.line !== undefined) {
    s += `:${p.line}`;
    if (p.col !== undefined) s += `:${p.col}`;
  }
  return s;
}

export function exitCodeFor(err: unknown): number {
  if (err instanceof IstioctlError) return err.exitCode;
  return 1;
}

/** The text users see after `Error: ` (never a stack). */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}
