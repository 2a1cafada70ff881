import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { table, tabwrite } from '../../src/writers/tabwriter.js';

describe('tabwriter', () => {
  it('pads each column to its widest cell plus padding; the last cell is not padded', () => {
    assert.equal(
      table(
        [
          ['NAME', 'PORT', 'X'],
          ['a', '15000', 'yes'],
        ],
        3,
      ),
      'NAME   PORT    X\na      15000   yes\n',
    );
  });

  it('computes widths per block of consecutive lines that have the column', () => {
    const text = 'a\tb\tc\nlonger\tb\tc\nno tabs here\nx\ty\tz\n';
    assert.equal(tabwrite(text, 1), 'a      b c\nlonger b c\nno tabs here\nx y z\n');
  });

  it('counts runes, not UTF-16 units', () => {
    assert.equal(
      table(
        [
          ['✔', 'a'],
          ['ab', 'b'],
        ],
        1,
      ),
      '✔  a\nab b\n',
    );
  });

  it('handles empty cells and trailing tabs', () => {
    assert.equal(tabwrite('a\t\tb\nccc\tdd\t\n', 2), 'a        b\nccc  dd  \n');
  });
});
