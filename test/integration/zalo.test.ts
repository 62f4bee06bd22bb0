// Zalo end to end: our real server on loopback, webhook events shaped as Zalo sends them (wrapped and bare),
// and a fake Zalo Bot API (ZALO_API_BASE) that records what we send and can fail on command.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import pino from 'pino';
import { startFakeZalo, zaloEvent, zaloTextEvent, type FakeZalo } from '../support/fake-zalo.js';
import { startApp, type RunningApp } from '../support/app.js';

const TOKEN = '1234567890:zalo-test-token-abcdef';
const SECRET = 'zalo-webhook-secret-xyz';
const PUBLIC_URL = 'https://tro-ly-so.example.gov.vn';

let api: FakeZalo;
let running: RunningApp;
let n = 0;
const env = () => ({ ZALO_BOT_TOKEN: TOKEN, ZALO_WEBHOOK_SECRET: SECRET, ZALO_API_BASE: api.url, PUBLIC_URL });
const newChat = () => `zchat${Date.now().toString(36)}${(n += 1)}`;

beforeAll(async () => {
  api = await startFakeZalo();
  running = await startApp(env());
}, 180_000); // the knowledge is trained at start-up: slow on a loaded machine
afterAll(async () => {
  await running?.stop();
  await api?.close();
});
afterEach(() => api.reset());

async function post(body: unknown, options: { secret?: string | null; raw?: string; target?: RunningApp } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const secret = options.secret === undefined ? SECRET : options.secret;
  if (secret !== null) headers['x-bot-api-secret-token'] = secret;
  const response = await fetch(`${(options.target ?? running).url}/zalo/webhook`, { method: 'POST', headers, body: options.raw ?? JSON.stringify(body) });
  return { status: response.status, body: await response.text() };
}

const texts = (chatId: string) => api.sent(chatId).map((c) => String(c.params.text));

async function say(chatId: string, text: string, wrapped = true) {
  const before = api.sent(chatId).length;
  expect((await post(zaloTextEvent({ chatId, text, wrapped }))).status).toBe(200);
  await api.waitFor(() => api.sent(chatId).length > before);
  return texts(chatId).slice(before);
}

describe('Zalo', () => {
  it('sets the webhook on start with the secret, logs the verification, and does not set it again when it is already set', async () => {
    const fresh = await startFakeZalo();
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } }));
    const app = await startApp({ ...env(), ZALO_API_BASE: fresh.url }, undefined, { logger });
    try {
      const call = fresh.calls.find((c) => c.method === 'setWebhook');
      expect(call?.params).toEqual({ url: `${PUBLIC_URL}/zalo/webhook`, secret_token: SECRET });
      expect(call?.token).toBe(TOKEN);
      const set = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'Zalo webhook set');
      expect(set).toMatchObject({ verified: true, outcome: 'success' });
      expect(lines.join('\n')).not.toContain(TOKEN);
      expect(lines.join('\n')).not.toContain(SECRET);
    } finally {
      await app.stop({ keepData: true });
    }
    // setWebhook is limited per day: a restart with the same URL and secret only reads getWebhookInfo.
    const again = await startApp({ ...env(), ZALO_API_BASE: fresh.url }, app.dataDir);
    try {
      expect(fresh.calls.filter((c) => c.method === 'setWebhook')).toHaveLength(1);
      expect(fresh.calls.filter((c) => c.method === 'getWebhookInfo')).toHaveLength(2);
    } finally {
      await again.stop();
      await fresh.close();
    }
  }, 180_000);

  it('holds the scripted conversation: /start, a question, "1" for a suggestion, /subscribe, /xoadulieu', async () => {
    const chat = newChat();
    const [welcome] = await say(chat, '/start');
    expect(welcome).toContain('trợ lý tự động');
    expect(welcome).toMatch(/Gõ số để hỏi tiếp:\n1\. /);

    const [answer] = await say(chat, 'chuyen doi so la gi');
    expect(answer).toContain('không gian số');
    const first = /\n1\. (.+)/.exec(answer!)?.[1];
    expect(first).toBeDefined();

    const [picked] = await say(chat, '1');
    expect(picked).not.toBe(answer);
    expect(picked!.length).toBeGreaterThan(50);

    const [subscribed] = await say(chat, '/subscribe');
    expect(subscribed).toContain('Thông báo chung');
    expect((await running.app.users.get('zalo', chat))?.subscriptions).toHaveProperty('chung');

    const [confirm] = await say(chat, '/xoadulieu');
    expect(confirm).toContain('Bạn có chắc');
    const [deleted] = await say(chat, 'có');
    expect(deleted).toContain('Đã xóa');
    expect(await running.app.users.get('zalo', chat)).toBeUndefined();
  });

  it('accepts the bare event shape too', async () => {
    const chat = newChat();
    const [reply] = await say(chat, 'vneid là gì', false);
    expect(reply).toContain('VNeID');
  });

  it('writes links out as URLs and stays under 2000 characters', async () => {
    const chat = newChat();
    const replies = await say(chat, 'kiem tra trang web lua dao o dau');
    expect(replies.join('\n')).toContain('https://tinnhiemmang.vn/website-lua-dao');
    for (const text of replies) expect(text.length).toBeLessThanOrEqual(2000);
  });

  it('images, voice messages, stickers and unsupported content get one polite reply', async () => {
    for (const event of ['message.image.received', 'message.voice.received', 'message.sticker.received', 'message.unsupported.received'] as const) {
      const chat = newChat();
      expect((await post(zaloEvent(event, { chatId: chat }))).status).toBe(200);
      await api.waitFor(() => api.sent(chat).length === 1);
      expect(texts(chat)[0]).toContain('chỉ đọc được tin nhắn chữ');
    }
  });
});

