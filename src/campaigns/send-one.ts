// Sending one campaign message to one recipient and recording the outcome: shared by both engines, which differ
// only in how they pace and schedule (in-process token bucket, or BullMQ's shared limiter).
import type { Messages } from '../i18n/messages.js';
import { DeliveryError, type AnyChannelTransport } from '../channels/transport.js';
import { backoffMs, CAMPAIGN_BACKOFF } from '../retry/backoff.js';
import type { Users } from '../users/users.js';
import { campaignQuotaOf } from '../channels/channel.js';
import { campaignReply } from './message.js';
import type { CampaignRepository } from './repository.js';
import type { Campaign, Recipient } from './types.js';

/** What the engine must do about pacing after a send. */
export type SendOutcome = { readonly kind: 'done' } | { readonly kind: 'rate-limited'; readonly waitMs: number } | { readonly kind: 'retry'; readonly delayMs: number };

export interface SendOneDeps {
  readonly repo: CampaignRepository;
  readonly users: Users;
  readonly messages: Messages;
  readonly maxAttempts: number;
  readonly now: () => number;
}

/** Call after `markSending` succeeded. Never throws: every failure becomes a recorded outcome. */
export async function sendOne(deps: SendOneDeps, campaign: Campaign, recipient: Recipient, transport: AnyChannelTransport): Promise<SendOutcome> {
  const { repo, now } = deps;
  try {
    // A channel with a quota (Zalo OA's proactive messages, a Zalo Bot whose month is used up): past it, skipped.
    const verdict = await campaignQuotaOf(transport)?.take();
    if (verdict && !verdict.ok) {
      await repo.finish(campaign.id, recipient.key, 'skipped', now(), verdict.reason);
      return { kind: 'done' };
    }
    const payloads = transport.render(campaignReply(campaign, recipient.locale, deps.messages));
    for (const [i, payload] of payloads.entries()) {
      if (i > 0) await new Promise((r) => setTimeout(r, 1000)); // at most one message a second to one chat
      await transport.deliver(recipient.chatId, payload, { bulk: true });
    }
    await repo.finish(campaign.id, recipient.key, 'sent', now());
    return { kind: 'done' };
  } catch (error) {
    const failure = error instanceof DeliveryError ? error : new DeliveryError(error instanceof Error ? error.message : String(error), 'retry');
    if (failure.kind === 'blocked') {
      await repo.finish(campaign.id, recipient.key, 'blocked', now(), failure.message);
      await deps.users.markInactive(recipient.channel, recipient.key.slice(recipient.channel.length + 1)).catch(() => {});
      return { kind: 'done' };
    }
    if (failure.kind === 'permanent' || (!failure.rateLimited && recipient.attempts + 1 >= deps.maxAttempts)) {
      await repo.finish(campaign.id, recipient.key, 'failed', now(), failure.message);
      return { kind: 'done' };
    }
    if (failure.rateLimited) {
      // Wait exactly retry_after when the platform says it (Telegram), else back off (Zalo); not an attempt.
      const waitMs = failure.retryAfterMs ?? 2000;
      await repo.retryLater(campaign.id, recipient.key, now() + waitMs, now(), failure.message, false);
      return { kind: 'rate-limited', waitMs };
    }
    const delayMs = backoffMs(recipient.attempts, CAMPAIGN_BACKOFF);
    await repo.retryLater(campaign.id, recipient.key, now() + delayMs, now(), failure.message, true);
    return { kind: 'retry', delayMs };
  }
}
