// Zalo end to end: our real server on loopback, webhook events shaped as Zalo sends them (wrapped and bare),
// and a fake Zalo Bot API (ZALO_API_BASE) that records what we send and can fail on command.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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
});
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
  it('set the webhook on start with the secret', async () => {
    const fresh = await startFakeZalo();
    const app = await startApp({ ...env(), ZALO_API_BASE: fresh.url });
    try {
      const call = fresh.calls.find((c) => c.method === 'setWebhook');
      expect(call?.params).toEqual({ url: `${PUBLIC_URL}/zalo/webhook`, secret_token: SECRET });
      expect(call?.token).toBe(TOKEN);
    } finally {
      await app.stop();
      await fresh.close();
    }
  });

  it('holds the scripted conversation: /start, a question, "1" for a suggestion, /subscribe, /xoadulieu', async () => {
    const chat = newChat();
    const [welcome] = await say(chat, '/start');
    expect(welcome).toContain('trợ lý tự động');
    expect(welcome).toMatch(/Gợi ý \(gõ số để chọn\):\n1\. /);

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

  it('images, stickers and unsupported content get one polite reply', async () => {
    for (const event of ['message.image.received', 'message.sticker.received', 'message.unsupported.received'] as const) {
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
  });

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

  it('429 "Quota exceeded" and 500 are retried; delivered once', async () => {
    const chat = newChat();
    api.failNext('sendMessage', { status: 429 });
    api.failNext('sendMessage', { status: 500 });
    await post(zaloTextEvent({ chatId: chat, text: 'mật khẩu mạnh' }));
    await api.waitFor(() => api.sent(chat).length === 1, 15_000);
    expect(api.calls.filter((c) => c.method === 'sendMessage' && c.failed)).toHaveLength(2);
    expect(api.sent(chat)).toHaveLength(1);
  });

  it('403 marks the user inactive', async () => {
    const chat = newChat();
    await say(chat, 'xin chào');
    api.blockChat(chat);
    await post(zaloTextEvent({ chatId: chat, text: 'otp' }));
    await expect.poll(async () => (await running.app.users.get('zalo', chat))?.active, { timeout: 5000 }).toBe(false);
  });

  it('never logs or returns the token', async () => {
    const health = await (await fetch(`${running.url}/healthz`)).text();
    expect(health).not.toContain(TOKEN);
    expect(health).toContain('zalo');
  });
});
