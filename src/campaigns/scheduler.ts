// The scheduling loop both campaign engines share: every tick (and on a poke) it starts the campaigns that are
// due, snapshotting their audience into recipient records, and hands each sending campaign to the engine, which
// sends it its own way (in this process, or through BullMQ queues shared by several).
import type { FastifyBaseLogger } from 'fastify';
import type { Users } from '../users/users.js';
import { resolveAudience } from './audience.js';
import type { CampaignRepository, NewRecipient } from './repository.js';
import type { Campaign } from './types.js';

export interface SchedulerOptions {
  readonly repo: CampaignRepository;
  readonly users: Users;
  /** The channels that can send: the audience is looked for on these. */
  readonly channels: readonly string[];
  readonly logger: FastifyBaseLogger;
  readonly now: () => number;
  readonly tickMs?: number;
  /** A campaign has just switched to sending, its recipients recorded: start sending it. */
  started(campaign: Campaign, recipients: readonly NewRecipient[]): Promise<void> | void;
  /** A campaign found sending (resumed after a restart, or still going): see that it goes on and finishes. */
  sending(campaign: Campaign): Promise<void> | void;
}

export interface CampaignScheduler {
  start(): Promise<void>;
  /** Looks for due or resumed campaigns now. */
  poke(): void;
  stop(): void;
}

export function createCampaignScheduler(options: SchedulerOptions): CampaignScheduler {
  const { repo, logger, now } = options;
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  let ticking = false;

  async function tick(): Promise<void> {
    if (stopped || ticking) return;
    ticking = true;
    try {
      for (const campaign of await repo.listCampaigns()) {
        if (campaign.status === 'scheduled' && campaign.sendAt <= now()) await begin(campaign);
        else if (campaign.status === 'sending') await options.sending(campaign);
      }
    } catch (error) {
      logger.error({ err: error instanceof Error ? error.message : String(error) }, 'campaign scheduler failed');
    } finally {
      ticking = false;
    }
  }

  /** Snapshot the audience into recipient records, then send. */
  async function begin(campaign: Campaign): Promise<void> {
    // Exactly one process wins this compare-and-set and records the recipients.
    if (!(await repo.setStatus(campaign.id, ['scheduled'], 'sending', { startedAt: now() }))) return;
    const recipients = await resolveAudience(options.users, campaign.audience, options.channels);
    await repo.addRecipients(campaign.id, recipients);
    await options.started(campaign, recipients);
    logger.info({ campaign: campaign.id, recipients: recipients.length }, 'campaign started');
  }

  return {
    async start() {
      stopped = false;
      await tick();
      timer = setInterval(() => void tick(), options.tickMs ?? 1000);
      timer.unref();
    },
    poke() {
      void tick();
    },
    stop() {
      stopped = true;
      if (timer) clearInterval(timer);
    },
  };
}
