// A fake Zalo Bot API for tests: a small node:http server on 127.0.0.1 with an ephemeral port.
// The client calls `POST ${url}/bot${token}/${method}` with a JSON body and gets `{ ok: true, result }` or
// `{ ok: false, error_code, description }`. Every call is recorded; failures can be switched on per method.
// Also builds webhook payloads shaped like the ones Zalo posts to the bot.
// The server, recording and failure controls are shared with the fake Telegram API (fake-bot-api.ts).
import { randomBytes } from 'node:crypto';
import { error, ok, startFakeBotApi, type BotApiCall, type BotApiFailure, type FakeBotApi } from './fake-bot-api.js';

export type ZaloFailure = BotApiFailure<{ status: 429 }>;

export type ZaloCall = BotApiCall;

export interface FakeZalo extends FakeBotApi<ZaloFailure> {
  /** The API base to give the Zalo client (ZALO_API_BASE), e.g. http://127.0.0.1:PORT */
  readonly url: string;
  /** sendMessage to this chat answers 403 "Forbidden". */
  blockChat(chatId: string | number): void;
}

const BOT_INFO = { id: 'bot123', account_name: 'bot.troly', account_type: 'BASIC', can_join_groups: false } as const;
const MAX_TEXT = 2000;

const randomHex = (bytes = 16): string => randomBytes(bytes).toString('hex');

function isHttpsUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

export async function startFakeZalo(): Promise<FakeZalo> {
  let webhook = { url: '', updated_at: Date.now() };

  return startFakeBotApi<{ status: 429 }>({
    name: 'Zalo',
    unparsableBody: 'Invalid JSON body',
    rejectEmptyToken: true,
    rateLimited: () => error(429, 'Quota exceeded'),
    answer(method, params, _req, ctx) {
      switch (method) {
        case 'getMe':
          return ok({ ...BOT_INFO });
        case 'setWebhook': {
          if (!isHttpsUrl(params.url)) return error(400, 'url must be a valid https URL');
          const secret: unknown = params.secret_token;
          if (typeof secret !== 'string' || secret.length < 8 || secret.length > 256) return error(400, 'secret_token must be 8-256 characters');
          webhook = { url: params.url, updated_at: Date.now() };
          // Zalo now pings the URL and reports the outcome (the fake cannot reach it, and says it worked).
          return ok({ ...webhook, verification: { ok: true, outcome: 'success', hint: '' } });
        }
        case 'deleteWebhook':
          webhook = { url: '', updated_at: Date.now() };
          return ok({ ...webhook });
        case 'getWebhookInfo':
          return ok({ ...webhook });
        case 'sendMessage': {
          if (typeof params.chat_id !== 'string' || params.chat_id === '') return error(400, 'chat_id must be a non-empty string');
          const text: unknown = params.text;
          if (typeof text !== 'string' || text.length < 1 || text.length > MAX_TEXT) return error(400, 'text must be 1-2000 characters');
          if (ctx.isBlocked(params.chat_id)) return error(403, 'Forbidden');
          return ok({ message_id: randomHex(), date: Date.now() });
        }
        case 'sendPhoto':
          return ok({ message_id: randomHex(), date: Date.now() });
        default: // sendChatAction and anything else
          return ok(true);
      }
    },
  });
}

// ---- Webhook payloads, shaped as Zalo posts them ----

export type ZaloEventName = 'message.text.received' | 'message.image.received' | 'message.voice.received' | 'message.sticker.received' | 'message.unsupported.received';

export interface ZaloMessage {
  from: { id: string; display_name: string; is_bot: boolean };
  chat: { id: string; chat_type: 'PRIVATE' | 'GROUP' };
  message_id: string;
  date: number;
  text?: string;
  photo_url?: string;
  caption?: string;
  sticker?: string;
  [key: string]: unknown;
}

export interface ZaloUpdate {
  event_name: ZaloEventName | (string & {});
  message: ZaloMessage;
}

export interface ZaloWebhookPayload {
  ok: true;
  result: ZaloUpdate;
}

interface EventBase {
  chatId: string | number;
  /** Defaults to chatId (a private chat's id is the user's id). */
  userId?: string | number;
  messageId?: string;
  /** Milliseconds; defaults to Date.now(). */
  date?: number;
  /** Wrap in `{ ok: true, result }` as Zalo's webhook does (default true). */
  wrapped?: boolean;
  /** 'GROUP': chatId is the group and userId the person (required then). */
  chatType?: 'PRIVATE' | 'GROUP';
  /** The sender is a bot (the bot's own message echoed back). */
  isBot?: boolean;
}

export interface ZaloTextEventOptions extends EventBase {
  text: string;
}

export interface ZaloEventOptions extends EventBase {
  /** Extra or overriding fields of `message`. */
  extra?: Record<string, unknown>;
}

function envelope(eventName: string, options: EventBase, fields: Record<string, unknown>): ZaloWebhookPayload | ZaloUpdate {
  const chatId = String(options.chatId);
  const message: ZaloMessage = {
    from: { id: String(options.userId ?? chatId), display_name: 'Người dân', is_bot: options.isBot ?? false },
    chat: { id: chatId, chat_type: options.chatType ?? 'PRIVATE' },
    ...fields,
    message_id: options.messageId ?? randomHex(),
    date: options.date ?? Date.now(),
  };
  const update: ZaloUpdate = { event_name: eventName, message };
  return options.wrapped === false ? update : { ok: true, result: update };
}

/** A 'message.text.received' webhook body. */
export function zaloTextEvent(options: ZaloTextEventOptions & { wrapped: false }): ZaloUpdate;
export function zaloTextEvent(options: ZaloTextEventOptions & { wrapped?: true }): ZaloWebhookPayload;
export function zaloTextEvent(options: ZaloTextEventOptions): ZaloWebhookPayload | ZaloUpdate;
export function zaloTextEvent(options: ZaloTextEventOptions): ZaloWebhookPayload | ZaloUpdate {
  return envelope('message.text.received', options, { text: options.text });
}

const DEFAULT_FIELDS: Record<string, Record<string, unknown>> = {
  'message.image.received': { photo_url: 'https://example.com/zalo/photo.jpg', caption: '' },
  'message.sticker.received': { sticker: '6e1c2b0a9f3d4e5b' },
  'message.voice.received': { voice_url: 'https://example.com/zalo/voice.aac' },
  'message.unsupported.received': {},
};

/** A webhook body for another event ('message.image.received', 'message.sticker.received', 'message.unsupported.received'). */
export function zaloEvent(eventName: ZaloEventName, options: ZaloEventOptions & { wrapped: false }): ZaloUpdate;
export function zaloEvent(eventName: ZaloEventName, options: ZaloEventOptions & { wrapped?: true }): ZaloWebhookPayload;
export function zaloEvent(eventName: ZaloEventName, options: ZaloEventOptions): ZaloWebhookPayload | ZaloUpdate;
export function zaloEvent(eventName: ZaloEventName, options: ZaloEventOptions): ZaloWebhookPayload | ZaloUpdate {
  const payload = envelope(eventName, options, { ...DEFAULT_FIELDS[eventName] });
  if (options.extra) Object.assign('result' in payload ? payload.result.message : payload.message, options.extra);
  return payload;
}
