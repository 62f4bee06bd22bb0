// What every platform channel receives and offers; the composition root wires them the same way.
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Conversation } from '../conversation/conversation.js';
import type { Messages } from '../i18n/messages.js';
import type { ChannelTransport } from './transport.js';
import type { Store } from '../store/store.js';
import type { Users } from '../users/users.js';

export interface ChannelDeps {
  readonly conversation: Conversation;
  readonly messages: Messages;
  readonly store: Store;
  readonly users: Users;
  /** The outbox is built after the channels (it needs their transports): a getter breaks the cycle. */
  readonly outbox: () => DeliveryQueue;
  readonly logger: FastifyBaseLogger;
}

export interface Channel<P> extends ChannelExtras {
  readonly transport: ChannelTransport<P>;
  /** Mounts the webhook route, if the channel has one. */
  register(app: FastifyInstance): void;
  /** Sets the webhook or starts polling. */
  start(): Promise<void>;
  stop?(): Promise<void>;
}

/** What a channel needs of the outbox: replies, and received updates before their webhook is acknowledged, are stored there. */
export interface DeliveryQueue {
  /** Persists the items for one chat, in order, and schedules them. */
  enqueue(channel: string, chatId: string, payloads: readonly unknown[]): Promise<void>;
}

/** The answer of a campaign quota: go ahead, or skip this recipient with a reason shown in the report. */
export type QuotaVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * A channel whose campaign (proactive) messages are limited by the platform: the campaign engine takes one unit
 * before each send and records the recipient as skipped with the reason when none is left.
 */
export interface CampaignQuota {
  /** Takes one message from the quota (atomically, also across processes sharing the store). */
  take(): Promise<QuotaVerdict>;
  /** Messages left in the current period; undefined when unlimited. */
  remaining(): Promise<number | undefined>;
}

/** Something an operator must see on the console (a red banner), e.g. a lost OA authorisation or a used-up quota. */
export interface ChannelAlert {
  readonly channel: string;
  readonly code: 'reconsent-needed' | 'quota-exhausted';
  /** ms since epoch */
  readonly since: number;
}

/** What a channel may add beyond its transport: a campaign quota, alerts for the console, numbers for health. */
export interface ChannelExtras {
  readonly campaignQuota?: CampaignQuota;
  /**
   * Work on received updates, run through the durable outbox (retried, in order per chat, resumed after a
   * restart) so that a webhook is acknowledged only once its update is stored. Not a platform transport:
   * campaigns never use it.
   */
  readonly inboundTransport?: ChannelTransport;
  /** Current alerts (kept in memory, refreshed from the store by the channel). */
  alerts?(): readonly ChannelAlert[];
  /** Counters for /healthz and the console (no ids, no text). */
  stats?(): Record<string, number | boolean>;
}

/** A transport, possibly with a campaign quota (the campaign engines look for it). */
export function campaignQuotaOf(transport: object): CampaignQuota | undefined {
  return (transport as { campaignQuota?: CampaignQuota }).campaignQuota;
}
