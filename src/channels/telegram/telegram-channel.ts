// Telegram adapter (grammY): updates in by webhook (PUBLIC_URL set) or long polling, translated to InboundMessage;
// replies out through the outbox with grammY's API client (the outbox retries; no auto-retry plugin).
// A webhook update is stored in the durable outbox before Telegram gets its 200 and is worked on from there:
// work that is slow or fails is retried, also after a restart, never lost after the acknowledgement.
import { Api, Bot, GrammyError, HttpError, type Context } from 'grammy';
import type { Update } from 'grammy/types';
import type { InboundMessage } from '../../conversation/types.js';
import { DeliveryError, type ChannelTransport } from '../transport.js';
import { z } from 'zod';
import { AppError } from '../../server/errors.js';
import { safeError } from '../../server/safe-error.js';
import type { Channel, ChannelDeps } from '../channel.js';
import { secretMatches } from '../secret.js';
import { SEEN_UPDATE_TTL_MS, UPDATE_LEASE_MS, WEBHOOK_BODY_LIMIT_BYTES } from '../webhook-limits.js';
import { choiceFromCallbackData, renderTelegram, type TelegramPayload } from './render.js';

export const TELEGRAM = 'telegram';
export const TELEGRAM_WEBHOOK_PATH = '/telegram/webhook';
export const ALLOWED_UPDATES = ['message', 'callback_query', 'my_chat_member'] as const;
/** The outbox "channel" of received updates waiting to be worked on. */
export const TELEGRAM_UPDATES = 'telegram-updates';

const chatShape = z.object({ id: z.number(), type: z.string() });
const userShape = z.object({ id: z.number() });
const messageShape = z.object({ message_id: z.number(), chat: chatShape, from: userShape, text: z.string().optional() });
/** The updates we handle, with the fields the handlers read; other update types pass (and are ignored). */
const telegramUpdate = z.looseObject({
  update_id: z.number().int(),
  message: messageShape.optional(),
  callback_query: z.object({ id: z.string(), from: userShape, data: z.string().optional(), message: z.object({ chat: chatShape }).optional() }).optional(),
  my_chat_member: z.object({ chat: chatShape, from: userShape, new_chat_member: z.object({ status: z.string() }) }).optional(),
});

export interface TelegramChannelDeps extends ChannelDeps {
  readonly token: string;
  readonly apiRoot: string;
  /** Set: webhook mode at `${publicUrl}/telegram/webhook`. Unset: long polling. */
  readonly publicUrl?: string;
  readonly webhookSecret?: string;
}

export interface TelegramChannel extends Channel<TelegramPayload> {
  readonly inboundTransport: ChannelTransport<Update>;
  stop(): Promise<void>;
}

