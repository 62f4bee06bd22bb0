import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnowledgeError } from '../../src/knowledge/errors.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { PROJECT_ROOT } from '../../src/knowledge/paths.js';

const fixtures = join(PROJECT_ROOT, 'test/fixtures');
const locality = join(PROJECT_ROOT, 'config/locality.yaml');

function issuesOf(intentsDir: string, localityFile = locality): string[] {
  try {
    loadKnowledge({ intentsDir, localityFile, rootDir: PROJECT_ROOT });
  } catch (error) {
    expect(error).toBeInstanceOf(KnowledgeError);
    return (error as KnowledgeError).issues.map((i) => `${i.file}:${i.line ?? '-'}: ${i.message}`);
  }
  throw new Error('expected a KnowledgeError');
}

describe('intent files', () => {
  it('loads a valid set, fills locality placeholders, titles from the first question', () => {
    const k = loadKnowledge({ intentsDir: join(fixtures, 'ok-intents'), localityFile: locality, rootDir: PROJECT_ROOT });
    expect([...k.intents.keys()]).toEqual(['chao', 'tam-biet']);
    expect(k.intents.get('chao')!.answer.vi).toBe('Chào bạn! Tôi ở An Giang.');
    expect(k.intents.get('chao')!.title.vi).toBe('Xin chào');
    expect(Object.isFrozen(k.intents.get('chao'))).toBe(true);
  });

  it('names the file, the line and the problem in plain words', () => {
    const issues = issuesOf(join(fixtures, 'broken-intents'));
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^test\/fixtures\/broken-intents\/hong\.yaml:\d+: is not valid YAML/),
        expect.stringMatching(/^test\/fixtures\/broken-intents\/loi\.yaml:12: "intent Sai Ten › id" must be lowercase letters, digits and dashes/),
        expect.stringMatching(/^test\/fixtures\/broken-intents\/loi\.yaml:22: "intent Sai Ten › links\.0\.url" must be a full https:\/\/ address/),
        expect.stringMatching(/^test\/fixtures\/broken-intents\/loi\.yaml:23: "intent thieu-tra-loi › answer" is missing/),
      ]),
    );
  });

  it('reports every problem at once, including dangling related ids and duplicate questions across intents', () => {
    const dir = mkdtempSync(join(tmpdir(), 'intents-'));
    cpSync(join(fixtures, 'ok-intents'), dir, { recursive: true });
    writeFileSync(join(dir, 'hai.yaml'), [
      'intents:',
      '  - id: khac',
      '    source: x',
      '    reviewed: 2026-11-29',
      '    utterances:',
      '      vi: ["Tạm biệt!!", cau moi]',
      '    answer: { vi: "Khác {tinh_la}" }',
      '    related: [chao, khong-co]',
      '  - id: chao',
      '    source: x',
      '    reviewed: 2026-11-29',
      '    utterances: { vi: [trùng id] }',
      '    answer: { vi: y }',
    ].join('\n'));
    const issues = issuesOf(dir);
    expect(issues.some((i) => /mot\.yaml:\d+: intent tam-biet: the question "tạm biệt" is the same as one of intent khac \(.*hai\.yaml:6\)/.test(i))).toBe(true);
    expect(issues.some((i) => /related names "khong-co", which is not an intent/.test(i))).toBe(true);
    expect(issues.some((i) => /mot\.yaml:\d+: intent id "chao" is already used in .*hai\.yaml:9/.test(i))).toBe(true);
    expect(issues.some((i) => /unknown placeholder \{tinh_la\}/.test(i))).toBe(true);
  });

  it('rejects an answer over the length limit and unknown fields', () => {
    const dir = mkdtempSync(join(tmpdir(), 'intents-'));
    writeFileSync(join(dir, 'dai.yaml'), `intents:\n  - id: dai\n    source: x\n    reviewed: 2026-11-29\n    utterances: { vi: [a b] }\n    answer: { vi: "${'x'.repeat(800)}" }\n    anwser: typo\n`);
    const issues = issuesOf(dir);
    expect(issues.some((i) => /answer\.vi" is too long/.test(i))).toBe(true);
    expect(issues.some((i) => /has an unknown field: anwser/.test(i))).toBe(true);
  });

  it('fills facts from _so-lieu.yaml and refuses hotline numbers or addresses typed into an answer', () => {
    const dir = mkdtempSync(join(tmpdir(), 'intents-'));
    writeFileSync(join(dir, '_so-lieu.yaml'), 'facts:\n  so_cuu_hoa: "114"\n  web_dich_vu_cong: dichvucong.gov.vn\n');
    const intent = (id: string, answer: string) => `  - id: ${id}\n    source: x\n    reviewed: 2026-11-29\n    utterances: { vi: [cau hoi ${id}] }\n    answer: { vi: "${answer}" }\n`;
    writeFileSync(join(dir, 'a.yaml'), `intents:\n${intent('dung', 'Gọi {so_cuu_hoa}, xem {web_dich_vu_cong}.')}`);
    const ok = loadKnowledge({ intentsDir: dir, localityFile: locality, rootDir: PROJECT_ROOT });
    expect(ok.intents.get('dung')!.answer.vi).toBe('Gọi 114, xem dichvucong.gov.vn.');
    writeFileSync(join(dir, 'b.yaml'), `intents:\n${intent('so-thang', 'Cháy nhà gọi 114 ngay.')}${intent('web-thang', 'Vào https://dichvucong.gov.vn nhé.')}${intent('di-dong', 'Gọi 0868 123 456.')}${intent('nam', 'Năm 2025 đạt 80%, Nghị định 13/2023/NĐ-CP.')}`);
    const issues = issuesOf(dir);
    expect(issues.some((i) => /so-thang › answer\.vi writes the number "114" directly: use a \{placeholder\}/.test(i))).toBe(true);
    expect(issues.some((i) => /web-thang › answer\.vi writes the address "https:\/\/dichvucong\.gov\.vn"/.test(i))).toBe(true);
    expect(issues.some((i) => /di-dong › answer\.vi writes the number/.test(i))).toBe(true);
    expect(issues.some((i) => /intent nam/.test(i))).toBe(false);
  });

  it('requires a review date on every intent', () => {
    const dir = mkdtempSync(join(tmpdir(), 'intents-'));
    writeFileSync(join(dir, 'a.yaml'), 'intents:\n  - id: a\n    source: x\n    utterances: { vi: [a b] }\n    answer: { vi: c }\n  - id: b\n    source: x\n    reviewed: hôm qua\n    utterances: { vi: [d e] }\n    answer: { vi: f }\n');
    const issues = issuesOf(dir);
    expect(issues.some((i) => /intent a › reviewed" is missing/.test(i))).toBe(true);
    expect(issues.some((i) => /intent b › reviewed" must be a date like 2026-11-29/.test(i))).toBe(true);
  });

  it('the shipped knowledge is valid and covers the content standard', () => {
    const k = loadKnowledge({ intentsDir: join(PROJECT_ROOT, 'intents'), localityFile: locality, rootDir: PROJECT_ROOT });
    expect(k.intents.size).toBeGreaterThanOrEqual(40);
    for (const intent of k.intents.values()) {
      expect(intent.utterances.vi.length, intent.id).toBeGreaterThanOrEqual(12);
      expect(intent.source.length, intent.id).toBeGreaterThan(0);
      expect(intent.reviewed, intent.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(intent.answer.vi.length, intent.id).toBeLessThanOrEqual(450);
      for (const link of intent.links) expect(link.url).toMatch(/^https:\/\//);
    }
  });
});
