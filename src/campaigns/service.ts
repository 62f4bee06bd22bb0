// What officials do with campaigns, for every way in (console, API, chat, CLI): one service, one engine.
import { createHash, randomUUID } from 'node:crypto';
import type { Messages } from '../i18n/messages.js';
import type { Reply } from '../conversation/types.js';
import type { Users } from '../users/users.js';
import { inAudience } from './audience.js';
import type { CampaignEngine } from './engine.js';
import type { CampaignQuota } from '../channels/channel.js';
import { campaignReply } from './message.js';
import type { z } from 'zod';
import type { CampaignRepository } from './repository.js';
import { campaignInputSchema, type Campaign, type CampaignCounts, type CampaignInput, type CampaignStatus } from './types.js';

export interface CampaignSummary extends CampaignCounts {
  readonly id: string;
  readonly title: string;
  readonly status: CampaignStatus;
  readonly sendAt: string;
  readonly createdAt: string;
  readonly startedAt?: string;
  readonly finishedAt?: string;
}

/** Why a campaign cannot go out, as a message id and its values: each way in words it for its reader. */
export interface CampaignRefusal {
  readonly id: 'campaign-no-channel' | 'campaign-channel-off' | 'campaign-no-subscriber' | 'campaign-unknown-topic';
  readonly args: Readonly<Record<string, string>>;
}

export class CampaignError extends Error {
  constructor(
    readonly code: 'not_found' | 'invalid_state' | 'invalid_request',
    message: string,
    readonly details?: readonly string[],
    /** The validation problems, for the console to word by field. */
    readonly issues?: readonly z.core.$ZodIssue[],
    readonly refusal?: CampaignRefusal,
  ) {
    super(message);
    this.name = 'CampaignError';
  }
}

/** Who a campaign would reach now, per channel, and why nobody when nobody. */
export interface AudienceCount {
  readonly total: number;
  readonly channels: Readonly<Record<string, number>>;
  readonly refusal?: CampaignRefusal;
}

/** A channel whose quota is smaller than the campaign's recipients there. */
export interface QuotaShortfall {
  readonly channel: string;
  readonly count: number;
  readonly left: number;
}

export interface CampaignService {
  create(input: unknown, createdBy: string): Promise<Campaign>;
  get(id: string): Promise<Campaign | undefined>;
  summary(id: string): Promise<CampaignSummary>;
  list(): Promise<CampaignSummary[]>;
  start(id: string): Promise<CampaignSummary>;
  pause(id: string): Promise<CampaignSummary>;
  resume(id: string): Promise<CampaignSummary>;
  cancel(id: string): Promise<CampaignSummary>;
  audienceSize(audience: Campaign['audience']): Promise<number>;
  /** The recipients per channel, and the reason when there are none (or the topics are unknown). */
  audience(audience: Campaign['audience']): Promise<AudienceCount>;
  /** Before a campaign starts: which channels' quotas it would exceed, and by how many. */
  quotaWarnings(audience: Campaign['audience']): Promise<QuotaShortfall[]>;
  preview(input: Pick<Campaign, 'text' | 'link'>, locale: 'vi' | 'en'): Reply;
  /** The delivery report: one CSV line per recipient, without chat ids. */
  reportCsv(id: string): AsyncGenerator<string>;
}

export interface CampaignServiceDeps {
  readonly repo: CampaignRepository;
  readonly users: Users;
  readonly engine: CampaignEngine;
  readonly messages: Messages;
  /** Channels that can receive campaigns (enabled and configured). */
  readonly channels: readonly string[];
  /** Channels whose campaign messages are limited (by channel name). */
  readonly quotas?: Readonly<Record<string, CampaignQuota>>;
  /** The topics people can subscribe to; a campaign naming another is refused by name. */
  readonly topics?: () => readonly string[];
  readonly now?: () => number;
}

