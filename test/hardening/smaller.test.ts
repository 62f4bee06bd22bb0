// Issue 10, item 10: report.csv cells neutralised against formula injection; a 429 is waited once, not twice;
// the campaign limiter's slow-down recovers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../src/campaigns/rate-limiter.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { startApp, type RunningApp } from '../support/app.js';

const TOKEN = '123456:AAbbCCddEEffGGhhIIjjKKllMMnn';
const SECRET = 'telegram-webhook-secret-0123456789';
const ADMIN = 'smaller-admin-token-0123456789';

describe('with a fake Telegram', () => {
  let api: FakeTelegram;
  let running: RunningApp;
  beforeAll(async () => {
    api = await startFakeTelegram();
    running = await startApp({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: api.url, PUBLIC_URL: 'https://x.example.gov.vn', ADMIN_TOKEN: ADMIN, WATCH_KNOWLEDGE: 'false' });
  });
  afterAll(async () => {
    await running?.stop();
    await api?.close();
  });

  it('report.csv: a platform error text that looks like a formula is neutralised', async () => {
    await running.app.users.save({ channel: 'telegram', userId: '4242', chatId: '4242', locale: 'vi', subscriptions: { chung: 1 }, lastSeen: Date.now(), active: true });
    api.failNext('sendMessage', { status: 400, description: '=HYPERLINK("https://evil.example","bấm")' });
    const auth = { authorization: `Bearer ${ADMIN}` };
    const created = await fetch(`${running.url}/admin/api/campaigns`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ title: 'CSV', text: { vi: 'Thử.' } }) });
    const { id } = (await created.json()) as { id: string };
    await expect.poll(async () => ((await (await fetch(`${running.url}/admin/api/campaigns/${id}`, { headers: auth })).json()) as { status: string }).status, { timeout: 20_000 }).toBe('done');
    const csv = await (await fetch(`${running.url}/admin/api/campaigns/${id}/report.csv`, { headers: auth })).text();
    const cells = csv.trim().split('\n')[1]!;
    expect(cells).toContain('HYPERLINK');
    for (const cell of cells.match(/("([^"]|"")*"|[^,]*)/g)!) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('a 429 is waited once (retry_after), never twice', async () => {
    api.failNext('sendMessage', { status: 429, retryAfter: 2 }, 3);
    const chat = 777_123;
    const update = { update_id: 424_242, message: { message_id: 1, date: 1, chat: { id: chat, type: 'private' }, from: { id: chat, is_bot: false, first_name: 'A' }, text: 'mật khẩu mạnh là gì' } };
    const response = await fetch(`${running.url}/telegram/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify(update) });
    expect(response.status).toBe(200);
    await api.waitFor(() => api.sent(chat).length === 1, 30_000);
    const calls = api.calls.filter((c) => c.method === 'sendMessage' && String(c.params.chat_id) === String(chat));
    expect(calls).toHaveLength(4);
    const gaps = calls.slice(1).map((c, i) => c.at - calls[i]!.at);
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(1900); // it waited retry_after...
      expect(gap).toBeLessThan(3900); // ...once: twice would be 4 s
    }
  });
});

describe('campaign limiter', () => {
  it('recovers from a slow-down step by step, up to the configured rate (fake time)', async () => {
    let t = 0;
    const limiter = createRateLimiter(100, { now: () => t });
    limiter.slowDown(0.8);
    limiter.slowDown(0.8);
    limiter.slowDown(0.8);
    expect(limiter.rate).toBeCloseTo(51.2);
    t += 5_000;
    expect(limiter.rate).toBeCloseTo(51.2);
    t += 5_000;
    await limiter.take();
    expect(limiter.rate).toBeCloseTo(64);
    t += 60_000;
    expect(limiter.rate).toBe(100);
    limiter.slowDown(0.5); // a new 429 starts from where it is
    expect(limiter.rate).toBe(50);
  });
});
