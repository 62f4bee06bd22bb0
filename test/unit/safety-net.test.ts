import { describe, expect, it } from 'vitest';
import { readMessage } from '../../src/nlu/read-message.js';
import { trainUnderstanding } from '../../src/nlu/understanding.js';
import { shippedBrain } from '../support/knowledge.js';
import { offlineConversation } from '../../src/cli/setup.js';

// A tiny model: it knows two topics and some out-of-scope talk, so most messages fall back.
async function tinyUnderstanding() {
  return trainUnderstanding([
    { text: 'làm căn cước ở đâu', intent: 'cccd' },
    { text: 'cấp căn cước công dân', intent: 'cccd' },
    { text: 'mật khẩu mạnh là gì', intent: 'mat-khau' },
    { text: 'đặt mật khẩu an toàn', intent: 'mat-khau' },
    { text: 'giá vàng hôm nay', intent: null },
    { text: 'thời tiết mai thế nào', intent: null },
  ]);
}

describe('safety net for messages the model cannot place', () => {
  it('answers the net intent when a fallback contains one of its phrases, matched as whole normalized words', async () => {
    const understanding = await tinyUnderstanding();
    const nets = [{ intent: 'so-khan-cap', phrases: ['kho tho', 'chay'] }];
    const hit = await readMessage(understanding, 'ông nhà tui khó thở dữ lắm', undefined, nets);
    expect(hit.decision).toMatchObject({ kind: 'answer', intent: 'so-khan-cap' });
    // "chay" inside another word is not the phrase; without a phrase the fallback stays.
    const miss = await readMessage(understanding, 'chaytrong ngày mưa', undefined, nets);
    expect(miss.decision.kind).toBe('fallback');
  });

  it('never overrides a message the model answered', async () => {
    const understanding = await tinyUnderstanding();
    const reading = await readMessage(understanding, 'làm căn cước ở đâu', undefined, [{ intent: 'so-khan-cap', phrases: ['can cuoc'] }]);
    expect(reading.decision).toMatchObject({ kind: 'answer', intent: 'cccd' });
  });

  it('in the shipped knowledge, an emergency in unusual words gets the emergency numbers', async () => {
    const { brain, messages } = await shippedBrain();
    const conversation = offlineConversation(brain, messages);
    const [reply] = await conversation.handle({ channel: 'test', userId: 'n', chatId: 'n', text: 'bà ngoại đang đi chợ tự nhiên té xỉu giữa đường, trời ơi giờ sao', canPush: false });
    expect(reply).toMatchObject({ kind: 'answer' });
    expect(reply!.text).toMatch(/115/);
  });
});
