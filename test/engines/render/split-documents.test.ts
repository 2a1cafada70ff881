import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { splitDocuments } from '../../../src/engines/render/generate.js';
import { repoRoot } from '../../support/run-cli.js';

const bySeparatorRegExp = (s: string) => s.split(/(?:^|\s*\n)---\s*/);

describe('splitDocuments', () => {
  it('splits exactly as the releaseutil separator regexp does', () => {
    const texts = [
      '',
      '---',
      '---\n',
      '\n---',
      ' \n---x',
      'a\n---\nb',
      'a  \n \n---  \n\n---\nb',
      '---a',
      'a---b',
      'x\n----\ny',
      '\u00a0\n---\u2028y',
      '---\n---\n---',
      ' ---',
      'a\r\n---\r\nb',
    ];
    const alphabet = ['-', '-', '-', '\n', ' ', '\t', 'a', '\r', '\u00a0'];
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let i = 0; i < 20000; i++) {
      let t = '';
      for (let j = Math.floor(rnd() * 14); j > 0; j--) t += alphabet[Math.floor(rnd() * alphabet.length)];
      texts.push(t);
    }
    for (const t of texts) assert.deepEqual(splitDocuments(t), bySeparatorRegExp(t), JSON.stringify(t));
  });

  it('splits every chart file as the regexp does', () => {
    const charts = join(repoRoot, 'manifests', 'charts');
    for (const p of readdirSync(charts, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.yaml'),
    )) {
      const t = readFileSync(join(charts, p), 'utf8');
      assert.deepEqual(splitDocuments(t), bySeparatorRegExp(t), p);
    }
  });
});
