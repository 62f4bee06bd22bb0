// Zalo OA end to end: our real server on loopback, signed webhook events shaped as the OA webhook sends them,
// and fake OA API and OAuth servers (ZALO_OA_API_BASE, ZALO_OA_OAUTH_BASE) that record what we send.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { oaEvent, oaTextEvent, signOaBody, startFakeZaloOa, type FakeZaloOa } from '../support/fake-zalo-oa.js';
import { startApp, type RunningApp } from '../support/app.js';
import { redisTestUrl } from '../support/redis.js';

const APP_ID = '4321098765432109876';
const SECRET_KEY = 'oa-secret-key-abcdef123456';
const REFRESH = 'refresh-token-initial-0001';
const ACCESS = 'access-token-initial-0001';

let oa: FakeZaloOa;
let running: RunningApp;
let n = 0;
const newUser = () => `84${Date.now().toString().slice(-9)}${(n += 1).toString().padStart(4, '0')}1234`; // 19+ digits, like Zalo ids

const env = (fake: FakeZaloOa, extra: Record<string, string> = {}) => ({
  ZALO_OA_APP_ID: APP_ID, ZALO_OA_SECRET_KEY: SECRET_KEY, ZALO_OA_ACCESS_TOKEN: ACCESS, ZALO_OA_REFRESH_TOKEN: REFRESH,
  ZALO_OA_API_BASE: fake.apiUrl, ZALO_OA_OAUTH_BASE: fake.oauthUrl, ...extra,
});

async function post(target: RunningApp, body: unknown, options: { raw?: string; signature?: string | null } = {}) {
  const raw = options.raw ?? JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const signature = options.signature === undefined ? signOaBody(raw, APP_ID, SECRET_KEY) : options.signature;
  if (signature !== null) headers['x-zevent-signature'] = signature;
  const response = await fetch(`${target.url}/zalo-oa/webhook`, { method: 'POST', headers, body: raw });
  return { status: response.status, body: await response.text() };
}

const health = async (target: RunningApp) => (await (await fetch(`${target.url}/healthz`)).json()) as { alerts: { channel: string; code: string }[]; channelStats: Record<string, Record<string, number | boolean>> };

beforeAll(async () => {
  oa = await startFakeZaloOa({ appId: APP_ID, secretKey: SECRET_KEY, accessToken: ACCESS, refreshToken: REFRESH });
  // A high flood limit: these tests send many messages quickly on purpose.
  running = await startApp(env(oa), undefined, { flood: { limit: 100, windowMs: 1000 } });
}, 180_000);
afterAll(async () => {
  await running?.stop();
  await oa?.close();
});

