import { describe, expect, it } from 'vitest';
import { createSpellingCorrector, withinOneEdit } from '../../src/nlu/spelling.js';

describe('typo correction for unknown words', () => {
  const corrector = createSpellingCorrector(new Map([['chuyen', 5], ['truc', 3], ['tuyen', 4], ['huyen', 1], ['113', 2]]));

  it('maps a word one edit away to the known word', () => {
    expect(corrector.correct('chuyn')).toBe('chuyen'); // deletion
    expect(corrector.correct('chuyenn')).toBe('chuyen'); // insertion
    expect(corrector.correct('tuyn')).toBe('tuyen');
    expect(corrector.correct('tuyne')).toBe('tuyen'); // swap
  });

  it('leaves known, short, numeric and far-away words alone', () => {
    expect(corrector.correct('huyen')).toBe('huyen');
    expect(corrector.correct('trc')).toBe('trc');
    expect(corrector.correct('114')).toBe('114');
    expect(corrector.correct('abcdef')).toBe('abcdef');
  });

  it('computes the one-edit relation exactly', () => {
    expect(withinOneEdit('abcd', 'abdc')).toBe(true);
    expect(withinOneEdit('abcd', 'badc')).toBe(false);
    expect(withinOneEdit('abc', 'abcde')).toBe(false);
  });
});
