// Campaigns officials send to subscribers, and the per-recipient records that make delivery exactly-once-or-reported.
import { z } from 'zod';

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'sending', 'paused', 'done', 'cancelled'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
/** skipped: not sent because the channel's quota was used up (the reason says so, e.g. "ngoài hạn mức"). */
export const RECIPIENT_STATUSES = ['pending', 'sending', 'sent', 'failed', 'blocked', 'skipped'] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

/** Room for the "how to stop" line inside Zalo's 2000 characters, so each campaign message is one message. */
export const CAMPAIGN_TEXT_MAX = 1800;

const text = z.string().trim().min(1, 'must not be empty').max(CAMPAIGN_TEXT_MAX, `must be at most ${CAMPAIGN_TEXT_MAX} characters`);

export const campaignInputSchema = z
  .object({
    title: z.string().trim().min(1, 'title must not be empty').max(200, 'title must be at most 200 characters'),
    text: z.object({ vi: text, en: text.optional() }, { error: 'text must be {vi, en?}' }).strict(),
    link: z.object({ label: z.string().trim().min(1).max(60), url: z.url({ protocol: /^https$/, error: 'must be an https:// address' }) }).strict().optional(),
    audience: z
      .object({
        channels: z.array(z.enum(['telegram', 'zalo', 'zalo-oa'])).min(1).optional(),
        topics: z.array(z.string().regex(/^[a-z0-9-]+$/)).min(1).optional(),
        locale: z.enum(['vi', 'en']).optional(),
      })
      .strict()
      .optional(),
    sendAt: z.iso.datetime({ offset: true, error: 'sendAt must be an ISO date-time, e.g. 2026-12-01T08:00:00+07:00' }).optional(),
    draft: z.boolean().optional(),
  })
  .strict();

export type CampaignInput = z.infer<typeof campaignInputSchema>;

export interface Campaign {
  readonly id: string;
  readonly title: string;
  readonly text: { readonly vi: string; readonly en?: string };
  readonly link?: { readonly label: string; readonly url: string };
  readonly audience: { readonly channels?: readonly string[]; readonly topics?: readonly string[]; readonly locale?: 'vi' | 'en' };
  readonly status: CampaignStatus;
  /** ms since epoch; when a scheduled campaign starts. */
  readonly sendAt: number;
  readonly createdAt: number;
  readonly createdBy: string;
  readonly startedAt?: number;
  readonly finishedAt?: number;
}

export interface Recipient {
  readonly campaignId: string;
  /** channel:userId */
  readonly key: string;
  readonly channel: string;
  readonly chatId: string;
  readonly locale: 'vi' | 'en';
  readonly status: RecipientStatus;
  readonly reason?: string;
  readonly attempts: number;
  readonly notBefore: number;
  readonly updatedAt: number;
}

export interface CampaignCounts {
  readonly total: number;
  readonly sent: number;
  readonly failed: number;
  readonly blocked: number;
  /** Not sent: outside the channel's quota. */
  readonly skipped: number;
  readonly pending: number;
}
