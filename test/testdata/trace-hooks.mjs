// Module hooks for the lazy-loading test: record every resolved module URL in $TRACE_FILE.
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (process.env.TRACE_FILE) appendFileSync(process.env.TRACE_FILE, `${r.url}\n`);
  return r;
}
