// Issue 10, item 10: two processes on one Redis, one restarted while replies are queued: no reply sent twice,
// none lost (the restarted one takes over only what its previous run left; the other keeps its own).
import { describe, expect, it } from 'vitest';
import { startFakeTelegram } from '../support/fake-telegram.js';
import { startApp, type RunningApp } from '../support/app.js';
import { hasRedisServer, ownRedis } from '../support/redis-server.js';

const TOKEN = '123456:AAbbCCddEEffGGhhIIjjKKllMMnn';
const SECRET = 'telegram-webhook-secret-0123456789';

describe.skipIf(!hasRedisServer())('outbox with several processes on Redis', () => {
  it('a restarted process does not re-send what the other process is delivering', async () => {
    const redis = await ownRedis();
    await redis.start();
    const api = await startFakeTelegram();
    const env = { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: api.url, PUBLIC_URL: 'https://x.example.gov.vn', REDIS_URL: redis.url, WATCH_KNOWLEDGE: 'false' };
    const apps: RunningApp[] = [];
    let updateId = 100;
    const send = async (target: RunningApp, chat: number) => {
      updateId += 1;
      const update = { update_id: updateId, message: { message_id: updateId, date: 1, chat: { id: chat, type: 'private' }, from: { id: chat, is_bot: false, first_name: 'A' }, text: 'mật khẩu mạnh là gì' } };
      const response = await fetch(`${target.url}/telegram/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify(update) });
      expect(response.status).toBe(200);
    };
    try {
      const a = await startApp(env);
      const b = await startApp(env);
      apps.push(a, b);
      api.setFailure({ status: 500 }); // Telegram is in trouble: replies stay queued, retried with backoff
      const viaA = [810_001, 810_002, 810_003];
      const viaB = [820_001, 820_002, 820_003];
      for (const chat of viaA) await send(a, chat);
      for (const chat of viaB) await send(b, chat);
      expect(a.app.outbox.pending() + b.app.outbox.pending()).toBe(6);

      await a.stop({ keepData: true }); // restart A while everything is queued
      apps.splice(apps.indexOf(a), 1);
      const a2 = await startApp(env);
      apps.push(a2);
      expect(a2.app.outbox.pending()).toBe(3); // A's own three, not B's
      api.setFailure(null);
      await api.waitFor(() => [...viaA, ...viaB].every((c) => api.sent(c).length >= 1), 60_000);
      await new Promise((r) => setTimeout(r, 3000)); // any duplicate would arrive now
      for (const chat of [...viaA, ...viaB]) expect(api.sent(chat), String(chat)).toHaveLength(1);
    } finally {
      for (const app of apps) await app.stop();
      await api.close();
      await redis.stop();
    }
  }, 300_000);
});