export function createTelegramChannel(deps: TelegramChannelDeps): TelegramChannel {
  const bot = new Bot(deps.token, { client: { apiRoot: deps.apiRoot, timeoutSeconds: 20 } });
  // No auto-retry here: the outbox waits out a 429 exactly once (auto-retry also slept on its last 429 before
  // handing it back, so the outbox waited it a second time) and backs off 5xx and network errors itself
  // (auto-retry retried network errors without end).
  // Campaign messages use a client without auto-retry: a 429 must reach the campaign engine, which slows down
  // the whole campaign instead of one send sleeping on it.
  const bulkApi = new Api(deps.token, { apiRoot: deps.apiRoot, timeoutSeconds: 20 });
  // Never the error itself: grammY's BotError carries the context (token, text, chat id, name).
  bot.catch((error) => deps.logger.error({ error: safeError(error.error) }, 'telegram update failed'));

  // Each update once, also across restarts and processes: Telegram retries until it gets a 2xx.
  // Webhook updates are deduplicated when they are received; the work on them runs from the outbox until it
  // completes (a claim taken here would make a crash mid-work lose the update). Polling updates are claimed here.
  const webhookMode = deps.publicUrl !== undefined && deps.webhookSecret !== undefined;
  // Polling updates: a short lease while one is processed, "done" for 25 h after; a failed attempt lets it run again.
  bot.use(async (ctx, next) => {
    if (webhookMode) return next();
    const key = `telegram:update:${ctx.update.update_id}`;
    const claim = await deps.store.claim(key, UPDATE_LEASE_MS);
    if (claim === 'done') return;
    if (claim === 'busy') throw new AppError('unavailable'); // still being processed: Telegram retries later
    try {
      await next();
    } catch (error) {
      await deps.store.releaseClaim(key).catch(() => {}); // the lease expires by itself if the store is down
      throw error;
    }
    await deps.store.completeClaim(key, SEEN_UPDATE_TTL_MS).catch(() => {});
  });

  const respond = async (ctx: Context, inbound: Omit<InboundMessage, 'channel' | 'canPush' | 'botUsername' | 'personalChatId'>) => {
    // In a group the person's own chat (their private chat, whose id is their user id) stays what is stored.
    const inGroup = ctx.chat !== undefined && ctx.chat.type !== 'private';
    const replies = await deps.conversation.handle({ ...inbound, channel: TELEGRAM, canPush: true, botUsername: ctx.me.username, ...(inGroup ? { personalChatId: inbound.userId } : {}) });
    const thread = topicOf(ctx);
    const payloads = replies.flatMap((r) => renderTelegram(r, deps.messages)).map((p) => (thread === undefined ? p : { ...p, message_thread_id: thread }));
    await deps.outbox().enqueue(TELEGRAM, inbound.chatId, payloads);
  };

  bot.on('my_chat_member', async (ctx) => {
    const status = ctx.myChatMember.new_chat_member.status;
    if (ctx.chat.type === 'private' && (status === 'kicked' || status === 'left')) await deps.users.markInactive(TELEGRAM, String(ctx.from.id));
  });

  bot.on('callback_query:data', async (ctx) => {
    // Answer at once so the button stops spinning; a failure here must not cost the reply.
    void ctx.answerCallbackQuery().catch(() => {});
    const choice = choiceFromCallbackData(ctx.callbackQuery.data);
    const chat = ctx.chat ?? ctx.callbackQuery.message?.chat;
    if (!choice || !chat) return;
    await respond(ctx, { userId: String(ctx.from.id), chatId: String(chat.id), choice });
  });

  bot.on('message:text', async (ctx) => {
    let text = ctx.message.text;
    if (ctx.chat.type !== 'private') {
      // In groups: only commands and messages that mention the bot.
      const mention = `@${ctx.me.username}`.toLowerCase();
      const mentioned = text.toLowerCase().includes(mention) || ctx.message.reply_to_message?.from?.id === ctx.me.id;
      const addressedTo = /^\/[^\s@]+@(\S+)/.exec(text)?.[1]?.toLowerCase();
      if (addressedTo && addressedTo !== ctx.me.username.toLowerCase()) return; // a command for another bot
      if (!text.startsWith('/') && !mentioned) return;
      text = text.replace(new RegExp(`@${ctx.me.username}`, 'ig'), ' ').trim();
    }
    // A forwarded message (an SMS or chat someone received) is always given the scam check.
    const forwarded = ctx.message.forward_origin !== undefined;
    await respond(ctx, { userId: String(ctx.from.id), chatId: String(ctx.chat.id), text, ...(forwarded ? { forwarded } : {}) });
  });

  bot.on('message', async (ctx) => {
    if (ctx.chat.type !== 'private') return; // photos in groups are not for us
    await respond(ctx, { userId: String(ctx.from.id), chatId: String(ctx.chat.id), unsupported: true });
  });

  const transport: ChannelTransport<TelegramPayload> = {
    channel: TELEGRAM,
    render: (reply) => renderTelegram(reply, deps.messages),
    async deliver(chatId, payload, options) {
      try {
        await (options?.bulk ? bulkApi : bot.api).sendMessage(chatId, payload.text, {
          link_preview_options: { is_disabled: true },
          ...(payload.message_thread_id !== undefined ? { message_thread_id: payload.message_thread_id } : {}),
          ...(payload.reply_markup ? { reply_markup: payload.reply_markup } : {}),
        });
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
    async onBlocked(chatId) {
      await deps.users.markInactive(TELEGRAM, chatId);
    },
  };

  // Received updates, worked on from the durable outbox: a failure is retried with backoff, in order per chat.
  const inboundTransport: ChannelTransport<Update> = {
    channel: TELEGRAM_UPDATES,
    render: () => [],
    async deliver(_chatKey, update) {
      if (!bot.isInited()) await bot.init();
      await bot.handleUpdate(update);
    },
  };

  let polling: Promise<void> | undefined;
  return {
    transport,
    inboundTransport,
    register(app) {
      if (!deps.publicUrl || !deps.webhookSecret) return;
      const secret = deps.webhookSecret;
      app.post(TELEGRAM_WEBHOOK_PATH, {
        bodyLimit: WEBHOOK_BODY_LIMIT_BYTES,
        onRequest: async (request) => {
          if (!secretMatches(request.headers['x-telegram-bot-api-secret-token'], secret)) throw new AppError('unauthorized');
        },
      }, async (request, reply) => {
        // Malformed updates (a message without chat or from...) are refused here, before any handler reads them.
        if (!telegramUpdate.safeParse(request.body).success) throw new AppError('invalid_request', 'Not a Telegram update.');
        const update = request.body as Update;
        // Acknowledged only once stored: until then Telegram keeps the update and retries (non-2xx).
        const key = `telegram:received:${update.update_id}`;
        if (!(await deps.store.claimOnce(key, SEEN_UPDATE_TTL_MS))) return reply.send({ ok: true });
        try {
          await deps.outbox().enqueue(TELEGRAM_UPDATES, chatKeyOf(update), [update]);
        } catch (error) {
          await deps.store.releaseClaim(key).catch(() => {});
          throw error;
        }
        return reply.send({ ok: true });
      });
    },
    async start() {
      await bot.init();
      if (deps.publicUrl && deps.webhookSecret) {
        await bot.api.setWebhook(`${deps.publicUrl}${TELEGRAM_WEBHOOK_PATH}`, { secret_token: deps.webhookSecret, allowed_updates: [...ALLOWED_UPDATES] });
        deps.logger.info({ mode: 'webhook' }, 'Telegram ready');
      } else {
        polling = bot.start({ allowed_updates: [...ALLOWED_UPDATES], onStart: () => deps.logger.info({ mode: 'polling' }, 'Telegram ready') });
        polling.catch((error: unknown) => deps.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'Telegram polling stopped'));
      }
    },
    async stop() {
      if (polling) {
        await bot.stop();
        await polling.catch(() => {});
      }
    },
  };
}

/** The forum topic a message or button press came from (answers go to the same topic). */
function topicOf(ctx: Context): number | undefined {
  const message = (ctx.message ?? ctx.callbackQuery?.message) as { is_topic_message?: boolean; message_thread_id?: number } | undefined;
  return message?.is_topic_message && typeof message.message_thread_id === 'number' ? message.message_thread_id : undefined;
}

/** Updates of one chat are worked on in order (the outbox's per-chat queue). */
function chatKeyOf(update: Update): string {
  const chat = update.message?.chat ?? update.callback_query?.message?.chat ?? update.my_chat_member?.chat;
  return String(chat?.id ?? update.callback_query?.from.id ?? 'other');
}

function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof GrammyError) {
    if (error.error_code === 429) return new DeliveryError(error.description, 'retry', (error.parameters.retry_after ?? 1) * 1000, true);
    if (error.error_code === 403 || /chat not found|user is deactivated/i.test(error.description)) return new DeliveryError(error.description, 'blocked');
    if (error.error_code >= 500) return new DeliveryError(error.description, 'retry');
    return new DeliveryError(error.description, 'permanent');
  }
  if (error instanceof HttpError) return new DeliveryError('network error', 'retry');
  return new DeliveryError(error instanceof Error ? error.message : String(error), 'retry');
}
