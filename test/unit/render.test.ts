import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { splitText } from '../../src/channels/split-text.js';
import { renderTelegram } from '../../src/channels/telegram/render.js';
import { renderZalo } from '../../src/channels/zalo/render.js';
import type { Reply } from '../../src/conversation/types.js';
import { shippedBrain } from '../support/knowledge.js';

const long = (paragraphs: number, size: number) => Array.from({ length: paragraphs }, (_, i) => `Đoạn ${i}: ${'chữ '.repeat(size)}`.trim()).join('\n\n');

describe('splitting long replies', () => {
  it('splits at paragraph boundaries under the limit and loses no words', () => {
    const text = long(12, 150);
    const chunks = splitText(text, 2000);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect([...c].length).toBeLessThanOrEqual(2000);
    for (const c of chunks) expect(c.startsWith('Đoạn ')).toBe(true); // each chunk starts at a paragraph
    expect(chunks.join(' ').split(/\s+/)).toEqual(text.split(/\s+/));
  });

  it('cuts a single giant word and keeps every character', () => {
    fc.assert(fc.property(fc.string({ minLength: 0, maxLength: 3000 }), fc.integer({ min: 10, max: 500 }), (text, limit) => {
      const chunks = splitText(text, limit);
      for (const c of chunks) expect([...c].length).toBeLessThanOrEqual(limit);
      expect(chunks.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    }));
  });
});

describe('channel rendering', () => {
  const reply = (text: string): Reply => ({
    kind: 'answer', intent: 'x', text, tip: 'Mẹo nhỏ.', source: 'Nguồn', links: [{ label: 'Cổng', url: 'https://dichvucong.gov.vn' }],
    suggestions: [{ id: 'dvc-nop-ho-so', label: 'Nộp hồ sơ' }, { id: 'sub:an-toan-mang', label: 'An toàn' }], locale: 'vi',
  });

  it('Telegram: pieces under 4096, the keyboard on the last one, URL and callback buttons', async () => {
    const { messages } = await shippedBrain();
    const payloads = renderTelegram(reply(long(30, 120)), messages);
    expect(payloads.length).toBeGreaterThan(1);
    for (const p of payloads) expect(p.text.length).toBeLessThan(4096);
    expect(payloads.slice(0, -1).every((p) => !p.reply_markup)).toBe(true);
    const rows = payloads.at(-1)!.reply_markup!.inline_keyboard.flat();
    expect(rows).toContainEqual({ text: 'Cổng', url: 'https://dichvucong.gov.vn' });
    expect(rows).toContainEqual({ text: 'Nộp hồ sơ', callback_data: 'c:dvc-nop-ho-so' });
  });

  it('Zalo: numbered suggestions and written-out links, pieces under 2000', async () => {
    const { messages } = await shippedBrain();
    const payloads = renderZalo(reply(long(10, 120)), messages);
    for (const p of payloads) expect(p.text.length).toBeLessThanOrEqual(2000);
    const all = payloads.map((p) => p.text).join('\n');
    expect(all).toContain('Link: https://dichvucong.gov.vn');
    expect(all).toMatch(/1\. Nộp hồ sơ\n2\. An toàn/);
  });
});
