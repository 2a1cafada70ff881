// compareStrings orders as Go's string comparison does (bytewise UTF-8): checked against the bytes on
// random strings that mix ASCII, BMP text past U+D800, astral characters and shared prefixes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareStrings } from '../../../src/engines/template/values.js';

const ALPHABET = [
  'a',
  'b',
  'z',
  'A',
  '0',
  '-',
  '\u00e9',
  '\u4e2d',
  '\ud7ff',
  '\ue000',
  '\uffee',
  '\u{1f600}',
  '\u{10000}',
];

function randomString(seed: () => number): string {
  const n = Math.floor(seed() * 6);
  let s = '';
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(seed() * ALPHABET.length)];
  return s;
}

describe('compareStrings', () => {
  it('matches Buffer.compare of the UTF-8 bytes', () => {
    let state = 42;
    const seed = () => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state / 2 ** 31;
    };
    for (let k = 0; k < 20_000; k++) {
      const prefix = randomString(seed);
      const a = prefix + randomString(seed);
      const b = prefix + randomString(seed);
      const want = Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b)));
      assert.equal(Math.sign(compareStrings(a, b)), want, JSON.stringify([a, b]));
    }
  });

  it('puts U+E000 before an astral character, unlike UTF-16 order', () => {
    assert.ok('\u{1f600}' < '\ue000');
    assert.equal(compareStrings('\ue000', '\u{1f600}'), -1);
    assert.equal(compareStrings('ab', 'abc'), -1);
    assert.equal(compareStrings('b', 'abc'), 1);
  });
});
