import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { trimSpace } from '../../../src/engines/template/funcs/sprig-strings.js';

describe('trimSpace', () => {
  it('trims exactly what /^[\\s\\u0085\\u00a0]+|[\\s\\u0085\\u00a0]+$/gu does, for every BMP character', () => {
    const byRegExp = (s: string) => s.replace(/^[\s\u0085\u00a0]+|[\s\u0085\u00a0]+$/gu, '');
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const t of [ch, `${ch}a${ch}`, `a${ch}${ch}`, `x${ch}y`, `\ud83d\ude00${ch}`]) {
        if (trimSpace(t) !== byRegExp(t)) assert.equal(trimSpace(t), byRegExp(t), JSON.stringify(t));
      }
    }
    assert.equal(trimSpace(' \t\n a b \u0085\u00a0\u2028'), 'a b');
  });
});
