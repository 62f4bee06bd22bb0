// Campaigns and recipient records behind one interface; SQLite here, Redis in redis-repository.ts.
import type { Campaign, CampaignCounts, CampaignStatus, Recipient } from './types.js';

export interface NewRecipient {
  readonly key: string;
  readonly channel: string;
  readonly chatId: string;
  readonly locale: 'vi' | 'en';
}

export interface CampaignRepository {
  saveCampaign(campaign: Campaign): Promise<void>;
  getCampaign(id: string): Promise<Campaign | undefined>;
  listCampaigns(): Promise<Campaign[]>;
  /** Compare-and-set: changes the status only if it is one of `from`; returns whether it did. */
  setStatus(id: string, from: readonly CampaignStatus[], to: CampaignStatus, extra?: Partial<Pick<Campaign, 'startedAt' | 'finishedAt'>>): Promise<boolean>;
  /** Adds recipients once (a key already there is kept as it is). */
  addRecipients(campaignId: string, recipients: readonly NewRecipient[]): Promise<void>;
  /**
   * Atomically moves up to `limit` due pending recipients of a channel to "sending" and returns them.
   * The "sending" mark is written before the message leaves: it is what keeps a restart from sending twice.
   */
  claim(campaignId: string, channel: string, limit: number, now: number): Promise<Recipient[]>;
  finish(campaignId: string, key: string, status: 'sent' | 'failed' | 'blocked', now: number, reason?: string): Promise<void>;
  /** Back to pending (a retry), not before `notBefore`. */
  retryLater(campaignId: string, key: string, notBefore: number, now: number, reason: string, countAttempt: boolean): Promise<void>;
  /** Recipients left "sending" by a process that died: we cannot know if they got it, so they are failed, never resent. */
  failInterrupted(campaignId: string, now: number): Promise<number>;
  counts(campaignId: string): Promise<CampaignCounts>;
  /** Channels that still have pending recipients, and the earliest time one is due. */
  pendingChannels(campaignId: string): Promise<{ channel: string; dueAt: number }[]>;
  recipients(campaignId: string): AsyncGenerator<Recipient>;
  close(): Promise<void>;
}
