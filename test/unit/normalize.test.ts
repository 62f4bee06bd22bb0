import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { join } from 'node:path';
import { createLexicon, foldDiacritics, normalizeText, normalizeTokens, splitWords, squeezeRepeats } from '../../src/nlu/normalize.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { PROJECT_ROOT } from '../../src/knowledge/paths.js';

const knowledge = loadKnowledge({ intentsDir: join(PROJECT_ROOT, 'intents'), localityFile: join(PROJECT_ROOT, 'config/locality.yaml'), rootDir: PROJECT_ROOT });
const lexicon = createLexicon(knowledge.lexicon);

describe('normalizer', () => {
  it('folds tones and vowel marks, and đ to d', () => {
    expect(foldDiacritics('Chuyển đổi số Đà Nẵng')).toBe('Chuyen doi so Da Nang');
    expect(normalizeText('CHUYỂN ĐỔI SỐ')).toBe('chuyen doi so');
  });

  it('treats composed and decomposed Unicode the same (NFC)', () => {
    const decomposed = 'chuyển đổi số'.normalize('NFD');
    expect(normalizeText(decomposed)).toBe(normalizeText('chuyển đổi số'));
  });

  it('drops punctuation, emoji and invisible characters', () => {
    expect(normalizeText('Chuyển đổi số là gì???!!! 🤔😀')).toBe('chuyen doi so la gi');
    expect(normalizeText('chuyển\u200Bđổi\u200D số\u200F\u202E')).toBe('chuyen doi so');
    expect(normalizeTokens('🙂🙂🙂')).toEqual([]);
  });

  it('squeezes letters people repeat for emphasis, but not digits', () => {
    expect(squeezeRepeats('chàooo')).toBe('chào');
    expect(squeezeRepeats('nhaa')).toBe('nha');
    expect(normalizeText('alooooo 113 5656')).toBe('alo 113 5656');
  });

  it('keeps Vietnamese letters together when splitting words', () => {
    expect(splitWords('Hồ sơ, thủ-tục/online')).toEqual(['hồ', 'sơ', 'thủ', 'tục', 'online']);
  });

  it('never throws and always yields folded ASCII-range words for any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: 'binary' }), (text) => {
        const tokens = normalizeTokens(text, lexicon);
        for (const t of tokens) expect(t).not.toMatch(/[\s\u0300-\u036f]/);
      }),
    );
  });

  it('is idempotent: normalizing normalized text changes nothing', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (text) => {
      const once = normalizeText(text);
      expect(normalizeText(once)).toBe(once);
    }));
  });
});

describe('lexicon (intents/_lexicon.yaml)', () => {
  it.each([
    ['cđs là j v ad', 'chuyen doi so la gi vay ad'],
    ['ko bit nop ho so online ntn', 'khong biet nop ho so truc tuyen nhu the nao'],
    ['k dc', 'khong duoc'],
    ['hok đc', 'khong duoc'],
    ['phí bn', 'phi bao nhieu'],
    ['dvc là gì', 'dich vu cong la gi'],
    ['cccd gắn chip', 'can cuoc cong dan gan chip'],
    ['cho xin sdt', 'cho xin so dien thoai'],
    ['số đt của ad', 'so dien thoai cua ad'],
    ['dk vneid', 'dang ky vneid'],
  ])('expands "%s"', (input, expected) => {
    expect(normalizeText(input, lexicon)).toBe(expected);
  });

  it('matches a variant only as written: "hông" is không, "hong" stays', () => {
    expect(normalizeText('hông biết', lexicon)).toBe('khong biet');
    expect(normalizeText('hong biet', lexicon)).toBe('hong biet');
  });

  it('prefers the longest variant', () => {
    const lex = createLexicon(new Map([['số đt', 'số điện thoại'], ['đt', 'điện thoại']]));
    expect(normalizeText('số đt', lex)).toBe('so dien thoai');
    expect(normalizeText('đt', lex)).toBe('dien thoai');
  });
});
