// The whole app on Redis (REDIS_URL): the same behaviour as on SQLite, state shared across restarts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import pino from 'pino';
import { startFakeZalo, zaloTextEvent, type FakeZalo } from '../support/fake-zalo.js';
import { startApp } from '../support/app.js';
import { redisTestUrl } from '../support/redis.js';

const redisUrl = redisTestUrl();
const TOKEN = '9876543210:redis-zalo-token-abcdef';
const SECRET = 'redis-zalo-secret';
let api: FakeZalo;

beforeAll(async () => {
  api = await startFakeZalo();
});
afterAll(async () => {
  await api?.close();
});

async function post(url: string, body: unknown) {
  const response = await fetch(`${url}/zalo/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-bot-api-secret-token': SECRET }, body: JSON.stringify(body) });
  return response.status;
}

describe.skipIf(!redisUrl)('the app on Redis', () => {
  const env = () => ({ REDIS_URL: redisUrl!, ZALO_BOT_TOKEN: TOKEN, ZALO_WEBHOOK_SECRET: SECRET, ZALO_API_BASE: api.url, PUBLIC_URL: 'https://x.example.gov.vn' });

  it('keeps subscriptions and seen updates across a restart, and logs neither text with ids nor the token', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const logger = pino({ level: 'debug' }, sink);
    const chat = `redis${Date.now().toString(36)}`;
    const first = await startApp(env(), undefined, { logger });
    const subscribe = zaloTextEvent({ chatId: chat, text: '/subscribe', messageId: `${chat}-1` });
    expect(await post(first.url, subscribe)).toBe(200);
    await api.waitFor(() => api.sent(chat).length === 1);
    expect(first.app.store.kind).toBe('redis');
    await first.stop();

    const second = await startApp(env(), undefined, { logger });
    try {
      expect((await second.app.users.get('zalo', chat))?.subscriptions).toHaveProperty('chung');
      expect(await post(second.url, subscribe)).toBe(200); // a duplicate of the first event
      api.failNext('sendMessage', { status: 500 });
      expect(await post(second.url, zaloTextEvent({ chatId: chat, text: 'số điện thoại của tôi là 0912345678', messageId: `${chat}-2` }))).toBe(200);
      await api.waitFor(() => api.sent(chat).length === 2, 10_000);
      expect(api.sent(chat)).toHaveLength(2);
    } finally {
      await second.stop();
    }
    const log = lines.join('');
    expect(log.length).toBeGreaterThan(0);
    expect(log).not.toContain(TOKEN);
    expect(log).not.toContain('0912345678');
    expect(log).not.toContain(chat);
  });
});
