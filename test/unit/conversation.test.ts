import { describe, expect, it } from 'vitest';
import { offlineConversation } from '../../src/cli/setup.js';
import { replyToPlainText } from '../../src/conversation/plain-text.js';
import type { InboundMessage } from '../../src/conversation/types.js';
import { shippedBrain } from '../support/knowledge.js';
import { findClarifying } from '../support/clarifying.js';

async function setup() {
  const { brain, messages } = await shippedBrain();
  const conversation = offlineConversation(brain, messages);
  return {
    messages,
    conversation: {
      handle: (m: Omit<InboundMessage, 'userId' | 'canPush'> & Partial<InboundMessage>) => conversation.handle({ userId: m.chatId, canPush: true, ...m }),
    },
  };
}

describe('conversation core', () => {
  it('answers with the intent, its tip, links and related suggestions', async () => {
    const { conversation, messages } = await setup();
    const [reply] = await conversation.handle({ channel: 'test', chatId: 'a', text: 'ko bit nop ho so online ntn' });
    expect(reply).toMatchObject({ kind: 'answer', intent: 'dvc-nop-ho-so' });
    expect(reply!.links.map((l) => l.url)).toContain('https://dichvucong.gov.vn');
    expect(reply!.suggestions.length).toBeGreaterThan(0);
    const text = replyToPlainText(reply!, messages);
    expect(text).toContain('https://dichvucong.gov.vn');
    expect(text).toContain('Mẹo:');
  });

  it('falls back politely on out-of-scope questions that name a known place', async () => {
    const { conversation } = await setup();
    for (const text of ['xổ số Kiên Giang hôm nay', 'vé máy bay đi Phú Quốc', 'thời tiết Rạch Giá mai thế nào']) {
      const [reply] = await conversation.handle({ channel: 'test', chatId: 'b', text });
      expect(reply, text).toMatchObject({ kind: 'fallback', intent: null });
      expect(reply!.text).toContain('chuyển đổi số');
    }
  });

  it('a picked suggestion answers exactly that intent; an unknown one says the choice expired', async () => {
    const { conversation } = await setup();
    const [reply] = await conversation.handle({ channel: 'test', chatId: 'c', choice: 'vneid-muc-2' });
    expect(reply).toMatchObject({ kind: 'answer', intent: 'vneid-muc-2' });
    const [expired] = await conversation.handle({ channel: 'test', chatId: 'c', choice: 'khong-co-intent-nay' });
    expect(expired).toMatchObject({ kind: 'fallback', intent: null });
    expect(expired!.text).toContain('hết hạn');
  });

  it('offers choices when two intents are close, and "2" picks the second', async () => {
    const { conversation } = await setup();
    const { session: chat, offered } = await findClarifying(async (chatId, text) => (await conversation.handle({ channel: 'test', chatId, text }))[0]!);
    expect(offered.length).toBeGreaterThanOrEqual(2);
    const [picked] = await conversation.handle({ channel: 'test', chatId: chat, text: '2' });
    expect(picked).toMatchObject({ kind: 'answer', intent: offered[1] });
  });

  it('welcomes on /start, saying it is an automated assistant', async () => {
    const { conversation } = await setup();
    const [reply] = await conversation.handle({ channel: 'test', chatId: 'e', text: '/start' });
    expect(reply!.kind).toBe('welcome');
    expect(reply!.text).toContain('trợ lý tự động');
    expect(reply!.text).toContain('An Giang');
    expect(reply!.suggestions.length).toBeGreaterThan(0);
  });

  it('answers in English when asked to', async () => {
    const { conversation } = await setup();
    const [reply] = await conversation.handle({ channel: 'test', chatId: 'f', text: 'what is VNeID', locale: 'en' });
    expect(reply!.intent).toBe('vneid-la-gi');
    expect(reply!.text).toMatch(/VNeID/);
    expect(reply!.text).not.toMatch(/ là /);
  });

  it.each([
    ['', 'fallback'],
    ['   ', 'fallback'],
    ['😀😀😀', 'fallback'],
    ['\u200B\u200F\u202E', 'fallback'],
    ['<script>alert(1)</script>', 'fallback'],
    ['a'.repeat(20_000), 'fallback'],
    ['chuyển đổi số là gì '.repeat(1000), 'answer'],
  ])('handles hostile or odd input %#', async (text, kind) => {
    const { conversation } = await setup();
    const replies = await conversation.handle({ channel: 'test', chatId: 'g', text });
    expect(replies).toHaveLength(1);
    expect(replies[0]!.kind).toBe(kind);
  });
});
