// Zalo adapter: webhook in (verify secret first, parse, deduplicate, to InboundMessage), replies out via the outbox.
// 403 is Zalo's "internal server error" (retried, never "blocked"); 429 is the monthly quota used up: campaign
// sending on this channel stops with a reported reason and replies wait, retried seldom, with a console alert.
import { createHash } from 'node:crypto';
import type Keyv from 'keyv';
import { z } from 'zod';
import { DeliveryError, type ChannelTransport } from '../transport.js';
import { AppError } from '../../server/errors.js';
import type { CampaignQuota, Channel, ChannelAlert, ChannelDeps } from '../channel.js';
import { secretMatches } from '../secret.js';
import { SEEN_UPDATE_TTL_MS, WEBHOOK_BODY_LIMIT_BYTES } from '../webhook-limits.js';
import { UPDATE_LEASE_MS } from '../webhook-limits.js';
import { ZaloApiError, type ZaloClient } from './client.js';
import { renderZalo, type ZaloPayload } from './render.js';

export const ZALO = 'zalo';
export const ZALO_WEBHOOK_PATH = '/zalo/webhook';
const SECRET_HEADER = 'x-bot-api-secret-token';
const TEXT_EVENT = 'message.text.received';
const NON_TEXT_EVENTS = new Set(['message.image.received', 'message.voice.received', 'message.sticker.received', 'message.unsupported.received']);
/** A reply waiting for the monthly quota is tried again this often (the outbox gives up after its ten attempts). */
export const QUOTA_RETRY_MS = 30 * 60 * 1000;
export const QUOTA_REASON = 'Zalo Bot hết hạn mức tin nhắn tháng (429)';
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const monthOf = (ms: number) => new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 7);

