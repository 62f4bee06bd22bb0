// Zalo Official Account adapter: the OA webhook in (signature on the raw body first, then parse, deduplicate),
// follow/unfollow to subscribed/inactive, replies out through the outbox within the OA's reply budget, campaign
// messages within the configured monthly quota, and tokens that refresh themselves. An OA that needs re-consent
// (-118) stops sending and raises a console alert instead of retrying.
import type { FastifyInstance } from 'fastify';
import type Keyv from 'keyv';
import { z } from 'zod';
import { GENERAL_TOPIC } from '../../conversation/conversation.js';
import { DeliveryError, type ChannelTransport } from '../transport.js';
import { AppError } from '../../server/errors.js';
import type { CampaignQuota, Channel, ChannelAlert, ChannelDeps, ChannelExtras } from '../channel.js';
import { LockTimeoutError } from '../lock.js';
import { SEEN_UPDATE_TTL_MS, WEBHOOK_BODY_LIMIT_BYTES } from '../webhook-limits.js';
import { renderZalo } from '../zalo/render.js';
import { createReplyBudget, type ReplyBudget } from './budget.js';
import { OA_INVALID_ACCESS_TOKEN, OA_RECONSENT_NEEDED, parseJsonKeepingBigIds, ZaloOaError, type ZaloOaClient } from './client.js';
import { createMonthlyQuota } from './quota.js';
import { signatureMatches } from './signature.js';
import { createOaTokenManager, type OaTokenManager } from './tokens.js';

export const ZALO_OA = 'zalo-oa';
export const ZALO_OA_WEBHOOK_PATH = '/zalo-oa/webhook';
const SIGNATURE_HEADER = 'x-zevent-signature';
const TEXT_EVENT = 'user_send_text';

export interface ZaloOaPayload {
  readonly text: string;
  /** The citizen's message this answers (set for replies, absent for campaign messages). */
  readonly replyTo?: string;
}

const id = z.union([z.string().min(1).max(64), z.number().transform(String)]);
const oaEvent = z.object({
  event_name: z.string().min(1).max(100),
  timestamp: z.union([z.string().max(20), z.number()]),
  sender: z.object({ id }).optional(),
  /** follow/unfollow name the person here in Zalo's published samples; sender.id is accepted as well. */
  follower: z.object({ id }).optional(),
  message: z.object({ msg_id: id.optional(), text: z.string().max(20_000).optional() }).optional(),
});
type OaEvent = z.infer<typeof oaEvent>;

export interface ZaloOaChannelDeps extends ChannelDeps {
  readonly client: ZaloOaClient;
  readonly appId: string;
  readonly secretKey: string;
  readonly initialAccessToken?: string;
  readonly initialRefreshToken: string;
  readonly monthlyQuota: number;
  readonly now?: () => number;
}

export interface ZaloOaChannel extends Channel<ZaloOaPayload>, ChannelExtras {
  readonly tokens: OaTokenManager;
  readonly budget: ReplyBudget;
  stop(): Promise<void>;
}