describe('Zalo: bad input', () => {
  it.each([
    ['missing', null],
    ['wrong', 'wrong-secret-value'],
    ['a prefix of the', SECRET.slice(0, 10)],
  ])('a %s secret gets 401 and nothing is sent', async (_name, secret) => {
    const chat = newChat();
    expect((await post(zaloTextEvent({ chatId: chat, text: 'chào' }), { secret })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(api.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(0);
  });

  it('a wrong secret is refused before the body is read (even an oversized one)', async () => {
    expect((await post(undefined, { secret: 'nope-nope', raw: 'x'.repeat(300 * 1024) })).status).toBe(401);
  });

  it('malformed JSON gets 400, a body over 256 KB gets 413', async () => {
    expect((await post(undefined, { raw: '{"event_name": "message.text.received", ' })).status).toBe(400);
    expect((await post(zaloTextEvent({ chatId: newChat(), text: 'x'.repeat(300 * 1024) }))).status).toBe(413);
  });

  it('a body that is not an event gets 400; an event without a message gets 400', async () => {
    expect((await post({ foo: 1 })).status).toBe(400);
    expect((await post({ event_name: 'message.text.received', message: { text: 'no ids' } })).status).toBe(400);
  });

  it('unknown event types get 200 and nothing is sent', async () => {
    expect((await post({ ok: true, result: { event_name: 'user.follow', message: { chat: { id: 'x' } } } })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 150));
    expect(api.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(0);
  });

  it('the same event delivered twice is answered once, also across a restart', async () => {
    const chat = newChat();
    const event = zaloTextEvent({ chatId: chat, text: 'otp là gì', messageId: `dup${chat}` });
    await post(event);
    await post(event);
    await api.waitFor(() => api.sent(chat).length >= 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(api.sent(chat)).toHaveLength(1);

    const first = await startApp(env());
    const event2 = zaloTextEvent({ chatId: chat, text: 'vneid là gì', messageId: `dup2${chat}` });
    await post(event2, { target: first });
    await api.waitFor(() => api.sent(chat).length === 2);
    await first.stop({ keepData: true });
    const second = await startApp(env(), first.dataDir);
    try {
      expect((await post(event2, { target: second })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 200));
      expect(api.sent(chat)).toHaveLength(2);
    } finally {
      await second.stop();
    }
  }, 180_000); // two start-ups: slow on a loaded machine

  it.each([
    ['empty text', ''],
    ['20,000 characters', 'b'.repeat(20_000)],
    ['only emoji', '🙂🙂'],
    ['zero-width characters', '\u200B\u200D\uFEFF'],
    ['RTL marks', '\u202Bשלום\u202C'],
    ['HTML', '<script>alert(1)</script>'],
  ])('%s gets a sensible reply', async (_name, text) => {
    const chat = newChat();
    const [reply] = await say(chat, text);
    expect(reply!.length).toBeGreaterThan(10);
  });
});

describe('Zalo: a slow or failing API', () => {
  it('stalling 10 s: the webhook answers at once and the reply arrives once after', async () => {
    const chat = newChat();
    api.failNext('sendMessage', { stallMs: 10_000 });
    expect((await post(zaloTextEvent({ chatId: chat, text: 'vneid là gì' }))).status).toBe(200);
    expect(api.sent(chat)).toHaveLength(0);
    const other = newChat();
    await say(other, 'otp là gì'); // not held up by the stalled chat
    await api.waitFor(() => api.sent(chat).length === 1, 20_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(api.sent(chat)).toHaveLength(1);
  });

  it('500 is retried; delivered once', async () => {
    const chat = newChat();
    api.failNext('sendMessage', { status: 500 });
    await post(zaloTextEvent({ chatId: chat, text: 'mật khẩu mạnh' }));
    await api.waitFor(() => api.sent(chat).length === 1, 15_000);
    expect(api.calls.filter((c) => c.method === 'sendMessage' && c.failed)).toHaveLength(1);
    expect(api.sent(chat)).toHaveLength(1);
  });

  it('403 is Zalo\'s "internal server error": retried and delivered, the person stays active', async () => {
    const chat = newChat();
    await say(chat, 'xin chào');
    api.failNext('sendMessage', { status: 403 }, 2);
    await post(zaloTextEvent({ chatId: chat, text: 'otp là gì' }));
    await api.waitFor(() => api.sent(chat).length === 2, 15_000);
    expect(api.calls.filter((c) => c.method === 'sendMessage' && c.failed)).toHaveLength(2);
    expect((await running.app.users.get('zalo', chat))?.active).toBe(true);
  });

  it('429 (the monthly quota is used up): the reply stays queued without a retry storm and the console shows an alert', async () => {
    const chat = newChat();
    api.failNext('sendMessage', { status: 429 });
    await post(zaloTextEvent({ chatId: chat, text: 'vneid là gì' }));
    await api.waitFor(() => api.calls.some((c) => c.method === 'sendMessage' && c.failed));
    await expect.poll(async () => ((await (await fetch(`${running.url}/healthz`)).json()) as { alerts: { channel: string; code: string }[] }).alerts, { timeout: 3000 })
      .toContainEqual(expect.objectContaining({ channel: 'zalo', code: 'quota-exhausted' }));
    await new Promise((r) => setTimeout(r, 2500));
    expect(api.calls.filter((c) => c.method === 'sendMessage' && String(c.params.chat_id) === chat)).toHaveLength(1); // not retried every second
    expect(running.app.outbox.pending()).toBeGreaterThanOrEqual(1); // kept, not dropped
    // A later successful reply clears the alert.
    await say(newChat(), 'otp là gì');
    await expect.poll(async () => ((await (await fetch(`${running.url}/healthz`)).json()) as { alerts: unknown[] }).alerts, { timeout: 3000 }).toEqual([]);
  });

  it('429 during a campaign stops the channel\'s sending with the reason reported; the rest are skipped, not retried', async () => {
    const chats = Array.from({ length: 6 }, () => newChat());
    for (const chat of chats) await running.app.users.save({ channel: 'zalo', userId: chat, chatId: chat, locale: 'vi', subscriptions: { 'thu-han-muc': Date.now() }, lastSeen: Date.now(), active: true });
    api.setFailure({ status: 429 });
    const campaign = await running.app.campaigns.create({ title: 'Hạn mức', text: { vi: 'Thông báo thử' }, audience: { channels: ['zalo'], topics: ['thu-han-muc'] } }, 'test');
    await expect.poll(async () => (await running.app.campaigns.summary(campaign.id)).status, { timeout: 20_000 }).toBe('done');
    const summary = await running.app.campaigns.summary(campaign.id);
    // The sends already in flight when the first 429 came back fail with it; every later one is skipped unsent.
    expect(summary).toMatchObject({ total: 6, sent: 0, pending: 0 });
    expect(summary.failed + summary.skipped).toBe(6);
    expect(summary.skipped).toBeGreaterThanOrEqual(3);
    expect(api.calls.filter((c) => c.method === 'sendMessage' && chats.includes(String(c.params.chat_id)))).toHaveLength(summary.failed);
    let report = '';
    for await (const line of running.app.campaigns.reportCsv(campaign.id)) report += line;
    expect(report.match(/hết hạn mức tin nhắn tháng \(429\)/g)).toHaveLength(6);
    // Said before the next campaign starts.
    expect(await running.app.campaigns.quotaWarnings({ channels: ['zalo'], topics: ['thu-han-muc'] })).toEqual([expect.objectContaining({ channel: 'zalo', count: 6 })]);
    api.setFailure(null);
    await say(newChat(), 'otp là gì'); // a reply that goes through clears the state for the next tests
  });

  it('in a group: the person is from.id, only messages that mention the bot are answered, the mention is taken off', async () => {
    const group = `grp${newChat()}`;
    const person = newChat();
    await say(person, 'xin chào'); // their private chat
    expect((await post(zaloTextEvent({ chatId: group, userId: person, chatType: 'GROUP', text: 'hôm nay họp lúc mấy giờ' }))).status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(api.sent(group)).toHaveLength(0);
    expect((await post(zaloTextEvent({ chatId: group, userId: person, chatType: 'GROUP', text: '@Bot vneid là gì' }))).status).toBe(200);
    await api.waitFor(() => api.sent(group).length === 1);
    expect(texts(group)[0]).toContain('VNeID');
    const record = await running.app.users.get('zalo', person);
    expect(record?.chatId).toBe(person); // never the group
    expect(await running.app.users.get('zalo', group)).toBeUndefined();
  });

  it('ignores the bot\'s own messages echoed back (from.is_bot)', async () => {
    const chat = newChat();
    expect((await post(zaloTextEvent({ chatId: chat, text: 'vneid là gì', isBot: true }))).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(api.calls.filter((c) => c.method === 'sendMessage' && String(c.params.chat_id) === chat)).toHaveLength(0);
  });

  it('a blocked chat (403 every time) is retried, never marked inactive', async () => {
    const chat = newChat();
    await say(chat, 'xin chào');
    api.blockChat(chat);
    await post(zaloTextEvent({ chatId: chat, text: 'otp' }));
    await api.waitFor(() => api.calls.filter((c) => c.method === 'sendMessage' && c.failed && String(c.params.chat_id) === chat).length >= 2, 10_000);
    expect((await running.app.users.get('zalo', chat))?.active).toBe(true);
  });

  it('never logs or returns the token', async () => {
    const health = await (await fetch(`${running.url}/healthz`)).text();
    expect(health).not.toContain(TOKEN);
    expect(health).toContain('zalo');
  });
});
