// Kill -9 the server mid-campaign, start it again: nobody gets the campaign twice, and it finishes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { startFakeZalo, type FakeZalo } from '../support/fake-zalo.js';
import { seedSubscribers } from '../support/subscribers.js';
import { startServerProcess } from '../support/server-process.js';

const ADMIN = 'admin-token-for-tests-0123456789';
let telegram: FakeTelegram;
let zalo: FakeZalo;

beforeAll(async () => {
  telegram = await startFakeTelegram();
  zalo = await startFakeZalo();
});
afterAll(async () => {
  await telegram?.close();
  await zalo?.close();
});

describe('a campaign across a kill -9', () => {
  it('resumes where it stopped: at most one message each, every recipient accounted for, the campaign finishes', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kill9-'));
    const seeded = await seedSubscribers({ dataDir }, { telegram: 600, zalo: 400 });
    const env = {
      DATA_DIR: dataDir, ADMIN_TOKEN: ADMIN,
      TELEGRAM_BOT_TOKEN: '123456:AAbbCCddEEffGGhhIIjjKKllMMnn', TELEGRAM_API_ROOT: telegram.url, TELEGRAM_WEBHOOK_SECRET: 'telegram-webhook-secret-0123456789',
      ZALO_BOT_TOKEN: '1234567890:zalo-test-token', ZALO_WEBHOOK_SECRET: 'zalo-secret-123', ZALO_API_BASE: zalo.url, PUBLIC_URL: 'https://x.example.gov.vn',
      TELEGRAM_BROADCAST_RATE: '150', ZALO_BROADCAST_RATE: '100',
    };
    const api = async (url: string, method: string, path: string, body?: unknown) => {
      const r = await fetch(`${url}/admin/api${path}`, { method, headers: { authorization: `Bearer ${ADMIN}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
      return r.json();
    };

    const first = await startServerProcess(env);
    const { id } = await api(first.url, 'POST', '/campaigns', { title: 'Kill test', text: { vi: 'Thông báo thử nghiệm.' } });
    await telegram.waitFor(() => telegram.sent().length >= 150, 30_000);
    await first.kill('SIGKILL');
    const atKill = telegram.sent().length + zalo.sent().length;
    expect(atKill).toBeLessThan(1000); // it really was killed mid-campaign

    const second = await startServerProcess(env);
    try {
      await expect.poll(async () => (await api(second.url, 'GET', `/campaigns/${id}`)).status, { timeout: 60_000, interval: 200 }).toBe('done');
      const summary = await api(second.url, 'GET', `/campaigns/${id}`);
      console.log(`killed after ${atKill} messages; after restart: ${JSON.stringify(summary)}`);
      const perChat = new Map<string, number>();
      for (const call of [...telegram.sent(), ...zalo.sent()]) perChat.set(String(call.params.chat_id), (perChat.get(String(call.params.chat_id)) ?? 0) + 1);
      const duplicates = [...perChat.entries()].filter(([, n]) => n > 1);
      expect(duplicates).toEqual([]);
      expect(summary.total).toBe(1000);
      expect(summary.pending).toBe(0);
      expect(summary.sent + summary.failed).toBe(1000);
      // Those recorded as sent all got it; a recipient interrupted mid-send is reported as failed, never resent.
      expect(perChat.size).toBeGreaterThanOrEqual(summary.sent);
      expect(perChat.size).toBeLessThanOrEqual(summary.sent + summary.failed);
      // At most the sends in flight at the moment of the kill: the engine's concurrency (32) on each of the two channels.
      expect(summary.failed).toBeLessThanOrEqual(2 * 32);
      for (const id2 of [...seeded.telegram, ...seeded.zalo]) expect(perChat.get(id2) ?? 0).toBeLessThanOrEqual(1);
    } finally {
      await second.kill();
    }
  }, 120_000);
});
