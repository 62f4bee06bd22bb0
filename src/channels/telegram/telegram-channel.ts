// Telegram adapter (grammY): updates in by webhook (PUBLIC_URL set) or long polling, translated to InboundMessage;
// replies out through the outbox with grammY's API client and a bounded auto-retry.
import { Api, Bot, GrammyError, HttpError, webhookCallback, type Context } from 'grammy';
import type { FastifyInstance } from 'fastify';
import type { InboundMessage } from '../../conversation/types.js';
import { DeliveryError, type ChannelTransport } from '../../outbox/outbox.js';
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

  // Each update once, also across restarts and processes: Telegram retries until it gets a 2xx. A short lease
  // while it is processed, "done" for 25 h after: a failed attempt (store down, crash) lets the retry through.
  bot.use(async (ctx, next) => {
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

  const respond = async (ctx: Context, inbound: Omit<InboundMessage, 'channel' | 'canPush' | 'botUsername'>) => {
    const replies = await deps.conversation.handle({ ...inbound, channel: TELEGRAM, canPush: true, botUsername: ctx.me.username });
    await deps.outbox().enqueue(TELEGRAM, inbound.chatId, replies.flatMap((r) => renderTelegram(r, deps.messages)));
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
    await respond(ctx, { userId: String(ctx.from.id), chatId: String(ctx.chat.id), text });
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

  let polling: Promise<void> | undefined;
  return {
    transport,
    register(app) {
      if (!deps.publicUrl || !deps.webhookSecret) return;
      const secret = deps.webhookSecret;
      // A slow update answers 503 (Telegram retries) rather than 200: the lease then tells the retry whether the
      // first attempt finished, so an acknowledged update is always answered, and only once.
      const handle = webhookCallback(bot, 'fastify', { secretToken: secret, onTimeout: 'throw', timeoutMilliseconds: 5000 });
      app.post(TELEGRAM_WEBHOOK_PATH, {
        bodyLimit: WEBHOOK_BODY_LIMIT_BYTES,
        onRequest: async (request) => {
          if (!secretMatches(request.headers['x-telegram-bot-api-secret-token'], secret)) throw new AppError('unauthorized');
        },
      }, async (request, reply) => {
        // Malformed updates (a message without chat or from...) are refused here, before any handler reads them.
        if (!telegramUpdate.safeParse(request.body).success) throw new AppError('invalid_request', 'Not a Telegram update.');
        try {
          return await handle(request, reply);
        } catch (error) {
          // The store is down or the update took too long: 503 without the error object (it holds the context).
          const inner = error instanceof Error && 'error' in error ? (error as { error: unknown }).error : error;
          if (inner instanceof AppError && inner.code === 'unavailable') throw inner;
          deps.logger.error({ error: safeError(inner) }, 'telegram update failed; Telegram will retry it');
          throw new AppError('unavailable');
        }
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
