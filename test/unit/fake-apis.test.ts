// The fake Telegram and Zalo Bot APIs behave as the tests that use them expect.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { startFakeZalo, zaloEvent, zaloTextEvent, type FakeZalo } from '../support/fake-zalo.js';

async function call(base: string, token: string, method: string, params?: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(`${base}/bot${token}/${method}`, {
    method: 'POST',
    headers: params === undefined ? {} : { 'content-type': 'application/json' },
    body: params === undefined ? undefined : JSON.stringify(params),
  });
  return { status: response.status, json: await response.json() };
}

describe('fake Telegram Bot API', () => {
  const token = '123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345';
  let tg: FakeTelegram;
  const api = (method: string, params?: unknown) => call(tg.url, token, method, params);

  beforeAll(async () => {
    tg = await startFakeTelegram();
  });
  afterAll(async () => {
    await tg.close();
  });
  beforeEach(() => tg.reset());

  it('records calls and answers getMe and sendMessage like Telegram', async () => {
    const me = await api('getMe');
    expect(me).toMatchObject({ status: 200, json: { ok: true, result: { id: 777000, is_bot: true, username: 'tro_ly_so_bot' } } });

    const before = Date.now();
    const first = await api('sendMessage', { chat_id: 42, text: 'Xin chào' });
    const second = await api('sendMessage', { chat_id: 42, text: 'Lần hai' });
    expect(first.json).toMatchObject({ ok: true, result: { chat: { id: 42, type: 'private' }, text: 'Xin chào' } });
    expect(second.json.result.message_id).toBeGreaterThan(first.json.result.message_id);
    expect(Math.abs(first.json.result.date - Date.now() / 1000)).toBeLessThan(5);

    expect(tg.calls.map((c) => c.method)).toEqual(['getMe', 'sendMessage', 'sendMessage']);
    expect(tg.calls[1]).toMatchObject({ method: 'sendMessage', token, params: { chat_id: 42, text: 'Xin chào' } });
    expect(tg.calls[1]!.at).toBeGreaterThanOrEqual(before);
    expect(tg.calls[1]!.failed).toBeUndefined();
    expect(tg.sent(42).map((c) => c.params.text)).toEqual(['Xin chào', 'Lần hai']);
    expect(tg.sent('42')).toHaveLength(2);
    expect(tg.sent(7)).toHaveLength(0);
  });

  it('accepts a form-encoded body and remembers the webhook', async () => {
    const response = await fetch(`${tg.url}/bot${token}/setWebhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ url: 'https://example.com/hook', secret_token: 'abc' }).toString(),
    });
    expect(await response.json()).toEqual({ ok: true, result: true });
    expect(tg.calls[0]!.params).toEqual({ url: 'https://example.com/hook', secret_token: 'abc' });
    expect((await api('getWebhookInfo')).json.result).toEqual({ url: 'https://example.com/hook', has_custom_certificate: false, pending_update_count: 0 });
    expect((await api('sendChatAction', { chat_id: 1, action: 'typing' })).json).toEqual({ ok: true, result: true });
  });

  it('answers 429 with retry_after, once', async () => {
    tg.failNext('sendMessage', { status: 429, retryAfter: 3 });
    const limited = await api('sendMessage', { chat_id: 1, text: 'a' });
    expect(limited).toEqual({
      status: 429,
      json: { ok: false, error_code: 429, description: 'Too Many Requests: retry after 3', parameters: { retry_after: 3 } },
    });
    expect((await api('sendMessage', { chat_id: 1, text: 'b' })).status).toBe(200);
    expect(tg.calls.map((c) => c.failed)).toEqual([true, undefined]);
    expect(tg.sent().map((c) => c.params.text)).toEqual(['b']);
  });

  it('fails every sendMessage with setFailure until cleared, and 500 as asked', async () => {
    tg.setFailure({ status: 500 });
    expect(await api('sendMessage', { chat_id: 1, text: 'a' })).toEqual({ status: 500, json: { ok: false, error_code: 500, description: 'Internal Server Error' } });
    expect((await api('sendMessage', { chat_id: 1, text: 'b' })).status).toBe(500);
    expect((await api('getMe')).status).toBe(200);
    tg.setFailure(null);
    expect((await api('sendMessage', { chat_id: 1, text: 'c' })).status).toBe(200);
  });

  it('answers 403 for a blocked chat only', async () => {
    tg.blockChat(99);
    expect(await api('sendMessage', { chat_id: 99, text: 'a' })).toEqual({
      status: 403,
      json: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' },
    });
    expect((await api('sendMessage', { chat_id: 100, text: 'a' })).status).toBe(200);
    expect(tg.sent(99)).toHaveLength(0);
    expect(tg.calls[0]!.failed).toBe(true);
  });

  it('rejects a message that is too long or empty', async () => {
    expect((await api('sendMessage', { chat_id: 1, text: 'x'.repeat(4096) })).status).toBe(200);
    expect(await api('sendMessage', { chat_id: 1, text: 'x'.repeat(4097) })).toEqual({
      status: 400,
      json: { ok: false, error_code: 400, description: 'Bad Request: message is too long' },
    });
    expect((await api('sendMessage', { chat_id: 1, text: '' })).json.description).toBe('Bad Request: message text is empty');
    expect(tg.sent()).toHaveLength(1);
  });

  it('stalls a call, recording it on arrival, then answers normally', async () => {
    tg.failNext('sendMessage', { stallMs: 300 });
    const started = Date.now();
    const pending = api('sendMessage', { chat_id: 5, text: 'chậm' });
    await tg.waitFor((calls) => calls.length === 1);
    expect(tg.calls[0]!.at - started).toBeLessThan(200);
    expect(tg.sent()).toHaveLength(0);
    const response = await pending;
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(response.json).toMatchObject({ ok: true, result: { text: 'chậm' } });
    expect(tg.sent(5)).toHaveLength(1);
  });

  it('returns a queued update from getUpdates, waking a waiting long poll', async () => {
    expect((await api('getUpdates', { timeout: 0 })).json).toEqual({ ok: true, result: [] });

    const started = Date.now();
    const poll = api('getUpdates', { offset: 0, timeout: 30 });
    await tg.waitFor((calls) => calls.some((c) => c.method === 'getUpdates' && c.params.timeout === 30));
    const queued = tg.queueUpdate({ update_id: 10, message: { message_id: 1, date: 0, chat: { id: 5, type: 'private' }, text: 'hi' } });
    const response = await poll;
    expect(Date.now() - started).toBeLessThan(900);
    expect(response.json).toEqual({ ok: true, result: [queued] });
    expect(queued.update_id).toBe(10);

    const emptyStarted = Date.now();
    expect((await api('getUpdates', { timeout: 30 })).json.result).toEqual([]); // removed, and the wait is capped at 1 s
    expect(Date.now() - emptyStarted).toBeGreaterThanOrEqual(900);
  });

  it('waitFor rejects with the recorded methods', async () => {
    await api('getMe');
    await expect(tg.waitFor((calls) => calls.some((c) => c.method === 'sendMessage'), 50)).rejects.toThrow(/getMe/);
  });

  it('close() drops a stalled request', async () => {
    const other = await startFakeTelegram();
    other.failNext('sendMessage', { stallMs: 10_000 });
    const pending = call(other.url, token, 'sendMessage', { chat_id: 1, text: 'a' });
    await other.waitFor((calls) => calls.length === 1);
    const started = Date.now();
    await other.close();
    await expect(pending).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('fake Zalo Bot API', () => {
  const token = '1234567890:zalo-test-token';
  let zalo: FakeZalo;
  const api = (method: string, params?: unknown, t = token) => call(zalo.url, t, method, params);

  beforeAll(async () => {
    zalo = await startFakeZalo();
  });
  afterAll(async () => {
    await zalo.close();
  });
  beforeEach(() => zalo.reset());

  it('records calls and answers getMe and sendMessage', async () => {
    expect((await api('getMe')).json).toEqual({ ok: true, result: { id: 'bot123', account_name: 'bot.troly', account_type: 'BASIC', can_join_groups: false } });
    const sent = await api('sendMessage', { chat_id: 'u1', text: 'Xin chào' });
    expect(sent.status).toBe(200);
    expect(sent.json.result.message_id).toMatch(/^[0-9a-f]+$/);
    expect(Math.abs(sent.json.result.date - Date.now())).toBeLessThan(5000);
    expect(zalo.calls.map((c) => c.method)).toEqual(['getMe', 'sendMessage']);
    expect(zalo.calls[1]).toMatchObject({ token, params: { chat_id: 'u1', text: 'Xin chào' } });
    expect(zalo.sent('u1')).toHaveLength(1);
  });

  it('validates text length and webhook parameters', async () => {
    expect((await api('sendMessage', { chat_id: 'u1', text: 'x'.repeat(2000) })).status).toBe(200);
    expect(await api('sendMessage', { chat_id: 'u1', text: 'x'.repeat(2001) })).toEqual({
      status: 400,
      json: { ok: false, error_code: 400, description: 'text must be 1-2000 characters' },
    });
    expect((await api('sendMessage', { chat_id: 'u1', text: '' })).status).toBe(400);
    expect(zalo.sent()).toHaveLength(1);

    expect((await api('setWebhook', { url: 'http://example.com/hook', secret_token: 'abcdefgh' })).status).toBe(400);
    expect((await api('setWebhook', { url: 'https://example.com/hook', secret_token: 'short' })).status).toBe(400);
    const set = await api('setWebhook', { url: 'https://example.com/hook', secret_token: 'abcdefgh' });
    expect(set.json).toMatchObject({ ok: true, result: { url: 'https://example.com/hook' } });
    expect((await api('getWebhookInfo')).json.result.url).toBe('https://example.com/hook');
    expect((await api('deleteWebhook')).json.result.url).toBe('');
  });

  it('answers 429 without retry_after, 403 for a blocked chat, 401 without a token', async () => {
    zalo.failNext('sendMessage', { status: 429 });
    expect(await api('sendMessage', { chat_id: 'u1', text: 'a' })).toEqual({ status: 429, json: { ok: false, error_code: 429, description: 'Quota exceeded' } });
    zalo.blockChat('u2');
    expect(await api('sendMessage', { chat_id: 'u2', text: 'a' })).toEqual({ status: 403, json: { ok: false, error_code: 403, description: 'Forbidden' } });
    expect((await api('sendMessage', { chat_id: 'u1', text: 'a' })).status).toBe(200);
    expect((await api('getMe', undefined, '')).status).toBe(401);
    expect(zalo.calls.map((c) => c.failed === true)).toEqual([true, true, false, true]);
  });

  it('stalls a call, then answers normally', async () => {
    zalo.setFailure({ stallMs: 200 });
    const started = Date.now();
    const response = await api('sendMessage', { chat_id: 'u1', text: 'chậm' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(response.json.ok).toBe(true);
    expect(zalo.calls[0]!.at - started).toBeLessThan(150);
  });

  it('builds webhook payloads as Zalo sends them', () => {
    const wrapped = zaloTextEvent({ chatId: 'u1', text: 'Xin chào', messageId: 'abc', date: 1_700_000_000_000 });
    expect(wrapped).toEqual({
      ok: true,
      result: {
        event_name: 'message.text.received',
        message: {
          from: { id: 'u1', display_name: 'Người dân', is_bot: false },
          chat: { id: 'u1', chat_type: 'PRIVATE' },
          text: 'Xin chào',
          message_id: 'abc',
          date: 1_700_000_000_000,
        },
      },
    });
    const bare = zaloTextEvent({ chatId: 'u1', userId: 'u9', text: 'hi', wrapped: false });
    expect(bare.event_name).toBe('message.text.received');
    expect(bare.message.from.id).toBe('u9');
    expect(bare.message.message_id).toMatch(/^[0-9a-f]+$/);

    const image = zaloEvent('message.image.received', { chatId: 'u1', extra: { caption: 'ảnh' } });
    expect(image.result.message).toMatchObject({ photo_url: expect.stringMatching(/^https:/), caption: 'ảnh' });
    expect(zaloEvent('message.sticker.received', { chatId: 'u1' }).result.message.sticker).toEqual(expect.any(String));
    expect(zaloEvent('message.unsupported.received', { chatId: 'u1' }).result.event_name).toBe('message.unsupported.received');
  });
});
