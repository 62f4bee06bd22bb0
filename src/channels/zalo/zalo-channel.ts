// Zalo adapter: webhook in (verify secret first, parse, deduplicate, to InboundMessage), replies out via the outbox.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DeliveryError, type ChannelTransport } from '../../outbox/outbox.js';
import { AppError } from '../../server/errors.js';
import type { Channel, ChannelDeps } from '../channel.js';
import { secretMatches } from '../secret.js';
import { SEEN_UPDATE_TTL_MS, WEBHOOK_BODY_LIMIT_BYTES } from '../webhook-limits.js';
import { UPDATE_LEASE_MS } from '../webhook-limits.js';
import { ZaloApiError, type ZaloClient } from './client.js';
import { renderZalo, type ZaloPayload } from './render.js';

export const ZALO = 'zalo';
export const ZALO_WEBHOOK_PATH = '/zalo/webhook';
const SECRET_HEADER = 'x-bot-api-secret-token';
const TEXT_EVENT = 'message.text.received';
const NON_TEXT_EVENTS = new Set(['message.image.received', 'message.sticker.received', 'message.unsupported.received']);

const id = z.union([z.string().min(1).max(128), z.number().transform(String)]);
const zaloMessage = z.object({
  message_id: id,
  chat: z.object({ id }),
  from: z.object({ id }).optional(),
  text: z.string().max(20_000).optional(),
});
const zaloUpdate = z.object({ event_name: z.string().max(100), message: z.unknown() });
/** The docs show the event wrapped in {ok, result}; live traffic has been seen bare. Accept both. */
const zaloWebhookBody = z.union([z.object({ ok: z.boolean().optional(), result: zaloUpdate }), zaloUpdate]);

export interface ZaloChannelDeps extends ChannelDeps {
  readonly client: ZaloClient;
  readonly publicUrl: string;
  readonly webhookSecret: string;
}

export interface ZaloChannel extends Channel<ZaloPayload> {
}

export function createZaloChannel(deps: ZaloChannelDeps): ZaloChannel {
  const transport: ChannelTransport<ZaloPayload> = {
    channel: ZALO,
    render: (reply) => renderZalo(reply, deps.messages),
    async deliver(chatId, payload) {
      try {
        await deps.client.sendMessage(chatId, payload.text);
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
    async onBlocked(chatId) {
      // In private chats the chat id is the user id.
      await deps.users.markInactive(ZALO, chatId);
    },
  };

  return {
    transport,
    register(app) {
      app.post(ZALO_WEBHOOK_PATH, {
        bodyLimit: WEBHOOK_BODY_LIMIT_BYTES,
        // The secret is checked before the body is read or parsed.
        onRequest: async (request) => {
          if (!secretMatches(request.headers[SECRET_HEADER], deps.webhookSecret)) throw new AppError('unauthorized');
        },
      }, async (request) => {
        const parsed = zaloWebhookBody.safeParse(request.body);
        if (!parsed.success) throw new AppError('invalid_request', 'Not a Zalo webhook event.');
        const update = 'result' in parsed.data ? parsed.data.result : parsed.data;
        const isText = update.event_name === TEXT_EVENT;
        if (!isText && !NON_TEXT_EVENTS.has(update.event_name)) return { ok: true }; // unknown events: acknowledged, ignored
        const message = zaloMessage.safeParse(update.message);
        if (!message.success) throw new AppError('invalid_request', 'The event has no usable message.');
        const { message_id, chat, from, text } = message.data;

        // Zalo has no update_id: the event name and message id identify a delivery.
        const key = `zalo:${update.event_name}:${message_id}`;
        const claim = await deps.store.claim(key, UPDATE_LEASE_MS);
        if (claim === 'done') return { ok: true };
        if (claim === 'busy') throw new AppError('unavailable'); // still being processed: a retry comes later
        try {
          const replies = await deps.conversation.handle({
            channel: ZALO,
            userId: from?.id ?? chat.id,
            chatId: chat.id,
            ...(isText ? { text: text ?? '' } : { unsupported: true }),
            canPush: true,
          });
          await deps.outbox().enqueue(ZALO, chat.id, replies.flatMap((r) => renderZalo(r, deps.messages)));
        } catch (error) {
          // Let Zalo's retry (if any) or a repeated message be processed again.
          await deps.store.releaseClaim(key).catch(() => {}); // the lease expires by itself if the store is down
          throw error;
        }
        await deps.store.completeClaim(key, SEEN_UPDATE_TTL_MS).catch(() => {});
        return { ok: true };
      });
    },
    async start() {
      await deps.client.setWebhook(`${deps.publicUrl}${ZALO_WEBHOOK_PATH}`, deps.webhookSecret);
      deps.logger.info('Zalo webhook set');
    },
  };
}

function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof ZaloApiError) {
    if (error.errorCode === 403) return new DeliveryError(error.message, 'blocked');
    if (error.errorCode === 429) return new DeliveryError(error.message, 'retry', undefined, true);
    if (error.errorCode === 0 || error.errorCode === 408 || error.errorCode >= 500) return new DeliveryError(error.message, 'retry');
    return new DeliveryError(error.message, 'permanent');
  }
  return new DeliveryError(error instanceof Error ? error.message : String(error), 'retry');
}
