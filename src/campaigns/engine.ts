// The delivery engine: starts due campaigns, paces sends per channel, records every recipient's outcome, and
// resumes after a restart without sending anyone the same campaign twice. Runs beside the reply outbox, never in it.
import type { FastifyBaseLogger } from 'fastify';
import type { Messages } from '../i18n/messages.js';
import type { AnyChannelTransport } from '../channels/transport.js';
import type { Users } from '../users/users.js';
import { createRateLimiter, type RateLimiter } from './rate-limiter.js';
import type { CampaignRepository } from './repository.js';
import { createCampaignScheduler } from './scheduler.js';
import { sendOne } from './send-one.js';
import type { Campaign, Recipient } from './types.js';

export interface EngineOptions {
  readonly repo: CampaignRepository;
  readonly users: Users;
  readonly messages: Messages;
  readonly transports: readonly AnyChannelTransport[];
  /** Messages per second per channel, e.g. { telegram: 25, zalo: 5 }. */
  readonly rates: Readonly<Record<string, number>>;
  readonly logger: FastifyBaseLogger;
  readonly now?: () => number;
  /** Sends in flight at once per channel. */
  readonly concurrency?: number;
  /** A recipient whose sends fail this many times (5xx, network) is recorded as failed. */
  readonly maxAttempts?: number;
  readonly tickMs?: number;
}

export interface CampaignEngine {
  start(): Promise<void>;
  /** Looks for due or resumed campaigns now (also runs every tick). */
  poke(): void;
  stop(): Promise<void>;
}

export function createCampaignEngine(options: EngineOptions): CampaignEngine {
  const { repo, logger } = options;
  const now = options.now ?? Date.now;
  const concurrency = options.concurrency ?? 32;
  const maxAttempts = options.maxAttempts ?? 5;
  const transports = new Map(options.transports.map((t) => [t.channel, t]));
  const limiters = new Map<string, RateLimiter>();
  const running = new Map<string, Promise<void>>();
  let stopped = true;

  const limiter = (channel: string) => {
    let l = limiters.get(channel);
    if (!l) limiters.set(channel, (l = createRateLimiter(options.rates[channel] ?? 5)));
    return l;
  };

  function run(id: string): void {
    const job = (async () => {
      // Left "sending" by a process that died mid-send: we cannot know whether it arrived, so never resend.
      const interrupted = await repo.failInterrupted(id, now());
      if (interrupted > 0) logger.warn({ campaign: id, recipients: interrupted }, 'recipients interrupted mid-send recorded as failed');
      const channels = (await repo.pendingChannels(id)).map((c) => c.channel).filter((c) => transports.has(c));
      await Promise.all(channels.map((channel) => sendChannel(id, channel)));
      const counts = await repo.counts(id);
      if (counts.pending === 0 && (await repo.setStatus(id, ['sending'], 'done', { finishedAt: now() }))) {
        logger.info({ campaign: id, ...counts }, 'campaign done');
      }
    })()
      .catch((error: unknown) => logger.error({ campaign: id, err: error instanceof Error ? error.message : String(error) }, 'campaign run failed'))
      .finally(() => running.delete(id));
    running.set(id, job);
  }

  async function sendChannel(id: string, channel: string): Promise<void> {
    const transport = transports.get(channel)!;
    const pace = limiter(channel);
    const inFlight = new Set<Promise<void>>();
    let campaign = await repo.getCampaign(id);
    let checkedAt = now();
    for (;;) {
      if (stopped) break;
      if (now() - checkedAt > 500) {
        campaign = await repo.getCampaign(id); // sees pause and cancel within half a second
        checkedAt = now();
      }
      if (!campaign || campaign.status !== 'sending') break;
      const batch = await repo.due(id, channel, Math.max(1, Math.min(concurrency, Math.ceil(pace.rate / 4))), now());
      if (batch.length === 0) {
        if (inFlight.size > 0) {
          await Promise.race(inFlight);
          continue;
        }
        const due = (await repo.pendingChannels(id)).find((c) => c.channel === channel);
        if (!due) break;
        await sleep(Math.min(1000, Math.max(10, due.dueAt - now())));
        continue;
      }
      for (const recipient of batch) {
        while (inFlight.size >= concurrency) await Promise.race(inFlight);
        await pace.take();
        // Marked right before it leaves, so a crash leaves at most the sends in flight uncertain.
        if (!(await repo.markSending(id, recipient.key, now()))) continue;
        const send = deliver(campaign, recipient, transport, pace).finally(() => inFlight.delete(send));
        inFlight.add(send);
      }
    }
    await Promise.allSettled([...inFlight]);
  }

  async function deliver(campaign: Campaign, recipient: Recipient, transport: AnyChannelTransport, pace: RateLimiter): Promise<void> {
    const outcome = await sendOne({ repo, users: options.users, messages: options.messages, maxAttempts, now }, campaign, recipient, transport);
    if (outcome.kind === 'rate-limited') {
      // Slow the whole channel, not only this message.
      pace.pause(outcome.waitMs);
      pace.slowDown(0.8);
      logger.warn({ campaign: campaign.id, channel: recipient.channel, waitMs: outcome.waitMs, rate: Math.round(pace.rate * 10) / 10 }, 'rate limited; slowing the campaign');
    }
  }

  const scheduler = createCampaignScheduler({
    repo,
    users: options.users,
    channels: [...transports.keys()],
    logger,
    now,
    tickMs: options.tickMs,
    started: (campaign) => run(campaign.id),
    sending: (campaign) => {
      if (!running.has(campaign.id)) run(campaign.id);
    },
  });

  return {
    async start() {
      stopped = false;
      await scheduler.start();
    },
    poke: () => scheduler.poke(),
    async stop() {
      stopped = true;
      scheduler.stop();
      await Promise.allSettled([...running.values()]);
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
