// One campaign across Telegram, Zalo Bot and Zalo OA, through the admin API of our real server, against fake
// platform servers: reported per channel and per recipient; nothing sent past the OA's configured monthly quota,
// and the quota is named in Vietnamese before the campaign starts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { startFakeZalo, type FakeZalo } from '../support/fake-zalo.js';
import { oaEvent, signOaBody, startFakeZaloOa, type FakeZaloOa } from '../support/fake-zalo-oa.js';
import { startApp, type RunningApp } from '../support/app.js';

const ADMIN = 'admin-token-0123456789abcdef';
const APP_ID = '1112223334445556667';
const SECRET_KEY = 'oa-secret-key-campaigns';
let tg: FakeTelegram;
let zalo: FakeZalo;
let oa: FakeZaloOa;
let running: RunningApp;

beforeAll(async () => {
  tg = await startFakeTelegram();
  zalo = await startFakeZalo();
  oa = await startFakeZaloOa({ appId: APP_ID, secretKey: SECRET_KEY, accessToken: 'access-token-campaigns', refreshToken: 'refresh-token-campaigns' });
  running = await startApp({
    ADMIN_TOKEN: ADMIN, PUBLIC_URL: 'https://tro-ly-so.example.gov.vn',
    TELEGRAM_BOT_TOKEN: '123456:AAbbCCddEEffGGhhIIjjKKllMMnn', TELEGRAM_WEBHOOK_SECRET: 'telegram-webhook-secret-0123456789', TELEGRAM_API_ROOT: tg.url,
    ZALO_BOT_TOKEN: '1234567890:zalo-test-token-abcdef', ZALO_WEBHOOK_SECRET: 'zalo-webhook-secret-xyz', ZALO_API_BASE: zalo.url,
    ZALO_OA_APP_ID: APP_ID, ZALO_OA_SECRET_KEY: SECRET_KEY, ZALO_OA_ACCESS_TOKEN: 'access-token-campaigns', ZALO_OA_REFRESH_TOKEN: 'refresh-token-campaigns',
    ZALO_OA_API_BASE: oa.apiUrl, ZALO_OA_OAUTH_BASE: oa.oauthUrl, ZALO_OA_MONTHLY_QUOTA: '2',
  });
}, 180_000);
afterAll(async () => {
  await running?.stop();
  await Promise.all([tg?.close(), zalo?.close(), oa?.close()]);
});

async function admin(method: string, path: string, body?: unknown) {
  const response = await fetch(`${running.url}/admin/api${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, text, json: (() => { try { return JSON.parse(text); } catch { return undefined; } })() };
}

describe('a campaign across Telegram, Zalo Bot and Zalo OA', () => {
  it('reports per channel and per recipient, and sends nothing past the OA quota', async () => {
    const now = Date.now();
    const save = (channel: string, id: string) => running.app.users.save({ channel, userId: id, chatId: id, locale: 'vi', subscriptions: { chung: now }, lastSeen: now, active: true });
    for (const id of ['880001', '880002']) await save('telegram', id);
    for (const id of ['zc880001', 'zc880002']) await save('zalo', id);
    for (const id of ['8800000000000000001', '8800000000000000002']) await save('zalo-oa', id);
    // The third OA recipient subscribes the way followers do: by following the OA.
    const follower = '8800000000000000003';
    const raw = JSON.stringify(oaEvent(APP_ID, 'follow', follower, { follower: { id: follower } }));
    const followed = await fetch(`${running.url}/zalo-oa/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-zevent-signature': signOaBody(raw, APP_ID, SECRET_KEY) }, body: raw });
    expect(followed.status).toBe(200);

    const audience = await admin('POST', '/audience', {});
    expect(audience.json.count).toBe(7);
    expect(audience.json.warnings).toEqual([expect.stringContaining('Kênh Zalo OA: 3 người nhận nhưng hạn mức tháng này chỉ còn 2 tin; 1 người sẽ không nhận')]);

    const created = await admin('POST', '/campaigns', { title: 'Tuần lễ phòng chống lừa đảo', text: { vi: 'Không chuyển tiền cho người lạ gọi điện xưng công an.' } });
    expect(created.status).toBe(201);
    expect(created.json.warnings).toHaveLength(1);
    const id = created.json.id as string;

    await expect.poll(async () => (await admin('GET', `/campaigns/${id}`)).json.status, { timeout: 30_000, interval: 200 }).toBe('done');
    expect((await admin('GET', `/campaigns/${id}`)).json).toMatchObject({ total: 7, sent: 6, failed: 0, blocked: 0, skipped: 1, pending: 0 });

    const report = (await admin('GET', `/campaigns/${id}/report.csv`)).text.trim().split('\n');
    expect(report[0]).toBe('recipient_ref,channel,locale,status,attempts,reason,updated_at');
    const rows = report.slice(1).map((line) => line.split(','));
    const by = (channel: string, status: string) => rows.filter((r) => r[1] === channel && r[3] === status).length;
    expect([by('telegram', 'sent'), by('zalo', 'sent'), by('zalo-oa', 'sent'), by('zalo-oa', 'skipped')]).toEqual([2, 2, 2, 1]);
    expect(rows.find((r) => r[3] === 'skipped')?.[5]).toBe('ngoài hạn mức');
    expect(report.join('\n')).not.toContain('880000000000000000'); // pseudonyms, not ids

    expect(tg.sent()).toHaveLength(2);
    expect(zalo.sent()).toHaveLength(2);
    const oaSends = oa.sent();
    expect(oaSends).toHaveLength(2); // the quota, not one more
    for (const call of oaSends) expect(call.body.recipient.message_id).toBeUndefined(); // proactive, not a reply
    expect(String(oaSends[0]!.body.message.text)).toContain('trả lời "hủy"');

    // The quota is used up for this month: the next campaign is told so before it starts.
    expect((await admin('POST', '/audience', { channels: ['zalo-oa'] })).json.warnings[0]).toContain('chỉ còn 0 tin');
  }, 120_000);
});