const id = z.union([z.string().min(1).max(128), z.number().transform(String)]);
const zaloMessage = z.object({
  message_id: id,
  chat: z.object({ id, chat_type: z.string().max(40).optional() }),
  from: z.object({ id, is_bot: z.boolean().optional() }).optional(),
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
  readonly campaignQuota: CampaignQuota;
}

interface QuotaState {
  /** The Vietnamese calendar month in which Zalo answered 429, and since when. */
  readonly month: string;
  readonly since: number;
}

export function createZaloChannel(deps: ZaloChannelDeps): ZaloChannel {
  const kv: Keyv = deps.store.namespace('zalo');
  let quotaState: QuotaState | undefined;
  let botNames: string[] = [];

  /** The month's quota is used up (shared by all processes through the store; a new month clears it). */
  async function exhausted(): Promise<boolean> {
    quotaState = (await kv.get('quota-exhausted'));
    if (quotaState && quotaState.month !== monthOf(Date.now())) quotaState = undefined;
    return quotaState !== undefined;
  }
  async function markExhausted(): Promise<void> {
    if (await exhausted()) return;
    quotaState = { month: monthOf(Date.now()), since: Date.now() };
    await kv.set('quota-exhausted', quotaState);
    deps.logger.error({ channel: ZALO }, 'Zalo Bot monthly quota used up (429): campaign sending stopped, replies wait');
  }
  async function clearExhausted(): Promise<void> {
    if (!quotaState) return;
    quotaState = undefined;
    await kv.delete('quota-exhausted');
    deps.logger.info({ channel: ZALO }, 'Zalo Bot sends again');
  }

  const campaignQuota: CampaignQuota = {
    take: async () => ((await exhausted()) ? { ok: false, reason: QUOTA_REASON } : { ok: true }),
    remaining: async () => ((await exhausted()) ? 0 : undefined),
  };

  // The campaign engines find the quota on the transport (campaignQuotaOf).
  const transport: ChannelTransport<ZaloPayload> & { readonly campaignQuota: CampaignQuota } = {
    channel: ZALO,
    campaignQuota,
    render: (reply) => renderZalo(reply, deps.messages),
    async deliver(chatId, payload, options) {
      try {
        await deps.client.sendMessage(chatId, payload.text);
      } catch (error) {
        if (error instanceof ZaloApiError && error.errorCode === 429) {
          await markExhausted();
          // A campaign stops here with the reason in its report; a citizen's reply waits for the quota.
          throw options?.bulk ? new DeliveryError(QUOTA_REASON, 'permanent') : new DeliveryError(QUOTA_REASON, 'retry', QUOTA_RETRY_MS);
        }
        throw toDeliveryError(error);
      }
      if (!options?.bulk) await clearExhausted();
    },
    async onBlocked(chatId) {
      await deps.users.markInactive(ZALO, chatId);
    },
  };

  /** In a group: answered only when the text starts with the bot's mention, which is then taken off. */
  function addressedText(text: string): string | undefined {
    const lower = text.toLowerCase();
    for (const name of botNames) if (lower.startsWith(`@${name.toLowerCase()}`)) return text.slice(name.length + 1).trim();
    const generic = /^@bot\S*\s*/i.exec(text);
    return generic ? text.slice(generic[0].length).trim() : undefined;
  }

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
        const { message_id, chat, from } = message.data;
        if (from?.is_bot) return { ok: true }; // the bot's own messages echoed back
        const inGroup = chat.chat_type !== undefined && chat.chat_type !== 'PRIVATE';
        let text = message.data.text;
        if (inGroup) {
          if (!from || !isText) return { ok: true }; // only mentions are for us; the person must be known
          text = addressedText(text ?? '');
          if (text === undefined) return { ok: true };
        }

        // Zalo has no update_id: the event name and message id identify a delivery.
        const key = `zalo:${update.event_name}:${message_id}`;
        const claim = await deps.store.claim(key, UPDATE_LEASE_MS);
        if (claim === 'done') return { ok: true };
        if (claim === 'busy') throw new AppError('unavailable'); // still being processed: a retry comes later
        try {
          // The person is from.id; in a group chat.id is the group, which must never become their stored chat.
          const userId = from?.id ?? chat.id;
          const replies = await deps.conversation.handle({
            channel: ZALO,
            userId,
            chatId: chat.id,
            ...(inGroup ? { personalChatId: userId } : {}),
            ...(isText ? { text: text ?? '' } : { unsupported: true }),
            canPush: !inGroup,
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
    campaignQuota,
    alerts(): ChannelAlert[] {
      return quotaState ? [{ channel: ZALO, code: 'quota-exhausted', since: quotaState.since }] : [];
    },
    stats: () => ({ quotaExhausted: quotaState !== undefined }),
    async start() {
      await exhausted();
      const me = await deps.client.getMe().catch(() => undefined);
      botNames = [me?.display_name, me?.account_name].filter((n): n is string => typeof n === 'string' && n !== '').sort((a, b) => b.length - a.length);
      await ensureWebhook();
    },
  };

  /**
   * setWebhook is limited per day: called only when getWebhookInfo shows another URL, or when the secret changed
   * (Zalo does not show it, so a hash of URL and secret is kept in the store).
   */
  async function ensureWebhook(): Promise<void> {
    const url = `${deps.publicUrl}${ZALO_WEBHOOK_PATH}`;
    const fingerprint = createHash('sha256').update(`${url}\u0000${deps.webhookSecret}`).digest('hex');
    const info = await deps.client.getWebhookInfo().catch(() => undefined);
    if (info?.url === url && (await kv.get('webhook')) === fingerprint) {
      deps.logger.info({ channel: ZALO }, 'Zalo webhook already set');
      return;
    }
    const result = await deps.client.setWebhook(url, deps.webhookSecret);
    await kv.set('webhook', fingerprint);
    const verification = result.verification;
    // The outcome of Zalo's ping to our URL; neither the URL's secret nor the token is in it.
    deps.logger.info({ channel: ZALO, verified: verification?.ok ?? null, outcome: verification?.outcome ?? null }, 'Zalo webhook set');
    if (verification && verification.ok === false) deps.logger.warn({ channel: ZALO, outcome: verification.outcome ?? null, hint: verification.hint ?? null }, 'Zalo could not verify the webhook URL');
  }
}

function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof ZaloApiError) {
    // 403 is "Internal server error" on Zalo's error-code page: a server error like 5xx, never "blocked".
    if (error.errorCode === 0 || error.errorCode === 403 || error.errorCode === 408 || error.errorCode >= 500) return new DeliveryError(error.message, 'retry');
    return new DeliveryError(error.message, 'permanent');
  }
  return new DeliveryError(error instanceof Error ? error.message : String(error), 'retry');
}
