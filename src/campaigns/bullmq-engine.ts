// The delivery engine on Redis: each recipient is a BullMQ job in a per-channel queue whose limiter is shared by
// every server process, so several processes send one campaign under one global rate limit, and the loss of any
// one process only means another one picks its jobs up. Recipient records (redis-repository.ts) decide what may
// be sent: a job whose recipient is already "sending" belongs to a process that died mid-send, and is not resent.
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { FastifyBaseLogger } from 'fastify';
import type { Messages } from '../i18n/messages.js';
import type { AnyChannelTransport } from '../channels/transport.js';
import type { Users } from '../users/users.js';
import type { CampaignEngine } from './engine.js';
import type { CampaignRepository } from './repository.js';
import { createCampaignScheduler } from './scheduler.js';
import { sendOne } from './send-one.js';
import type { Campaign } from './types.js';

export interface BullmqEngineOptions {
  readonly redisUrl: string;
  readonly repo: CampaignRepository;
  readonly users: Users;
  readonly messages: Messages;
  readonly transports: readonly AnyChannelTransport[];
  readonly rates: Readonly<Record<string, number>>;
  readonly logger: FastifyBaseLogger;
  readonly concurrency?: number;
  readonly maxAttempts?: number;
  readonly tickMs?: number;
}

interface SendJob {
  readonly campaignId: string;
  readonly key: string;
}

const QUEUE_PREFIX = 'tro-ly-so';
const queueName = (channel: string) => `campaign-${channel}`;

export function createBullmqCampaignEngine(options: BullmqEngineOptions): CampaignEngine {
  const { repo, logger } = options;
  // BullMQ needs ioredis connections with maxRetriesPerRequest null (its blocking commands wait indefinitely).
  const connections: Redis[] = [];
  const connect = () => {
    const c = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
    c.on('error', () => {});
    connections.push(c);
    return c;
  };
  const transports = new Map(options.transports.map((t) => [t.channel, t]));
  const queues = new Map([...transports.keys()].map((channel) => [channel, new Queue<SendJob>(queueName(channel), { connection: connect(), prefix: QUEUE_PREFIX })]));
  const workers: Worker<SendJob>[] = [];
  const maxAttempts = options.maxAttempts ?? 5;
  const campaignCache = new Map<string, { campaign: Campaign | undefined; at: number }>();

  const campaignOf = async (id: string): Promise<Campaign | undefined> => {
    const cached = campaignCache.get(id);
    if (cached && Date.now() - cached.at < 500) return cached.campaign;
    const campaign = await repo.getCampaign(id);
    campaignCache.set(id, { campaign, at: Date.now() });
    return campaign;
  };

  const enqueue = async (campaignId: string, keys: readonly { key: string; channel: string }[], delay = 0, attempt = 0) => {
    for (const [channel, queue] of queues) {
      const jobs = keys.filter((k) => k.channel === channel);
      for (let i = 0; i < jobs.length; i += 1000) {
        await queue.addBulk(jobs.slice(i, i + 1000).map(({ key }) => ({
          name: 'send',
          data: { campaignId, key },
          // The job id makes adding the same recipient twice a no-op while the job exists.
          opts: { jobId: `${campaignId}|${key.replace(/:/g, "~")}|${attempt}`, delay, removeOnComplete: true, removeOnFail: true, attempts: 1 },
        })));
      }
    }
  };

  async function process(job: Job<SendJob>, worker: Worker<SendJob>): Promise<void> {
    const { campaignId, key } = job.data;
    const recipient = await repo.getRecipient(campaignId, key);
    if (!recipient || ['sent', 'failed', 'blocked'].includes(recipient.status)) return;
    if (recipient.status === 'sending') {
      // Another process took this job and died before recording the outcome: we cannot know if it arrived.
      await repo.finish(campaignId, key, 'failed', Date.now(), 'interrupted: the server stopped during the send; not resent to avoid a duplicate');
      return;
    }
    const campaign = await campaignOf(campaignId);
    if (!campaign || campaign.status === 'cancelled' || campaign.status === 'done') return;
    if (campaign.status !== 'sending') {
      await enqueue(campaignId, [recipient], 2000, job.attemptsStarted + Date.now()); // paused: look again later
      return;
    }
    if (!(await repo.markSending(campaignId, key, Date.now()))) return;
    const outcome = await sendOne({ repo, users: options.users, messages: options.messages, maxAttempts, now: Date.now }, campaign, recipient, transports.get(recipient.channel)!);
    if (outcome.kind === 'rate-limited') {
      // Slows the whole queue, in every process, not only this message; the job goes back to waiting.
      await worker.rateLimit(outcome.waitMs);
      throw Worker.RateLimitError();
    }
    if (outcome.kind === 'retry') await enqueue(campaignId, [recipient], outcome.delayMs, recipient.attempts + 1);
  }

  /** Still sending: done when no one is pending; re-enqueued if its jobs were lost with the process that started it. */
  async function followUp(campaign: Campaign): Promise<void> {
    const counts = await repo.counts(campaign.id);
    if (counts.pending === 0 && (await repo.setStatus(campaign.id, ['sending'], 'done', { finishedAt: Date.now() }))) logger.info({ campaign: campaign.id, ...counts }, 'campaign done');
    else if (counts.pending > 0 && campaign.startedAt && Date.now() - campaign.startedAt > 30_000) await requeueIfIdle(campaign.id);
  }

  /** If the process that started a campaign died before enqueueing everyone, pending recipients get jobs again. */
  async function requeueIfIdle(campaignId: string): Promise<void> {
    for (const queue of queues.values()) {
      const counts = await queue.getJobCounts('wait', 'active', 'delayed', 'prioritized');
      if (Object.values(counts).some((n) => n > 0)) return;
    }
    const pending: { key: string; channel: string }[] = [];
    for await (const r of repo.recipients(campaignId)) if (r.status === 'pending' || r.status === 'sending') pending.push(r);
    if (pending.length > 0) {
      logger.warn({ campaign: campaignId, recipients: pending.length }, 're-enqueueing recipients without jobs');
      await enqueue(campaignId, pending, 0, Date.now());
    }
  }

  const scheduler = createCampaignScheduler({
    repo,
    users: options.users,
    channels: [...transports.keys()],
    logger,
    now: Date.now,
    tickMs: options.tickMs,
    started: (campaign, recipients) => enqueue(campaign.id, recipients),
    sending: followUp,
  });

  return {
    async start() {
      for (const [channel] of queues) {
        const rate = options.rates[channel] ?? 5;
        const worker: Worker<SendJob> = new Worker<SendJob>(queueName(channel), (job) => process(job, worker), {
          connection: connect(),
          prefix: QUEUE_PREFIX,
          concurrency: options.concurrency ?? 16,
          // A process that dies holds its jobs until its lock expires: keep that short so another process resumes soon.
          lockDuration: 15_000,
          stalledInterval: 5_000,
          // Shared by every worker of this queue in every process: the global rate limit.
          limiter: { max: Math.max(1, Math.round(rate)), duration: 1000 },
        });
        worker.on('error', (error) => logger.error({ channel, err: error.message }, 'campaign worker error'));
        workers.push(worker);
      }
      await scheduler.start();
    },
    poke: () => scheduler.poke(),
    async stop() {
      scheduler.stop();
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all([...queues.values()].map((q) => q.close()));
      await Promise.all(connections.map((c) => c.quit().catch(() => c.disconnect())));
    },
  };
}
