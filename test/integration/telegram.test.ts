// Telegram end to end: our real server on loopback, webhook requests shaped as Telegram sends them,
// and a fake Bot API (TELEGRAM_API_ROOT) that records what we send and can fail on command.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { redisTestUrl } from '../support/redis.js';
import { startServerProcess } from '../support/server-process.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeTelegram, type FakeCall, type FakeTelegram } from '../support/fake-telegram.js';
import { startApp, type RunningApp } from '../support/app.js';

const TOKEN = '123456:AAbbCCddEEffGGhhIIjjKKllMMnn';
const SECRET = 'telegram-webhook-secret-0123456789';
const PUBLIC_URL = 'https://tro-ly-so.example.gov.vn';

let api: FakeTelegram;
let running: RunningApp;
let updateId = 1000;

const env = () => ({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: api.url, PUBLIC_URL });

beforeAll(async () => {
  api = await startFakeTelegram();
  running = await startApp(env());
}, 180_000); // the knowledge is trained at start-up: slow on a loaded machine
afterAll(async () => {
  await running?.stop();
  await api?.close();
});
afterEach(() => api.reset());

function textUpdate(chatId: number, text: string, extra: Record<string, unknown> = {}) {
  updateId += 1;
  return {
    update_id: updateId,
    message: { message_id: updateId, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private', first_name: 'Dân' }, from: { id: chatId, is_bot: false, first_name: 'Dân' }, text, ...extra },
  };
}

function callbackUpdate(chatId: number, data: string) {
  updateId += 1;
  return {
    update_id: updateId,
    callback_query: {
      id: `cb${updateId}`,
      from: { id: chatId, is_bot: false, first_name: 'Dân' },
      chat_instance: 'x',
      data,
      message: { message_id: 1, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private' }, text: 'trước' },
    },
  };
}

async function post(body: unknown, options: { secret?: string | null; raw?: string; target?: RunningApp } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const secret = options.secret === undefined ? SECRET : options.secret;
  if (secret !== null) headers['x-telegram-bot-api-secret-token'] = secret;
  const response = await fetch(`${(options.target ?? running).url}/telegram/webhook`, { method: 'POST', headers, body: options.raw ?? JSON.stringify(body) });
  return { status: response.status, body: await response.text() };
}

const sentTo = (chatId: number) => api.sent(chatId);
const lastText = (chatId: number) => String(sentTo(chatId).at(-1)?.params.text ?? '');
const buttons = (call: FakeCall | undefined): { text: string; callback_data?: string; url?: string }[] =>
  ((call?.params.reply_markup as { inline_keyboard?: { text: string; callback_data?: string; url?: string }[][] } | undefined)?.inline_keyboard ?? []).flat();

async function say(chatId: number, text: string) {
  const before = sentTo(chatId).length;
  expect((await post(textUpdate(chatId, text))).status).toBe(200);
  await api.waitFor(() => sentTo(chatId).length > before);
  return sentTo(chatId).slice(before);
}

describe('Telegram webhook mode', () => {
  it('set the webhook on start with the secret and the allowed updates', async () => {
    const fresh = await startFakeTelegram();
    const app = await startApp({ ...env(), TELEGRAM_API_ROOT: fresh.url });
    try {
      const call = fresh.calls.find((c) => c.method === 'setWebhook');
      expect(call?.params).toMatchObject({ url: `${PUBLIC_URL}/telegram/webhook`, secret_token: SECRET, allowed_updates: ['message', 'callback_query', 'my_chat_member'] });
      expect(call?.token).toBe(TOKEN);
    } finally {
      await app.stop();
      await fresh.close();
    }
  });

  it('holds the scripted conversation: /start, a question, a suggestion button, /subscribe, /xoadulieu', async () => {
    const chat = 5001;
    const [welcome] = await say(chat, '/start');
    expect(welcome!.params.text).toContain('trợ lý tự động');
    expect(buttons(welcome).length).toBeGreaterThan(0);

    const [answer] = await say(chat, 'chuyen doi so la gi');
    expect(answer!.params.text).toContain('không gian số');
    // A related question (the first button may be "Xem thêm", c:more:…).
    const suggestion = buttons(answer).find((b) => /^c:[a-z0-9-]+$/.test(b.callback_data ?? ''));
    expect(suggestion?.callback_data).toMatch(/^c:[a-z0-9-]+$/);
    expect(Buffer.byteLength(suggestion!.callback_data!)).toBeLessThanOrEqual(64);

    const before = sentTo(chat).length;
    expect((await post(callbackUpdate(chat, suggestion!.callback_data!))).status).toBe(200);
    await api.waitFor(() => sentTo(chat).length > before && api.calls.some((c) => c.method === 'answerCallbackQuery'));
    expect(lastText(chat)).not.toBe(answer!.params.text);
    expect(lastText(chat).length).toBeGreaterThan(50);

    const [subscribed] = await say(chat, '/subscribe');
    expect(subscribed!.params.text).toContain('Thông báo chung');
    expect((await running.app.users.get('telegram', String(chat)))?.subscriptions).toHaveProperty('chung');
    const topicButton = buttons(subscribed).find((b) => b.callback_data === 'c:sub:an-toan-mang');
    expect(topicButton).toBeDefined();

    const [confirm] = await say(chat, '/xoadulieu');
    expect(confirm!.params.text).toContain('Bạn có chắc');
    const yes = buttons(confirm).find((b) => b.callback_data === 'c:del:yes');
    expect(yes).toBeDefined();
    const n = sentTo(chat).length;
    await post(callbackUpdate(chat, yes!.callback_data!));
    await api.waitFor(() => sentTo(chat).length > n);
    expect(lastText(chat)).toContain('Đã xóa');
    expect(await running.app.users.get('telegram', String(chat))).toBeUndefined();
  });

  it('answers words as commands too: "đăng ký nhận tin" and "hủy"', async () => {
    const chat = 5002;
    await say(chat, 'đăng ký nhận tin');
    expect((await running.app.users.get('telegram', String(chat)))?.subscriptions).toHaveProperty('chung');
    const [stopped] = await say(chat, 'hủy');
    expect(stopped!.params.text).toContain('ngừng nhận tin');
    expect((await running.app.users.get('telegram', String(chat)))?.subscriptions).toEqual({});
  });

  it('shows links as URL buttons and does not put them in the text', async () => {
    const [answer] = await say(5003, 'kiem tra trang web lua dao o dau');
    expect(buttons(answer).some((b) => b.url === 'https://tinnhiemmang.vn/website-lua-dao')).toBe(true);
    expect(answer!.params.link_preview_options).toEqual({ is_disabled: true });
    expect(answer!.params.parse_mode).toBeUndefined();
  });
});

describe('Telegram: bad input', () => {
  it.each([
    ['missing', null],
    ['wrong', 'not-the-secret'],
    ['empty', ''],
  ])('a %s secret header gets 401 and nothing is processed', async (_name, secret) => {
    const response = await post(textUpdate(5100, 'chào'), { secret });
    expect(response.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(api.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(0);
  });

  it('malformed JSON gets 400', async () => {
    expect((await post(undefined, { raw: '{"update_id": 1, "message": ' })).status).toBe(400);
  });

  it('a body over 256 KB gets 413', async () => {
    expect((await post(textUpdate(5101, 'x'.repeat(300 * 1024)))).status).toBe(413);
  });

  it('an object that is not an update gets 400', async () => {
    expect((await post({ hello: 'world' })).status).toBe(400);
  });

  it('unknown update types get 200 and nothing is sent', async () => {
    updateId += 1;
    const response = await post({ update_id: updateId, edited_message: { message_id: 1, date: 1, chat: { id: 5102, type: 'private' }, text: 'sửa' } });
    expect(response.status).toBe(200);
    await new Promise((r) => setTimeout(r, 150));
    expect(api.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(0);
  });

  it('the same update delivered twice is answered once', async () => {
    const update = textUpdate(5103, 'vneid là gì');
    expect((await post(update)).status).toBe(200);
    expect((await post(update)).status).toBe(200);
    await api.waitFor(() => sentTo(5103).length >= 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(sentTo(5103)).toHaveLength(1);
  });

  it('the same update after a restart is still answered once', async () => {
    const first = await startApp(env());
    const update = textUpdate(5104, 'otp là gì');
    await post(update, { target: first });
    await api.waitFor(() => sentTo(5104).length >= 1);
    await first.stop({ keepData: true });
    const second = await startApp(env(), first.dataDir);
    try {
      expect((await post(update, { target: second })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 200));
      expect(sentTo(5104)).toHaveLength(1);
    } finally {
      await second.stop();
    }
  }, 180_000); // two start-ups: slow on a loaded machine

  it.each([
    ['20,000 characters', 'a'.repeat(20_000)],
    ['only emoji', '😀😀🙏'],
    ['zero-width characters', '\u200B\u200C\u200D'],
    ['RTL marks', '\u202Eمرحبا\u202C'],
    ['HTML', '<b>hi</b><img src=x onerror=alert(1)>'],
  ])('%s gets a sensible reply', async (_name, text) => {
    const chat = 5200 + Math.floor(Math.random() * 1000);
    const [reply] = await say(chat, text);
    expect(String(reply!.params.text).length).toBeGreaterThan(10);
    expect(reply!.params.parse_mode).toBeUndefined();
  });

  it('a photo gets one polite reply that the bot reads text', async () => {
    updateId += 1;
    const chat = 5105;
    await post({ update_id: updateId, message: { message_id: 9, date: 1, chat: { id: chat, type: 'private' }, from: { id: chat, is_bot: false, first_name: 'A' }, photo: [{ file_id: 'f', file_unique_id: 'u', width: 1, height: 1 }] } });
    await api.waitFor(() => sentTo(chat).length === 1);
    expect(lastText(chat)).toContain('chỉ đọc được tin nhắn chữ');
  });

  it('in a group, answers commands and mentions only', async () => {
    const group = -100777;
    const inGroup = (text: string) => {
      updateId += 1;
      return { update_id: updateId, message: { message_id: updateId, date: 1, chat: { id: group, type: 'supergroup', title: 'Xã' }, from: { id: 5106, is_bot: false, first_name: 'A' }, text } };
    };
    await post(inGroup('hôm nay trời đẹp quá'));
    await post(inGroup('/start@other_bot'));
    await new Promise((r) => setTimeout(r, 200));
    expect(sentTo(group)).toHaveLength(0);
    await post(inGroup('@tro_ly_so_bot vneid là gì'));
    await api.waitFor(() => sentTo(group).length === 1);
    expect(lastText(group)).toContain('VNeID');
    await post(inGroup('/help@tro_ly_so_bot'));
    await api.waitFor(() => sentTo(group).length === 2);
  });

  it('a message in a group never replaces the person\'s private chat, which campaigns and subscriptions use', async () => {
    const person = 5110;
    await say(person, '/subscribe');
    updateId += 1;
    await post({ update_id: updateId, message: { message_id: updateId, date: 1, chat: { id: -100888, type: 'supergroup', title: 'Phường' }, from: { id: person, is_bot: false, first_name: 'A' }, text: '@tro_ly_so_bot vneid là gì' } });
    await api.waitFor(() => sentTo(-100888).length === 1);
    const record = await running.app.users.get('telegram', String(person));
    expect(record?.chatId).toBe(String(person));
    expect(record?.subscriptions).toHaveProperty('chung');
    // Someone seen first in a group is stored with their private chat (their user id), not the group.
    updateId += 1;
    await post({ update_id: updateId, message: { message_id: updateId, date: 1, chat: { id: -100888, type: 'supergroup', title: 'Phường' }, from: { id: 5111, is_bot: false, first_name: 'B' }, text: '/help@tro_ly_so_bot' } });
    await api.waitFor(() => sentTo(-100888).length === 2);
    expect((await running.app.users.get('telegram', '5111'))?.chatId).toBe('5111');
  });

  it('in a forum topic, the answer goes to the same topic (message_thread_id)', async () => {
    const forum = -100999;
    updateId += 1;
    await post({ update_id: updateId, message: { message_id: updateId, date: 1, message_thread_id: 42, is_topic_message: true, chat: { id: forum, type: 'supergroup', title: 'Hỏi đáp', is_forum: true }, from: { id: 5112, is_bot: false, first_name: 'A' }, text: '@tro_ly_so_bot otp là gì' } });
    await api.waitFor(() => sentTo(forum).length === 1);
    expect(sentTo(forum)[0]!.params.message_thread_id).toBe(42);
    // A private chat has no topic.
    const [reply] = await say(5113, 'otp là gì');
    expect(reply!.params.message_thread_id).toBeUndefined();
  });

  it('a user who blocked the bot (403) is marked inactive', async () => {
    const chat = 5107;
    await say(chat, 'xin chào');
    api.blockChat(chat);
    await post(textUpdate(chat, 'otp'));
    await api.waitFor(() => api.calls.some((c) => c.method === 'sendMessage' && c.failed && String(c.params.chat_id) === String(chat)));
    await expect.poll(async () => (await running.app.users.get('telegram', String(chat)))?.active, { timeout: 5000 }).toBe(false);
  });

  it('a my_chat_member "kicked" update marks the user inactive', async () => {
    const chat = 5108;
    await say(chat, 'xin chào');
    updateId += 1;
    await post({
      update_id: updateId,
      my_chat_member: {
        chat: { id: chat, type: 'private' }, from: { id: chat, is_bot: false, first_name: 'A' }, date: 1,
        old_chat_member: { user: { id: 777000, is_bot: true, first_name: 'Bot' }, status: 'member' },
        new_chat_member: { user: { id: 777000, is_bot: true, first_name: 'Bot' }, status: 'kicked', until_date: 0 },
      },
    });
    await expect.poll(async () => (await running.app.users.get('telegram', String(chat)))?.active, { timeout: 5000 }).toBe(false);
  });
});

describe('Telegram: a slow or failing API', () => {
  it('stalling 10 s: the webhook answers at once, the reply arrives once after, other chats are not held up', async () => {
    api.failNext('sendMessage', { stallMs: 10_000 });
    const slowChat = 5300;
    const response = await post(textUpdate(slowChat, 'vneid là gì'));
    expect(response.status).toBe(200);
    expect(sentTo(slowChat)).toHaveLength(0); // acknowledged while the API is still stalling

    const [other] = await say(5301, 'otp là gì'); // another chat goes through meanwhile
    expect(other!.params.text).toBeTruthy();
    expect(sentTo(slowChat)).toHaveLength(0);

    await api.waitFor(() => sentTo(slowChat).length === 1, 20_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(sentTo(slowChat)).toHaveLength(1);
  });

  it('500 twice, then success: delivered once', async () => {
    api.failNext('sendMessage', { status: 500 }, 2);
    await post(textUpdate(5302, 'dịch vụ công quốc gia là gì'));
    await api.waitFor(() => sentTo(5302).length === 1, 30_000);
    expect(api.calls.filter((c) => c.method === 'sendMessage' && String(c.params.chat_id) === '5302' && c.failed)).toHaveLength(2);
    expect(sentTo(5302)).toHaveLength(1);
  });

  it('429 with retry_after: waits and delivers once', async () => {
    api.failNext('sendMessage', { status: 429, retryAfter: 1 });
    await post(textUpdate(5303, 'mật khẩu mạnh là gì'));
    await api.waitFor(() => sentTo(5303).length === 1, 15_000);
    const calls = api.calls.filter((c) => c.method === 'sendMessage' && String(c.params.chat_id) === '5303');
    expect(calls).toHaveLength(2);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(900); // it waited the retry_after, not less
  });

  it('flood control: more than 8 messages in 10 s get one "slow down", then silence', async () => {
    const chat = 5304;
    for (let i = 0; i < 11; i += 1) await post(textUpdate(chat, `câu hỏi số ${i}`));
    await api.waitFor(() => sentTo(chat).length >= 9);
    await new Promise((r) => setTimeout(r, 300));
    const texts = sentTo(chat).map((c) => String(c.params.text));
    expect(texts).toHaveLength(9);
    expect(texts.filter((t) => t.includes('nhắn hơi nhanh'))).toHaveLength(1);
  });
});

describe('Telegram long polling (no PUBLIC_URL)', () => {
  it('deletes any webhook, polls getUpdates and answers', async () => {
    const fresh = await startFakeTelegram();
    const app = await startApp({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fresh.url });
    try {
      await fresh.waitFor((calls) => calls.some((c) => c.method === 'getUpdates'));
      expect(fresh.calls.some((c) => c.method === 'deleteWebhook')).toBe(true);
      expect(fresh.calls.some((c) => c.method === 'setWebhook')).toBe(false);
      fresh.queueUpdate(textUpdate(5400, 'vneid là gì'));
      await fresh.waitFor(() => fresh.sent(5400).length === 1);
      expect(String(fresh.sent(5400)[0]!.params.text)).toContain('VNeID');
    } finally {
      await app.stop();
      await fresh.close();
    }
  });
});

const redisUrl = redisTestUrl();
describe.skipIf(!redisUrl)('Telegram: work that outlives the webhook timeout', () => {
  it('is completed from the durable outbox: an acknowledged update survives a crash and is answered after the restart', async () => {
    const url = `${redisUrl!.replace(/\/\d+$/, '')}/8`;
    const admin = new Redis(url);
    await admin.flushdb();
    const dataDir = mkdtempSync(join(tmpdir(), 'tro-ly-so-crash-'));
    // A short heartbeat: the restarted process takes over the dead one's messages seconds after, not 30-60 s after.
    const serverEnv = { ...env(), REDIS_URL: url, DATA_DIR: dataDir, WATCH_KNOWLEDGE: 'false', OUTBOX_HEARTBEAT_MS: '1000' };
    let server = await startServerProcess(serverEnv, undefined, 150_000);
    try {
      // The store stalls (writes paused for 8 s): the work on the update takes longer than a webhook may.
      await admin.call('CLIENT', 'PAUSE', '8000', 'WRITE');
      const update = textUpdate(5501, 'vneid là gì');
      // Behave like Telegram: post until a 2xx (any other answer is retried), then never again.
      let acknowledged = false;
      for (let attempt = 0; attempt < 10 && !acknowledged; attempt += 1) {
        const status = await fetch(`${server.url}/telegram/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify(update) }).then((r) => r.status, () => 0);
        acknowledged = status >= 200 && status < 300;
        if (!acknowledged) await new Promise((r) => setTimeout(r, 1000));
      }
      // The process dies right after Telegram got its answer.
      await server.kill('SIGKILL');
      await admin.call('CLIENT', 'UNPAUSE');
      expect(acknowledged).toBe(true);
      expect(sentTo(5501)).toHaveLength(0);
      server = await startServerProcess(serverEnv, undefined, 150_000);
      await api.waitFor(() => sentTo(5501).length === 1, 30_000);
      await new Promise((r) => setTimeout(r, 500));
      expect(sentTo(5501)).toHaveLength(1);
    } finally {
      await admin.call('CLIENT', 'UNPAUSE').catch(() => {});
      await server.kill();
      await admin.flushdb();
      await admin.quit();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 400_000);
});
