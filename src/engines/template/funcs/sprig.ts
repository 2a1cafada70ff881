// Sprig v3's text function map (github.com/Masterminds/sprig/v3 TxtFuncMap), optionally as Helm trims it.
import type { FuncMap } from '../func-types.js';
import { def, GoError } from '../func-types.js';
import { semverFuncs } from './semver.js';
import { sprigCryptoFuncs } from './sprig-crypto.js';
import { sprigDataFuncs } from './sprig-data.js';
import { sprigMiscFuncs } from './sprig-misc.js';
import { sprigStringFuncs } from './sprig-strings.js';
import { sprigTimeFuncs } from './sprig-time.js';

export function sprigFuncs(env: Record<string, string | undefined>, helm: boolean): FuncMap {
  const fm: FuncMap = {
    ...sprigStringFuncs(),
    ...sprigDataFuncs(),
    ...sprigMiscFuncs(env),
    ...sprigTimeFuncs(),
    ...sprigCryptoFuncs(),
    ...semverFuncs(),
    fail: def(['string'], (msg: string) => {
      throw new GoError(msg);
    }),
  };
  if (helm) {
    delete fm.env;
    delete fm.expandenv;
  }
  return fm;
}
