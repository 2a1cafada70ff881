// How template functions are declared: a JS implementation plus the Go parameter types, because Go
// checks (and converts) arguments against them and its error messages name those types.

/**
 * Go parameter types the executor understands:
 *  'any'    interface{} (a missing value arrives as null)
 *  'value'  reflect.Value (builtins; a missing value arrives as NO_VALUE)
 *  'string' | 'int' | 'int64' | 'float64' | 'bool'  must be exactly that Go type
 *  'map'    map[string]interface {}; '[]any' []interface {}; other strings: any value, named in errors.
 */
export type ParamType = string;

export interface GoFunc {
  fn: (...args: any[]) => unknown;
  params: ParamType[];
  variadic: boolean;
  /** and/or/call get special evaluation. */
  special?: 'and' | 'or' | 'call';
}

export type FuncMap = Record<string, GoFunc>;

/** Declare a function: `def(['string', 'int'], impl)`; a trailing '...T' makes it variadic. */
export function def(params: ParamType[], fn: (...args: any[]) => unknown): GoFunc {
  const last = params[params.length - 1];
  if (last?.startsWith('...')) {
    return { fn, params: [...params.slice(0, -1), last.slice(3)], variadic: true };
  }
  return { fn, params, variadic: false };
}

/** A plain JS function given by a caller: variadic interface{} arguments. */
export function fromJs(fn: Function): GoFunc {
  const sig = (fn as any).goParams as ParamType[] | undefined;
  if (sig) return def(sig, fn as any);
  return { fn: fn as any, params: ['any'], variadic: true };
}

/** A Go error returned by a function: "error calling NAME: <message>". */
export class GoError extends Error {}
