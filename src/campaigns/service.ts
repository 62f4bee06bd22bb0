// What officials do with campaigns, for every way in (console, API, chat, CLI): one service, one engine.
import { createHash, randomUUID } from 'node:crypto';
import type { Messages } from '../i18n/messages.js';
import type { Reply } from '../conversation/types.js';
import type { Users } from '../users/users.js';
import { inAudience } from './audience.js';
import type { CampaignEngine } from './engine.js';
import type { CampaignQuota } from '../channels/channel.js';
import { campaignReply } from './message.js';
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

export class CampaignError extends Error {
  constructor(readonly code: 'not_found' | 'invalid_state' | 'invalid_request', message: string, readonly details?: readonly string[]) {
    super(message);
    this.name = 'CampaignError';
  }
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
  /** In Vietnamese, for officials, before a campaign starts: which channels' quotas it would exceed, and by how many. */
  quotaWarnings(audience: Campaign['audience']): Promise<string[]>;
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
      if (!parsed.success) throw new CampaignError('invalid_request', 'The campaign is not valid.', parsed.error.issues.map((i) => `${i.path.join('.') || 'campaign'}: ${i.message}`));
      const data: CampaignInput = parsed.data;
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
    start: (id) => transition(id, ['draft'], 'scheduled'),
    pause: (id) => transition(id, ['sending', 'scheduled'], 'paused'),
    resume: async (id) => {
      const campaign = await deps.repo.getCampaign(id);
      // A campaign paused before it started goes back to waiting for its time.
      return transition(id, ['paused'], campaign?.startedAt ? 'sending' : 'scheduled');
    },
    cancel: (id) => transition(id, ['draft', 'scheduled', 'sending', 'paused'], 'cancelled', { finishedAt: now() }),
    async audienceSize(audience) {
      let n = 0;
      for await (const user of deps.users.all()) if (inAudience(user, audience, deps.channels)) n += 1;
      return n;
    },
    async quotaWarnings(audience) {
      const perChannel = new Map<string, number>();
      for await (const user of deps.users.all()) if (inAudience(user, audience, deps.channels)) perChannel.set(user.channel, (perChannel.get(user.channel) ?? 0) + 1);
      const warnings: string[] = [];
      for (const [channel, quota] of Object.entries(deps.quotas ?? {})) {
        const count = perChannel.get(channel) ?? 0;
        const left = await quota.remaining();
        if (left === undefined || count <= left) continue;
        warnings.push(`Kênh ${CHANNEL_NAMES[channel] ?? channel}: ${count} người nhận nhưng hạn mức tháng này chỉ còn ${left} tin; ${count - left} người sẽ không nhận (báo cáo ghi "ngoài hạn mức").`);
      }
      return warnings;
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

const CHANNEL_NAMES: Readonly<Record<string, string>> = { telegram: 'Telegram', zalo: 'Zalo Bot', 'zalo-oa': 'Zalo OA' };

/**
 * A pseudonym instead of the chat id: the report is for counting and follow-up, not for contacting people.
 * The same recipient has the same ref within a campaign, a different one in another campaign.
 */
export function recipientRef(campaignId: string, key: string): string {
  return createHash('sha256').update(`${campaignId}\u0000${key}`).digest('hex').slice(0, 16);
}

function csv(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
