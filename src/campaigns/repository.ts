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
  getRecipient(campaignId: string, key: string): Promise<Recipient | undefined>;
  /** Up to `limit` pending recipients of a channel that are due. */
  due(campaignId: string, channel: string, limit: number, now: number): Promise<Recipient[]>;
  /**
   * Compare-and-set pending → sending, written just before the message leaves; false if someone else took it.
   * This mark is what keeps a restart (or another process) from sending twice.
   */
  markSending(campaignId: string, key: string, now: number): Promise<boolean>;
  finish(campaignId: string, key: string, status: 'sent' | 'failed' | 'blocked' | 'skipped', now: number, reason?: string): Promise<void>;
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
