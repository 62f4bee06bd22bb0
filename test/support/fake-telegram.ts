// A fake Telegram Bot API for tests: a small node:http server on 127.0.0.1 with an ephemeral port.
// grammY calls `POST ${url}/bot${token}/${method}`; every call is recorded and answered like Telegram would,
// and failures (429, 500, 400, a stall, a blocked chat) can be switched on per method.
// The server, recording and failure controls are shared with the fake Zalo API (fake-bot-api.ts).
import type { IncomingMessage } from 'node:http';
import { error, ok, startFakeBotApi, type Answer, type BotApiCall, type BotApiContext, type BotApiFailure, type FakeBotApi } from './fake-bot-api.js';

export type Failure = BotApiFailure<{ status: 429; retryAfter: number }>;

export type FakeCall = BotApiCall;

/** A Telegram update; `update_id` is filled in by queueUpdate when missing. */
export type TelegramUpdate = { update_id?: number } & Record<string, unknown>;

export interface FakeTelegram extends FakeBotApi<Failure> {
  /** The API root to give grammY (`client.apiRoot`), e.g. http://127.0.0.1:PORT */
  readonly url: string;
  /** Queues an update for getUpdates (wakes a waiting long poll); returns it with its update_id. */
  queueUpdate(update: TelegramUpdate): TelegramUpdate & { update_id: number };
  /** sendMessage to this chat answers 403 "bot was blocked by the user". */
  blockChat(chatId: number | string): void;
  /** Clears calls, queued updates, failures and blocked chats. */
  reset(): void;
  /** Closes the server and every open socket (stalled and long-polling requests are dropped). */
  close(): Promise<void>;
}

const BOT_INFO = {
  id: 777000,
  is_bot: true,
  first_name: 'Trợ lý số',
  username: 'tro_ly_so_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
} as const;

const MAX_TEXT = 4096;

/** Telegram answers chat ids as numbers; form bodies carry them as strings. */
const chatIdOf = (value: unknown): unknown => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);

export async function startFakeTelegram(): Promise<FakeTelegram> {
  let updates: (TelegramUpdate & { update_id: number })[] = [];
  let nextUpdateId = 1;
  let nextMessageId = 1;
  let webhookUrl = '';
  const updateWaiters = new Set<() => void>();

  async function getUpdates(params: Record<string, any>, req: IncomingMessage, ctx: BotApiContext): Promise<Answer> {
    if (updates.length === 0) {
      const seconds = Math.min(Math.max(Number(params.timeout ?? 0) || 0, 0), 1);
      if (seconds > 0 && !ctx.closed) {
        await new Promise<void>((resolve) => {
          const wake = () => {
            clearTimeout(timer);
            updateWaiters.delete(wake);
            req.off('close', onClose);
            resolve();
          };
          const onClose = () => wake();
          const timer = setTimeout(wake, seconds * 1000);
          updateWaiters.add(wake);
          req.once('close', onClose); // the client gave up (e.g. grammY stopping): stop waiting
        });
      }
    }
    const limit = Math.min(Math.max(Number(params.limit ?? 100) || 100, 1), 100);
    const batch = updates.slice(0, limit);
    updates = updates.slice(batch.length);
    return ok(batch);
  }

  function answer(method: string, params: Record<string, any>, req: IncomingMessage, ctx: BotApiContext): Answer | Promise<Answer> {
    switch (method) {
      case 'getMe':
        return ok({ ...BOT_INFO });
      case 'sendMessage': {
        const text: unknown = params.text;
        if (params.chat_id === undefined || params.chat_id === null || params.chat_id === '') return error(400, 'Bad Request: chat_id is empty');
        if (typeof text !== 'string' || text.length === 0) return error(400, 'Bad Request: message text is empty');
        if (text.length > MAX_TEXT) return error(400, 'Bad Request: message is too long');
        if (ctx.isBlocked(params.chat_id)) return error(403, 'Forbidden: bot was blocked by the user');
        return ok({
          message_id: nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: chatIdOf(params.chat_id), type: 'private' },
          text,
        });
      }
      case 'setWebhook':
        webhookUrl = typeof params.url === 'string' ? params.url : '';
        return ok(true);
      case 'deleteWebhook':
        webhookUrl = '';
        return ok(true);
      case 'getWebhookInfo':
        return ok({ url: webhookUrl, has_custom_certificate: false, pending_update_count: 0 });
      case 'getUpdates':
        return getUpdates(params, req, ctx);
      default: // answerCallbackQuery, setMyCommands, sendChatAction and anything else
        return ok(true);
    }
  }

  const { url, calls, ...controls } = await startFakeBotApi<{ status: 429; retryAfter: number }>({
    name: 'Telegram',
    unparsableBody: "Bad Request: can't parse request body",
    rateLimited: ({ retryAfter }) => ({
      ...error(429, `Too Many Requests: retry after ${retryAfter}`, { parameters: { retry_after: retryAfter } }),
      headers: { 'retry-after': String(retryAfter) },
    }),
    answer,
    onReset() {
      updates = [];
    },
    onClose() {
      for (const wake of [...updateWaiters]) wake();
    },
  });

  return {
    url,
    calls,
    queueUpdate(update) {
      const queued = { ...update, update_id: update.update_id ?? nextUpdateId };
      nextUpdateId = Math.max(nextUpdateId, queued.update_id) + 1;
      updates.push(queued);
      for (const wake of [...updateWaiters]) wake();
      return queued;
    },
    ...controls,
  };
}