describe('Zalo OA webhook', () => {
  it('a correctly signed message is answered through the OA API, carrying its message id and the access token header', async () => {
    const user = newUser();
    const event = oaTextEvent(APP_ID, user, 'vneid là gì', 'msgA1');
    expect((await post(running, event)).status).toBe(200);
    await oa.waitFor(() => oa.sent(user).length === 1);
    const [call] = oa.sent(user);
    expect(call!.accessToken).toBe(ACCESS);
    expect(call!.body.recipient).toEqual({ user_id: user, message_id: 'msgA1' });
    expect(String(call!.body.message.text)).toContain('VNeID');
  });

  it('keeps a 64-bit user id exact even when it arrives as a JSON number', async () => {
    const user = '7654321098765432123';
    const raw = JSON.stringify(oaTextEvent(APP_ID, 'PLACEHOLDER', 'otp là gì')).replace('"PLACEHOLDER"', user);
    expect((await post(running, undefined, { raw })).status).toBe(200);
    await oa.waitFor(() => oa.sent(user).length === 1);
  });

  it.each([
    ['missing', null],
    ['malformed', 'sha256=abc'],
    ['wrong', `mac=${'0'.repeat(64)}`],
    ['another body\'s', signOaBody(JSON.stringify({ timestamp: '1' }), APP_ID, SECRET_KEY)],
    ['wrong-secret', signOaBody('{}', APP_ID, 'not-the-secret')],
  ])('a %s signature is refused with 401 and nothing is sent', async (_name, signature) => {
    const user = newUser();
    const event = oaTextEvent(APP_ID, user, 'xin chào');
    const raw = JSON.stringify(event);
    const sig = signature === null ? null : _name === 'wrong-secret' ? signOaBody(raw, APP_ID, 'not-the-secret') : signature;
    expect((await post(running, event, { signature: sig })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(oa.sent(user)).toHaveLength(0);
  });

  it('a body changed after signing is refused', async () => {
    const user = newUser();
    const raw = JSON.stringify(oaTextEvent(APP_ID, user, 'xin chào'));
    const signature = signOaBody(raw, APP_ID, SECRET_KEY);
    expect((await post(running, undefined, { raw: raw.replace('xin chào', 'chuyển khoản'), signature })).status).toBe(401);
  });

  it('malformed, oversized, not-an-event and duplicated bodies are handled without a crash', async () => {
    const signedGarbage = '{"timestamp": "123", "event_name": ';
    expect((await post(running, undefined, { raw: signedGarbage })).status).toBe(400);
    expect((await post(running, undefined, { raw: `{"timestamp":"1","x":"${'x'.repeat(300 * 1024)}"}` })).status).toBe(413);
    expect((await post(running, { timestamp: '5', hello: 'world' })).status).toBe(400);
    expect((await post(running, undefined, { raw: '' })).status).toBe(401);
    const user = newUser();
    const event = oaTextEvent(APP_ID, user, 'mật khẩu mạnh', 'dupmsg1');
    expect((await post(running, event)).status).toBe(200);
    expect((await post(running, event)).status).toBe(200);
    await oa.waitFor(() => oa.sent(user).length >= 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(oa.sent(user)).toHaveLength(1);
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
  });

  it('follow subscribes the person to announcements; unfollow marks them inactive; nothing is sent to them', async () => {
    const user = newUser();
    expect((await post(running, oaEvent(APP_ID, 'follow', user, { follower: { id: user } }))).status).toBe(200);
    const record = await running.app.users.get('zalo-oa', user);
    expect(record?.active).toBe(true);
    expect(record?.subscriptions).toHaveProperty('chung');
    expect((await post(running, oaEvent(APP_ID, 'unfollow', user, { follower: { id: user } }))).status).toBe(200);
    expect((await running.app.users.get('zalo-oa', user))?.active).toBe(false);
    expect(oa.sent(user)).toHaveLength(0);
  });

  it('images and other non-text messages get the polite text-only reply', async () => {
    const user = newUser();
    await post(running, oaEvent(APP_ID, 'user_send_image', user, { message: { msg_id: `img${user}`, attachments: [] } }));
    await oa.waitFor(() => oa.sent(user).length === 1);
    expect(String(oa.sent(user)[0]!.body.message.text)).toContain('chỉ đọc được tin nhắn chữ');
  });
});

describe('Zalo OA reply budget', () => {
  it('8 replies in 48 hours are sent; the 9th is not sent and is reported', async () => {
    const user = newUser();
    const questions = ['vneid là gì', 'otp là gì', 'mật khẩu mạnh', 'chuyển đổi số là gì', 'dịch vụ công là gì', 'lừa đảo qua mạng', 'định danh điện tử', 'chữ ký số là gì', 'vneid mức 2'];
    const before = (await health(running)).channelStats['zalo-oa']!.repliesWithheld as number;
    for (const [i, q] of questions.entries()) {
      await post(running, oaTextEvent(APP_ID, user, q, `b${user}-${i}`));
      if (i < 8) await oa.waitFor(() => oa.sent(user).length === i + 1);
    }
    await expect.poll(async () => (await health(running)).channelStats['zalo-oa']!.repliesWithheld, { timeout: 5000 }).toBe(before + 1);
    expect(oa.sent(user)).toHaveLength(8);
    expect(oa.calls.filter((c) => c.kind === 'send' && c.body.recipient?.user_id === user)).toHaveLength(8); // the 9th never reached Zalo
    expect(oa.sent(user).map((c) => c.body.recipient.message_id)).toEqual(questions.slice(0, 8).map((_q, i) => `b${user}-${i}`));
  });
});

describe('Zalo OA tokens', () => {
  it('a rejected access token (-216) is refreshed once; the rotated refresh token is stored and used next time, never the spent one', async () => {
    const fake = await startFakeZaloOa({ appId: APP_ID, secretKey: SECRET_KEY, accessToken: ACCESS, refreshToken: REFRESH, accessTokenValid: false });
    const first = await startApp(env(fake));
    try {
      const user = newUser();
      await post(first, oaTextEvent(APP_ID, user, 'vneid là gì'));
      await fake.waitFor(() => fake.sent(user).length === 1);
      expect(fake.refreshes()).toHaveLength(1);
      expect(fake.refreshes()[0]!.refreshToken).toBe(REFRESH);
      expect(fake.sent(user)[0]!.accessToken).toBe(fake.current().accessToken);

      // After a restart with the same environment, the stored (rotated) refresh token is the one used.
      await first.stop({ keepData: true });
      const second = await startApp(env(fake), first.dataDir);
      try {
        fake.expireAccessTokens();
        const other = newUser();
        await post(second, oaTextEvent(APP_ID, other, 'otp là gì'));
        await fake.waitFor(() => fake.sent(other).length === 1);
        const used = fake.refreshes().map((c) => c.refreshToken);
        expect(used).toHaveLength(2);
        expect(new Set(used).size).toBe(2); // no refresh token used twice
        expect(fake.refreshes().every((c) => c.error === 0)).toBe(true);
      } finally {
        await second.stop();
      }
    } finally {
      await fake.close();
    }
  }, 240_000);

  it('-118 (re-consent needed) stops sending and raises the console alert, without a crash loop', async () => {
    const fake = await startFakeZaloOa({ appId: APP_ID, secretKey: SECRET_KEY, accessToken: ACCESS, refreshToken: REFRESH });
    const app = await startApp(env(fake));
    try {
      expect((await health(app)).alerts).toEqual([]);
      fake.failNextSend(-118);
      const user = newUser();
      await post(app, oaTextEvent(APP_ID, user, 'vneid là gì'));
      await expect.poll(async () => (await health(app)).alerts.map((a) => `${a.channel}:${a.code}`), { timeout: 5000 }).toEqual(['zalo-oa:reconsent-needed']);
      const calls = fake.calls.length;
      for (let i = 0; i < 3; i += 1) expect((await post(app, oaTextEvent(APP_ID, newUser(), 'otp là gì'))).status).toBe(200);
      await new Promise((r) => setTimeout(r, 500));
      expect(fake.calls.length).toBe(calls); // nothing more goes to Zalo
      expect(fake.sent()).toHaveLength(0);
      expect((await health(app)).channelStats['zalo-oa']!.reconsentNeeded).toBe(true);
    } finally {
      await app.stop();
      await fake.close();
    }
  }, 120_000);
});

const redisUrl = redisTestUrl();
describe.skipIf(!redisUrl)('Zalo OA tokens on Redis', () => {
  afterEach(async () => {
    const redis = new Redis(redisUrl!);
    await redis.flushdb();
    await redis.quit();
  });

  it('two processes on one Redis refresh the token exactly once and both use the new one', async () => {
    const url = `${redisUrl!.replace(/\/\d+$/, '')}/9`;
    const redis = new Redis(url);
    await redis.flushdb();
    await redis.quit();
    const fake = await startFakeZaloOa({ appId: APP_ID, secretKey: SECRET_KEY, accessToken: ACCESS, refreshToken: REFRESH, accessTokenValid: false });
    fake.setRefreshDelay(300); // both processes are waiting on the refresh at the same time
    const a = await startApp(env(fake, { REDIS_URL: url }));
    const b = await startApp(env(fake, { REDIS_URL: url }));
    try {
      const [ua, ub] = [newUser(), newUser()];
      await Promise.all([post(a, oaTextEvent(APP_ID, ua, 'vneid là gì')), post(b, oaTextEvent(APP_ID, ub, 'otp là gì'))]);
      await fake.waitFor(() => fake.sent(ua).length === 1 && fake.sent(ub).length === 1, 10_000);
      expect(fake.refreshes()).toHaveLength(1);
      expect(fake.refreshes()[0]!.error).toBe(0);
      const fresh = fake.current().accessToken;
      expect(fake.sent(ua)[0]!.accessToken).toBe(fresh);
      expect(fake.sent(ub)[0]!.accessToken).toBe(fresh);
    } finally {
      await a.stop();
      await b.stop();
      await fake.close();
    }
  }, 240_000);
});
