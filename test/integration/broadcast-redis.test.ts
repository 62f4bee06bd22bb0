// Two server processes on one redis-server: one campaign, one global rate limit (measured at the fake API);
// kill one process midway: the campaign finishes, nobody gets it twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { startServerProcess } from '../support/server-process.js';
import { createRedisStore } from '../../src/store/store.js';
import { createUsers } from '../../src/users/users.js';
import { redisTestUrl } from '../support/redis.js';

const redisUrl = redisTestUrl();
const ADMIN = 'admin-token-for-tests-0123456789';
const RATE = 40;
let telegram: FakeTelegram;

beforeAll(async () => {
  telegram = await startFakeTelegram();
});
afterAll(async () => {
  await telegram?.close();
});

describe.skipIf(!redisUrl)('campaigns on BullMQ over Redis', () => {
  it('two processes share one campaign and one rate limit; losing one loses nothing and doubles nothing', async () => {
    // A database of its own, emptied, so nothing from other tests is in the way.
    const url = `${redisUrl}/5`;
    const redis = new Redis(url);
    await redis.flushdb();
    await redis.quit();
    const store = await createRedisStore(url);
    const users = createUsers(store.namespace('users'));
    const ids: string[] = [];
    for (let i = 0; i < 400; i += 1) {
      const id = String(800_000 + i);
      ids.push(id);
      await users.save({ channel: 'telegram', userId: id, chatId: id, locale: 'vi', subscriptions: { chung: 1 }, lastSeen: 1, active: true });
    }
    await store.close();

    const env = {
      REDIS_URL: url, ADMIN_TOKEN: ADMIN, TELEGRAM_BOT_TOKEN: '123456:AAbbCCddEEffGGhhIIjjKKllMMnn', TELEGRAM_API_ROOT: telegram.url,
      TELEGRAM_WEBHOOK_SECRET: 'telegram-webhook-secret-0123456789', PUBLIC_URL: 'https://x.example.gov.vn', TELEGRAM_BROADCAST_RATE: String(RATE),
    };
    const a = await startServerProcess(env);
    const b = await startServerProcess(env);
    const api = async (base: string, method: string, path: string, body?: unknown) => {
      const r = await fetch(`${base}/admin/api${path}`, { method, headers: { authorization: `Bearer ${ADMIN}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
      return r.json();
    };
    try {
      const { id } = await api(a.url, 'POST', '/campaigns', { title: 'Redis', text: { vi: 'Thông báo chung.' } });
      await telegram.waitFor(() => telegram.sent().length >= 200, 30_000).catch((e: Error) => {
        throw new Error(`${e.message}\n--- a ---\n${a.output().slice(-3000)}\n--- b ---\n${b.output().slice(-3000)}`);
      });
      await a.kill('SIGKILL');
      const killedAt = Date.now();
      await expect.poll(async () => (await api(b.url, 'GET', `/campaigns/${id}`)).status, { timeout: 120_000, interval: 250 }).toBe('done');
      const summary = await api(b.url, 'GET', `/campaigns/${id}`);
      console.log(`two processes on Redis, one killed: ${JSON.stringify(summary)}`);

      const perChat = new Map<string, number>();
      for (const call of telegram.sent()) perChat.set(String(call.params.chat_id), (perChat.get(String(call.params.chat_id)) ?? 0) + 1);
      expect([...perChat.values()].filter((n) => n > 1)).toEqual([]);
      expect(summary).toMatchObject({ total: 400, pending: 0 });
      expect(summary.sent + summary.failed).toBe(400);
      // Only jobs the killed process held: its 16 concurrent sends, plus the one BullMQ may hand it as it finishes another.
      expect(summary.failed).toBeLessThanOrEqual(32);
      expect(perChat.size).toBeGreaterThanOrEqual(summary.sent);

      // One global limit while both processes ran (before the kill). BullMQ counts fixed windows of a second
      // that open with a burst, so we count the busiest 3 rolling seconds: one limit allows at most 4 windows'
      // worth there (3 + the burst of the next), two separate limits would allow twice that.
      const times = telegram.sent().map((c) => c.at).filter((t) => t <= killedAt).sort((x, y) => x - y);
      let busiest3s = 0;
      for (let i = 0, j = 0; i < times.length; i += 1) {
        while (times[i]! - times[j]! >= 3000) j += 1;
        busiest3s = Math.max(busiest3s, i - j + 1);
      }
      const perSecond = new Map<number, number>();
      for (const t of times) perSecond.set(Math.floor((t - times[0]!) / 1000), (perSecond.get(Math.floor((t - times[0]!) / 1000)) ?? 0) + 1);
      console.log(`both processes, per second: ${[...perSecond.values()].join(' ')} (limit ${RATE}/s); busiest 3 s: ${busiest3s}`);
      expect(times.at(-1)! - times[0]!).toBeGreaterThan(3000);
      expect(busiest3s).toBeLessThanOrEqual(RATE * 4);
      expect(busiest3s).toBeGreaterThan(RATE); // it did send, at about the limit
    } finally {
      await a.kill('SIGKILL');
      await b.kill();
    }
  }, 240_000);
});