export function createZaloOaChannel(deps: ZaloOaChannelDeps): ZaloOaChannel {
  const now = deps.now ?? Date.now;
  const kv: Keyv = deps.store.namespace('zalo-oa');
  const tokens = createOaTokenManager({ client: deps.client, store: deps.store, kv, initialRefreshToken: deps.initialRefreshToken, logger: deps.logger, now, ...(deps.initialAccessToken ? { initialAccessToken: deps.initialAccessToken } : {}) });
  const budget = createReplyBudget(deps.store.namespace('zalo-oa-budget'), now);
  const quota = createMonthlyQuota({ store: deps.store, kv, monthly: deps.monthlyQuota, now });
  let repliesWithheld = 0;
  let timer: NodeJS.Timeout | undefined;

  async function send(userId: string, text: string, replyTo?: string): Promise<void> {
    let token = await tokens.accessToken();
    try {
      await deps.client.sendText(token, { userId, text, ...(replyTo ? { replyTo } : {}) });
    } catch (error) {
      if (!(error instanceof ZaloOaError) || error.code !== OA_INVALID_ACCESS_TOKEN) throw error;
      token = await tokens.refreshAfterRejection(token);
      await deps.client.sendText(token, { userId, text, ...(replyTo ? { replyTo } : {}) });
    }
  }

  async function withhold(reason: string): Promise<never> {
    repliesWithheld += 1;
    deps.logger.warn({ channel: ZALO_OA, reason }, 'Zalo OA reply not sent: outside the reply budget');
    throw new DeliveryError(`reply not sent: ${reason}`, 'permanent');
  }

  // The campaign engines find the quota on the transport (campaignQuotaOf).
  const transport: ChannelTransport<ZaloOaPayload> & { readonly campaignQuota: CampaignQuota } = {
    channel: ZALO_OA,
    campaignQuota: quota,
    render: (reply) => renderZalo(reply, deps.messages),
    async deliver(userId, payload, options) {
      if ((await tokens.authorisation()).reconsentSince !== undefined) throw new DeliveryError('Zalo OA needs re-consent', 'permanent');
      let replyTo: string | undefined;
      if (!options?.bulk) {
        const verdict = await budget.check(userId);
        if (!verdict.ok) await withhold(verdict.reason);
        replyTo = payload.replyTo ?? (verdict.ok ? verdict.replyTo : undefined);
      }
      try {
        await send(userId, payload.text, replyTo);
      } catch (error) {
        throw await toDeliveryError(error);
      }
      if (!options?.bulk) await budget.spend(userId);
    },
    async onBlocked(userId) {
      await deps.users.markInactive(ZALO_OA, userId);
    },
  };

  async function toDeliveryError(error: unknown): Promise<DeliveryError> {
    if (error instanceof LockTimeoutError) return new DeliveryError('token refresh is busy', 'retry');
    if (!(error instanceof ZaloOaError)) return new DeliveryError(error instanceof Error ? error.message : String(error), 'retry');
    if (error.code === OA_RECONSENT_NEEDED) await tokens.raiseReconsent();
    if ((await tokens.authorisation()).reconsentSince !== undefined) return new DeliveryError('Zalo OA needs re-consent', 'permanent');
    if (error.code === 0 || error.code >= 500 || error.code === OA_INVALID_ACCESS_TOKEN) return new DeliveryError(error.message, 'retry');
    return new DeliveryError(error.message, 'permanent');
  }

  async function handle(event: OaEvent): Promise<void> {
    const userId = event.sender?.id ?? event.follower?.id;
    if (!userId) return;
    if (event.event_name === 'follow') return follow(userId);
    if (event.event_name === 'unfollow') return deps.users.markInactive(ZALO_OA, userId);
    if (!event.event_name.startsWith('user_send_')) return; // our own echoes, seen/received receipts, ...
    const messageId = event.message?.msg_id;
    if (!messageId) throw new AppError('invalid_request', 'The event has no message id.');
    await budget.inbound(userId, messageId);
    const isText = event.event_name === TEXT_EVENT;
    const replies = await deps.conversation.handle({ channel: ZALO_OA, userId, chatId: userId, ...(isText ? { text: event.message?.text ?? '' } : { unsupported: true }), canPush: true });
    await deps.outbox().enqueue(ZALO_OA, userId, replies.flatMap((r) => renderZalo(r, deps.messages)).map((p) => ({ ...p, replyTo: messageId })));
  }

  /** Following the OA is consent to its announcements: subscribed to the general topic from now on. */
  async function follow(userId: string): Promise<void> {
    const user = await deps.users.touch(ZALO_OA, userId, userId, now());
    if (user.subscriptions[GENERAL_TOPIC] === undefined) await deps.users.save({ ...user, subscriptions: { ...user.subscriptions, [GENERAL_TOPIC]: now() } });
  }

  const dedupKey = (e: OaEvent, userId: string) => `zalo-oa:${e.event_name}:${e.message?.msg_id ?? `${userId}:${String(e.timestamp)}`}`;

  return {
    transport,
    tokens,
    budget,
    campaignQuota: quota,
    alerts(): ChannelAlert[] {
      const since = tokens.authorisationNow().reconsentSince;
      return since === undefined ? [] : [{ channel: ZALO_OA, code: 'reconsent-needed', since }];
    },
    stats: () => ({ repliesWithheld, reconsentNeeded: tokens.authorisationNow().reconsentSince !== undefined }),
    register(app: FastifyInstance) {
      app.register(async (scope) => {
        // The raw bytes are what the signature covers: this route reads the body as a buffer, whatever its type.
        scope.removeAllContentTypeParsers();
        scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT_BYTES }, (_request, body, done) => done(null, body));
        scope.post(ZALO_OA_WEBHOOK_PATH, { bodyLimit: WEBHOOK_BODY_LIMIT_BYTES }, async (request) => {
          const raw = Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '';
          if (!signatureMatches(request.headers[SIGNATURE_HEADER], raw, deps.appId, deps.secretKey)) throw new AppError('unauthorized');
          let body: unknown;
          try {
            body = parseJsonKeepingBigIds(raw);
          } catch {
            throw new AppError('invalid_json');
          }
          const parsed = oaEvent.safeParse(body);
          if (!parsed.success) throw new AppError('invalid_request', 'Not a Zalo OA event.');
          const userId = parsed.data.sender?.id ?? parsed.data.follower?.id ?? '';
          const key = dedupKey(parsed.data, userId);
          if (!(await deps.store.claimOnce(key, SEEN_UPDATE_TTL_MS))) return { ok: true };
          try {
            await handle(parsed.data);
          } catch (error) {
            await deps.store.releaseClaim(key);
            throw error;
          }
          return { ok: true };
        });
      });
    },
    async start() {
      await tokens.init();
      // Another process may raise or clear the alarm: look at the shared state now and then.
      timer = setInterval(() => void tokens.authorisation().catch(() => {}), 15_000);
      timer.unref();
      deps.logger.info({ channel: ZALO_OA }, 'Zalo OA ready');
    },
    async stop() {
      if (timer) clearInterval(timer);
    },
  };
}
