// What a citizen reads: short enough for a phone, in their language, addressed as they named themselves.
import { describe, expect, it } from 'vitest';
import { offlineConversation } from '../../src/cli/setup.js';
import { replyToPlainText } from '../../src/conversation/plain-text.js';
import { SESSION_TTL_MS } from '../../src/conversation/sessions.js';
import { UNSUBSCRIBED_RETENTION_MS } from '../../src/users/users.js';
import { ANSWER_MAX_CHARS } from '../../src/knowledge/schema.js';
import type { InboundMessage } from '../../src/conversation/types.js';
import { shippedBrain } from '../support/knowledge.js';

/** Every channel's plain form is at most this long: one phone screen with the tip, links and suggestions. */
const REPLY_MAX_CHARS = 800;

async function setup() {
  const { brain, messages } = await shippedBrain();
  const conversation = offlineConversation(brain, messages);
  let n = 0;
  const ask = (m: Partial<InboundMessage> & { chatId?: string }) => {
    const chatId = m.chatId ?? `c${(n += 1)}`;
    return conversation.handle({ channel: 'test', userId: chatId, chatId, canPush: true, ...m });
  };
  return { brain, messages, ask };
}

describe('answers fit a phone', () => {
  it(`every intent's whole reply, as Zalo shows it, is under ${REPLY_MAX_CHARS} characters, in both languages`, async () => {
    const { brain, messages, ask } = await setup();
    const tooLong: string[] = [];
    for (const id of brain.knowledge.intents.keys()) {
      for (const locale of ['vi', 'en'] as const) {
        const [reply] = await ask({ choice: id, locale });
        expect(reply!.text.length, id).toBeLessThanOrEqual(ANSWER_MAX_CHARS);
        const text = replyToPlainText(reply!, messages, { numberedSuggestions: true, feedbackLine: true });
        if (text.length > REPLY_MAX_CHARS) tooLong.push(`${id} (${locale}): ${text.length}`);
      }
    }
    expect(tooLong).toEqual([]);
  });

  it('the source line names the source without repeating a link; small talk has none', async () => {
    const { brain, ask } = await setup();
    for (const intent of brain.knowledge.intents.values()) {
      const [reply] = await ask({ choice: intent.id });
      if (intent.source === 'Trợ lý số') expect(reply!.source, intent.id).toBeUndefined();
      else expect(reply!.source, intent.id).not.toMatch(/https?:\/\//);
    }
  });

  it('an answer with details offers "Xem thêm", which gives them', async () => {
    const { brain, ask } = await setup();
    const intent = [...brain.knowledge.intents.values()].find((i) => i.more)!;
    const [reply] = await ask({ choice: intent.id, chatId: 'more-1' });
    expect(reply!.suggestions[0]).toEqual({ id: `more:${intent.id}`, label: 'Xem thêm' });
    const [details] = await ask({ text: '1', chatId: 'more-1' });
    expect(details!.text).toBe(intent.more!.vi.trim());
  });
});

describe('answers in kind', () => {
  it('"cho bác hỏi" is answered "Dạ, bác …", and the next answer still says bác', async () => {
    const { ask } = await setup();
    const [first] = await ask({ text: 'cho bác hỏi làm sao nộp hồ sơ trực tuyến', chatId: 'bac' });
    expect(first!.kind).toBe('answer');
    expect(first!.text).toMatch(/^Dạ, /u);
    expect(first!.text).toMatch(/(?<!\p{L})bác(?!\p{L})/u);
    expect(first!.text).not.toMatch(/(?<!\p{L})bạn(?!\p{L})(?! bè)/iu);
    const [second] = await ask({ text: 'mã OTP là gì, có nên đưa cho người khác không', chatId: 'bac' });
    expect(second!.text).toMatch(/^Dạ, /u);
  });

  it('without a form of address the answer keeps "bạn" and no "Dạ"', async () => {
    const { ask } = await setup();
    const [reply] = await ask({ text: 'làm sao nộp hồ sơ trực tuyến' });
    expect(reply!.text).not.toMatch(/^Dạ/u);
  });

  it('a question in English gets the English answer without /lang; Vietnamese stays Vietnamese', async () => {
    const { ask } = await setup();
    const [en] = await ask({ text: 'how do I submit an application online on the national public service portal' });
    expect(en).toMatchObject({ kind: 'answer', locale: 'en' });
    const [vi] = await ask({ text: 'nop ho so truc tuyen nhu the nao' });
    expect(vi).toMatchObject({ kind: 'answer', locale: 'vi' });
  });

  it('"english" and "tiếng việt" alone switch the language', async () => {
    const { ask } = await setup();
    const [en] = await ask({ text: 'english', chatId: 'lang' });
    expect(en!.text).toBe('From now on I answer in English.');
    const [vi] = await ask({ text: 'Tiếng Việt', chatId: 'lang' });
    expect(vi!.text).toBe('Từ giờ tôi trả lời bằng Tiếng Việt.');
  });

  it('help and welcome teach Vietnamese words first', async () => {
    const { ask } = await setup();
    const [help] = await ask({ text: 'trợ giúp' });
    for (const words of ['đăng ký nhận tin', 'quyền riêng tư', 'xóa dữ liệu']) expect(help!.text).toContain(`"${words}"`);
    expect(help!.text.indexOf('"đăng ký nhận tin"')).toBeLessThan(help!.text.indexOf('/subscribe'));
    const [welcome] = await ask({ text: '/start' });
    expect(welcome!.text).not.toContain('/help');
    expect(welcome!.text).not.toMatch(/không lưu nội dung/u);
  });

  it('the privacy text quotes the durations the code applies', async () => {
    const { ask } = await setup();
    const [privacy] = await ask({ text: 'quyền riêng tư' });
    expect(privacy!.text).toContain(`${SESSION_TTL_MS / 60_000} phút`);
    expect(privacy!.text).toContain(`${UNSUBSCRIBED_RETENTION_MS / 86_400_000} ngày`);
    expect(privacy!.text).toContain('90 ngày'); // INBOX_RETENTION_DAYS default; the app passes the configured value
    expect(privacy!.text).toContain('25 giờ'); // SEEN_UPDATE_TTL_MS, passed by the app (see chat-api tests)
  });
});
