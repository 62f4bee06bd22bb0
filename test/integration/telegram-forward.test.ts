// A message forwarded in Telegram (forward_origin set) always gets the scam check, through our real server and a
// fake Bot API, even when it has no link or number.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { startApp, type RunningApp } from '../support/app.js';

const SECRET = 'telegram-webhook-secret-forward-0123';
let api: FakeTelegram;
let running: RunningApp;
let updateId = 7000;

beforeAll(async () => {
  api = await startFakeTelegram();
  running = await startApp({ TELEGRAM_BOT_TOKEN: '123456:AAbbCCddEEffGGhhIIjjKKllMMnn', TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: api.url, PUBLIC_URL: 'https://tro-ly-so.example.gov.vn' });
});
afterAll(async () => {
  await running?.stop();
  await api?.close();
});

async function send(chatId: number, text: string, extra: Record<string, unknown> = {}): Promise<string> {
  updateId += 1;
  const before = api.sent(chatId).length;
  const message = { message_id: updateId, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private', first_name: 'Dân' }, from: { id: chatId, is_bot: false, first_name: 'Dân' }, text, ...extra };
  const response = await fetch(`${running.url}/telegram/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
    body: JSON.stringify({ update_id: updateId, message }),
  });
  expect(response.status).toBe(200);
  await api.waitFor(() => api.sent(chatId).length > before);
  return String(api.sent(chatId).at(-1)?.params.text ?? '');
}

describe('Telegram forwarded messages', () => {
  const sms = 'Quy khach duoc hoan tien dien. Vui long cung cap ma OTP vua nhan de nhan tien.';

  it('a forwarded scam SMS with no link or number is checked', async () => {
    const text = await send(6101, sms, { forward_origin: { type: 'hidden_user', sender_user_name: 'Ai đó', date: 1 } });
    expect(text).toMatch(/^⚠️ Cảnh báo: tin nhắn này có dấu hiệu lừa đảo\./);
    expect(text).toContain('5656');
  });

  it('a forwarded harmless text is checked too, and never called safe', async () => {
    const text = await send(6102, 'Họp tổ dân phố lúc 19h tối nay.', { forward_origin: { type: 'hidden_user', sender_user_name: 'Tổ trưởng', date: 1 } });
    expect(text).toContain('chưa có nghĩa là an toàn');
  });
});