export function createCampaignService(deps: CampaignServiceDeps): CampaignService {
  const now = deps.now ?? Date.now;
  const iso = (ms?: number) => (ms === undefined ? undefined : new Date(ms).toISOString());

  async function summary(id: string): Promise<CampaignSummary> {
    const campaign = await deps.repo.getCampaign(id);
    if (!campaign) throw new CampaignError('not_found', `No campaign ${id}.`);
    const counts = await deps.repo.counts(id);
    return {
      id, title: campaign.title, status: campaign.status, ...counts,
      sendAt: iso(campaign.sendAt)!, createdAt: iso(campaign.createdAt)!,
      ...(campaign.startedAt ? { startedAt: iso(campaign.startedAt)! } : {}),
      ...(campaign.finishedAt ? { finishedAt: iso(campaign.finishedAt)! } : {}),
    };
  }

  async function countAudience(audience: Campaign['audience']): Promise<AudienceCount> {
    const known = deps.topics?.();
    const channels: Record<string, number> = Object.fromEntries(deps.channels.filter((c) => !audience.channels || audience.channels.includes(c)).map((c) => [c, 0]));
    let total = 0;
    // A topic is known when the bot offers it or someone is subscribed to it; otherwise it is a typo.
    const subscribed = new Set<string>();
    for await (const user of deps.users.all()) {
      if (user.active) for (const topic of Object.keys(user.subscriptions)) subscribed.add(topic);
      if (!inAudience(user, audience, deps.channels)) continue;
      channels[user.channel] = (channels[user.channel] ?? 0) + 1;
      total += 1;
    }
    const unknown = known ? (audience.topics ?? []).filter((t) => !known.includes(t) && !subscribed.has(t)) : [];
    const off = (audience.channels ?? []).filter((c) => !deps.channels.includes(c));
    const refusal: CampaignRefusal | undefined =
      unknown.length > 0 ? { id: 'campaign-unknown-topic', args: { topics: unknown.join(', '), known: (known ?? []).join(', ') } }
      : total > 0 ? undefined
      : deps.channels.length === 0 ? { id: 'campaign-no-channel', args: {} }
      : off.length > 0 && off.length === audience.channels!.length ? { id: 'campaign-channel-off', args: { channels: off.join(', ') } }
      : { id: 'campaign-no-subscriber', args: { topics: (audience.topics ?? []).join(', ') } };
    return { total, channels, ...(refusal ? { refusal } : {}) };
  }

  /** A campaign that would reach nobody, or names a topic that does not exist, is refused before it is stored. */
  async function refuseEmpty(audience: Campaign['audience'], sending: boolean): Promise<void> {
    const counted = await countAudience(audience);
    if (!counted.refusal) return;
    if (!sending && counted.refusal.id !== 'campaign-unknown-topic') return; // a draft may wait for its audience
    throw new CampaignError('invalid_request', counted.refusal.id === 'campaign-unknown-topic' ? `Unknown topic(s): ${counted.refusal.args.topics}.` : 'The campaign would reach nobody.', undefined, undefined, counted.refusal);
  }

  async function transition(id: string, from: readonly CampaignStatus[], to: CampaignStatus, extra?: Partial<Campaign>): Promise<CampaignSummary> {
    const campaign = await deps.repo.getCampaign(id);
    if (!campaign) throw new CampaignError('not_found', `No campaign ${id}.`);
    if (!(await deps.repo.setStatus(id, from, to, extra))) throw new CampaignError('invalid_state', `A ${campaign.status} campaign cannot become ${to}.`);
    deps.engine.poke();
    return summary(id);
  }

  return {
    async create(input, createdBy) {
      const parsed = campaignInputSchema.safeParse(input);
      if (!parsed.success) throw new CampaignError('invalid_request', 'The campaign is not valid.', parsed.error.issues.map((i) => `${i.path.join('.') || 'campaign'}: ${i.message}`), parsed.error.issues);
      const data: CampaignInput = parsed.data;
      await refuseEmpty(data.audience ?? {}, !data.draft);
      const t = now();
      const campaign: Campaign = {
        id: randomUUID(),
        title: data.title,
        text: data.text,
        ...(data.link ? { link: data.link } : {}),
        audience: data.audience ?? {},
        status: data.draft ? 'draft' : 'scheduled',
        sendAt: data.sendAt ? Date.parse(data.sendAt) : t,
        createdAt: t,
        createdBy,
      };
      await deps.repo.saveCampaign(campaign);
      deps.engine.poke();
      return campaign;
    },
    get: (id) => deps.repo.getCampaign(id),
    summary,
    async list() {
      return Promise.all((await deps.repo.listCampaigns()).map((c) => summary(c.id)));
    },
    async start(id) {
      const campaign = await deps.repo.getCampaign(id);
      if (campaign?.status === 'draft') await refuseEmpty(campaign.audience, true);
      return transition(id, ['draft'], 'scheduled');
    },
    pause: (id) => transition(id, ['sending', 'scheduled'], 'paused'),
    resume: async (id) => {
      const campaign = await deps.repo.getCampaign(id);
      // A campaign paused before it started goes back to waiting for its time.
      return transition(id, ['paused'], campaign?.startedAt ? 'sending' : 'scheduled');
    },
    cancel: (id) => transition(id, ['draft', 'scheduled', 'sending', 'paused'], 'cancelled', { finishedAt: now() }),
    async audienceSize(audience) {
      return (await countAudience(audience)).total;
    },
    audience: countAudience,
    async quotaWarnings(audience) {
      const perChannel = new Map<string, number>();
      for await (const user of deps.users.all()) if (inAudience(user, audience, deps.channels)) perChannel.set(user.channel, (perChannel.get(user.channel) ?? 0) + 1);
      const shortfalls: QuotaShortfall[] = [];
      for (const [channel, quota] of Object.entries(deps.quotas ?? {})) {
        const count = perChannel.get(channel) ?? 0;
        const left = await quota.remaining();
        if (left === undefined || count <= left) continue;
        shortfalls.push({ channel, count, left });
      }
      return shortfalls;
    },
    preview: (input, locale) => campaignReply(input, locale, deps.messages),
    async *reportCsv(id) {
      const campaign = await deps.repo.getCampaign(id);
      if (!campaign) throw new CampaignError('not_found', `No campaign ${id}.`);
      yield 'recipient_ref,channel,locale,status,attempts,reason,updated_at\n';
      for await (const r of deps.repo.recipients(id)) {
        yield `${recipientRef(id, r.key)},${r.channel},${r.locale},${r.status},${r.attempts},${csv(r.reason ?? '')},${new Date(r.updatedAt).toISOString()}\n`;
      }
    },
  };
}

/**
 * A pseudonym instead of the chat id: the report is for counting and follow-up, not for contacting people.
 * The same recipient has the same ref within a campaign, a different one in another campaign.
 */
export function recipientRef(campaignId: string, key: string): string {
  return createHash('sha256').update(`${campaignId}\u0000${key}`).digest('hex').slice(0, 16);
}

/**
 * One CSV cell. Text that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return,
 * e.g. a platform's error text) is neutralised with a leading apostrophe (OWASP's advice for CSV injection).
 */
export function csv(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
