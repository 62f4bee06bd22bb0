// /broadcast in the chat: officials only, text → preview → audience size → explicit confirmation → sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { startFakeZalo, zaloTextEvent, type FakeZalo } from '../support/fake-zalo.js';
import { startApp, type RunningApp } from '../support/app.js';
import { seedSubscribers, type Seeded } from '../support/subscribers.js';

const TG_SECRET = 'telegram-webhook-secret-0123456789';
const ZALO_SECRET = 'zalo-secret-123';
const OFFICIAL_TG = 4242;
const OFFICIAL_ZALO = 'official-zalo-id';
let telegram: FakeTelegram;
let zalo: FakeZalo;
let running: RunningApp;
let seeded: Seeded;
let updateId = 1;

beforeAll(async () => {
  telegram = await startFakeTelegram();
  zalo = await startFakeZalo();
  running = await startApp({
    TELEGRAM_BOT_TOKEN: '123456:AAbbCCddEEffGGhhIIjjKKllMMnn', TELEGRAM_WEBHOOK_SECRET: TG_SECRET, TELEGRAM_API_ROOT: telegram.url,
    ZALO_BOT_TOKEN: '1234567890:zalo-test-token', ZALO_WEBHOOK_SECRET: ZALO_SECRET, ZALO_API_BASE: zalo.url, PUBLIC_URL: 'https://x.example.gov.vn',
    ADMIN_TELEGRAM_IDS: String(OFFICIAL_TG), ADMIN_ZALO_IDS: OFFICIAL_ZALO, TELEGRAM_BROADCAST_RATE: '200', ZALO_BROADCAST_RATE: '200',
  });
  seeded = await seedSubscribers(running.app.users, { telegram: 5, zalo: 3 });
});
afterAll(async () => {
  await running?.stop();
  await telegram?.close();
  await zalo?.close();
});

async function telegramSays(chatId: number, body: { text?: string; data?: string }) {
  updateId += 1;
  const update = body.data
    ? { update_id: updateId, callback_query: { id: `q${updateId}`, from: { id: chatId, is_bot: false, first_name: 'A' }, chat_instance: 'i', data: body.data, message: { message_id: 1, date: 1, chat: { id: chatId, type: 'private' } } } }
    : { update_id: updateId, message: { message_id: updateId, date: 1, chat: { id: chatId, type: 'private' }, from: { id: chatId, is_bot: false, first_name: 'A' }, text: body.text } };
  const before = telegram.sent(chatId).length;
  await fetch(`${running.url}/telegram/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TG_SECRET }, body: JSON.stringify(update) });
  await telegram.waitFor(() => telegram.sent(chatId).length > before);
  return telegram.sent(chatId).slice(before);
}

async function zaloSays(chatId: string, text: string) {
  const before = zalo.sent(chatId).length;
  await fetch(`${running.url}/zalo/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-bot-api-secret-token': ZALO_SECRET }, body: JSON.stringify(zaloTextEvent({ chatId, text })) });
  await zalo.waitFor(() => zalo.sent(chatId).length > before);
  return zalo.sent(chatId).slice(before).map((c) => String(c.params.text));
}

describe('/broadcast in the chat', () => {
  it('is an unknown command for everyone else', async () => {
    const [reply] = await telegramSays(999, { text: '/broadcast' });
    expect(String(reply!.params.text)).toContain('không biết lệnh này');
  });

  it('Telegram: asks for the text, shows the preview and the audience, sends only after "Gửi ngay"', async () => {
    expect(String((await telegramSays(OFFICIAL_TG, { text: '/broadcast' }))[0]!.params.text)).toContain('nội dung thông báo');
    const shown = await telegramSays(OFFICIAL_TG, { text: 'Từ 1/12, nộp hồ sơ khai sinh trực tuyến trên Cổng Dịch vụ công quốc gia.' });
    await telegram.waitFor(() => telegram.sent(OFFICIAL_TG).length >= 4); // ask, preview intro, preview, confirmation
    const texts = telegram.sent(OFFICIAL_TG).map((c) => String(c.params.text));
    expect(texts.join('\n')).toContain('Người đăng ký sẽ nhận được đúng như sau');
    expect(texts.join('\n')).toContain('trả lời "hủy"'); // the preview is the real message
    expect(texts.at(-1)).toContain('Sẽ gửi tới 8 người');
    expect(shown.length).toBeGreaterThanOrEqual(1);
    expect(telegram.sent(seeded.telegram[1])).toHaveLength(0); // nothing sent before the confirmation

    const [started] = await telegramSays(OFFICIAL_TG, { data: 'c:bc:send' });
    expect(String(started!.params.text)).toContain('Đã bắt đầu gửi tới 8');
    await telegram.waitFor(() => seeded.telegram.every((id) => telegram.sent(id).length === 1), 10_000);
    await zalo.waitFor(() => seeded.zalo.every((id) => zalo.sent(id).length === 1), 10_000);
    expect(String(telegram.sent(seeded.telegram[1])[0]!.params.text)).toContain('khai sinh trực tuyến');
  });

  it('Zalo: "bỏ" drops the draft; nothing is sent', async () => {
    const before = zalo.sent().length;
    await zaloSays(OFFICIAL_ZALO, '/broadcast');
    const preview = await zaloSays(OFFICIAL_ZALO, 'Thông báo thử');
    await zalo.waitFor(() => zalo.sent(OFFICIAL_ZALO).length >= 4);
    expect(zalo.sent(OFFICIAL_ZALO).map((c) => String(c.params.text)).at(-1)).toMatch(/1\. Gửi ngay\n2\. Bỏ/);
    expect(preview.length).toBeGreaterThanOrEqual(1);
    const [dropped] = await zaloSays(OFFICIAL_ZALO, 'bỏ');
    expect(dropped).toContain('Đã bỏ');
    await new Promise((r) => setTimeout(r, 300));
    expect(zalo.sent().length - before).toBe(5); // ask, preview intro, preview, confirmation, dropped: only to the official
    for (const id of seeded.zalo) expect(zalo.sent(id).length).toBe(1); // still only the first campaign
  });

  it('a subscriber who replies "hủy" to a campaign message is unsubscribed', async () => {
    const id = seeded.zalo[1]!;
    const [reply] = await zaloSays(id, 'hủy');
    expect(reply).toContain('ngừng nhận tin');
    expect((await running.app.users.get('zalo', id))?.subscriptions).toEqual({});
  });
});
