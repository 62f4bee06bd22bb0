// Builds every part from a validated config, with its dependencies passed explicitly. Used by main and by tests.
import { resolve } from 'node:path';
import pino, { type Logger } from 'pino';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config/env.js';
import { createAdminAuth, createAttemptLimiter } from './admin/auth.js';
import { registerAdminRoutes, registerConsoleOff } from './admin/routes.js';
import { channelPreviews } from './channels/previews.js';
import { loadConsoleMessages } from './i18n/console-messages.js';
import { createCampaignEngine, type CampaignEngine } from './campaigns/engine.js';
import type { CampaignRepository } from './campaigns/repository.js';
import { createCampaignService, type CampaignService } from './campaigns/service.js';
import { createSqliteCampaignRepository } from './campaigns/sqlite-repository.js';
import { createRedisCampaignRepository } from './campaigns/redis-repository.js';
import { createBullmqCampaignEngine } from './campaigns/bullmq-engine.js';
import { GENERAL_TOPIC } from './conversation/conversation.js';
import { createTelegramChannel, type TelegramChannel } from './channels/telegram/telegram-channel.js';
import { registerChatRoute } from './channels/web/chat-route.js';
import { registerWebChat } from './channels/web/web-chat-page.js';
import { createZaloClient } from './channels/zalo/client.js';
import { createZaloChannel, type ZaloChannel } from './channels/zalo/zalo-channel.js';
import { createZaloOaClient } from './channels/zalo-oa/client.js';
import { createZaloOaChannel, type ZaloOaChannel } from './channels/zalo-oa/zalo-oa-channel.js';
import type { CampaignQuota, ChannelExtras } from './channels/channel.js';
import type { Brain } from './conversation/brain.js';
import { createConversation } from './conversation/conversation.js';
import { createFloodControl } from './conversation/flood.js';
import { createSessionStore } from './conversation/sessions.js';
import type { Messages } from './i18n/messages.js';
import { knowledgePaths, PROJECT_ROOT } from './knowledge/paths.js';
import { createInsights, type Insights } from './maintainers/insights.js';
import { createReloader, loadEverything, type KnowledgeReloader } from './maintainers/reloader.js';
import { registerMaintainerRoutes } from './admin/maintainer-routes.js';
import { createKnowledgeWorker, editsOffThread, loadEverythingOffThread } from './maintainers/knowledge-worker.js';
import { createEngine } from './nlu/engines.js';
import { modelCacheDir, modelCacheFor, trainingOptions } from './nlu/training.js';
import { createOutbox, ORPHAN_SCANS_PER_BEATS, type Outbox, type OutboxLease } from './outbox/outbox.js';
import type { AnyChannelTransport } from './channels/transport.js';
import { randomUUID } from 'node:crypto';
import { createServer } from './server/server.js';
import { safeError } from './server/safe-error.js';
import { backoffMs, STARTUP_BACKOFF } from './retry/backoff.js';
import { SEEN_UPDATE_TTL_MS } from './channels/webhook-limits.js';
import { createStore, SQLITE_FILE, type Store } from './store/store.js';
import { createUsers, type Users } from './users/users.js';

export interface App {
  readonly server: FastifyInstance;
  readonly store: Store;
  readonly users: Users;
  readonly outbox: Outbox;
  readonly campaigns: CampaignService;
  readonly insights: Insights;
  readonly reloader: KnowledgeReloader;
  readonly logger: Logger;
  brain(): Brain;
  /** Sets webhooks or starts polling, and resumes undelivered messages. Call after the server listens. */
  start(): Promise<void>;
  /** Stop intake, stop channels, drain the outbox, close the store. */
  close(): Promise<void>;
}

export interface AppOptions {
  readonly logger?: Logger;
  /** Flood control: more than `limit` messages in `windowMs` from one person. */
  readonly flood?: { readonly limit: number; readonly windowMs: number };
}

export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? pino({ level: config.LOG_LEVEL, base: { app: 'tro-ly-so' } });
  const paths = knowledgePaths(config);
  const engineFor = () => createEngine(config.NLU_ENGINE);
  const started = performance.now();
  const cache = modelCacheFor(config, PROJECT_ROOT);
  const initial = await loadEverything(paths, PROJECT_ROOT, engineFor, trainingOptions(config.NLU_ENGINE, cache, false));
  const cacheDir = modelCacheDir(config, PROJECT_ROOT);
  // A softmax reload runs on a worker thread (files, examples, training); nlp.js reloads on the main thread.
  const knowledgeWorker = createKnowledgeWorker();
  const offThread = config.NLU_ENGINE === 'softmax' ? () => loadEverythingOffThread(knowledgeWorker, { paths, rootDir: PROJECT_ROOT, engine: config.NLU_ENGINE, ...(cacheDir ? { cacheDir } : {}) }) : undefined;
  const reloader = createReloader({ initial, paths, rootDir: PROJECT_ROOT, engine: engineFor, training: trainingOptions(config.NLU_ENGINE, cache, true), ...(offThread ? { load: offThread } : {}), logger });
  const brain = () => reloader.current().brain;
  // Every part reads locale strings through this, so a reload changes them everywhere at once.
  const messages: Messages = { t: (...args) => reloader.current().messages.t(...args), has: (...args) => reloader.current().messages.has(...args) };
  logger.info({ intents: brain().knowledge.intents.size, engine: config.NLU_ENGINE, trainMs: Math.round(performance.now() - started) }, 'knowledge loaded');

  const dataDir = resolve(PROJECT_ROOT, config.DATA_DIR);
  const store = await createStore({ dataDir, logger, ...(config.REDIS_URL ? { redisUrl: config.REDIS_URL } : {}) });
  const users = createUsers(store.namespace('users'));
  const insights = createInsights({ inbox: store.namespace('inbox'), stats: store.namespace('stats'), meta: store.namespace('meta'), retentionDays: config.INBOX_RETENTION_DAYS, maxGroups: config.INBOX_MAX_GROUPS, counters: store });
  // Campaigns are created below; the conversation reaches them through this port when an official uses /broadcast.
  let campaignsForChat: CampaignService | undefined;
  // Built below, after the channels; the conversation reaches it at run time.
  let campaignRepo: CampaignRepository;
  const admins = new Set([...config.ADMIN_TELEGRAM_IDS.map((id) => `telegram:${id}`), ...config.ADMIN_ZALO_IDS.map((id) => `zalo:${id}`)]);
  const conversation = createConversation({
    brain,
    messages,
    insights,
    sessions: createSessionStore(store.namespace('sessions')),
    users,
    flood: createFloodControl(options.flood),
    retention: { inboxDays: config.INBOX_RETENTION_DAYS, seenUpdateHours: SEEN_UPDATE_TTL_MS / 3_600_000 },
    forgetElsewhere: async (channel, userId) => {
      await campaignRepo.forget(channel, userId);
      await store.maintain(); // and nothing left readable in the database files
    },
    broadcasts: {
      isAdmin: (channel, userId) => admins.has(`${channel}:${userId}`),
      audienceSize: () => campaignsForChat!.audienceSize({}),
      preview: (text) => campaignsForChat!.preview({ text: { vi: text } }, 'vi'),
      send: async (text, createdBy) => {
        // Nobody to send to: the confirmation already said 0 people, and a campaign to nobody is refused.
        if ((await campaignsForChat!.audienceSize({})) === 0) return;
        await campaignsForChat!.create({ title: `Từ khung chat: ${text.slice(0, 60)}`, text: { vi: text } }, createdBy);
      },
    },
  });

  let outbox: Outbox | undefined;
  const getOutbox = () => outbox!;
  const channelDeps = { conversation, messages, store, users, outbox: getOutbox, logger };
  const telegram: TelegramChannel | undefined = config.TELEGRAM_BOT_TOKEN
    ? createTelegramChannel({
        ...channelDeps,
        token: config.TELEGRAM_BOT_TOKEN,
        apiRoot: config.TELEGRAM_API_ROOT,
        ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL } : {}),
        ...(config.TELEGRAM_WEBHOOK_SECRET ? { webhookSecret: config.TELEGRAM_WEBHOOK_SECRET } : {}),
      })
    : undefined;
  const zaloClient = config.ZALO_BOT_TOKEN ? createZaloClient({ token: config.ZALO_BOT_TOKEN, baseUrl: config.ZALO_API_BASE }) : undefined;
  const zalo: ZaloChannel | undefined =
    zaloClient && config.PUBLIC_URL && config.ZALO_WEBHOOK_SECRET
      ? createZaloChannel({ ...channelDeps, client: zaloClient, publicUrl: config.PUBLIC_URL, webhookSecret: config.ZALO_WEBHOOK_SECRET })
      : undefined;
  const oaClient = config.ZALO_OA_APP_ID && config.ZALO_OA_SECRET_KEY && config.ZALO_OA_REFRESH_TOKEN
    ? createZaloOaClient({ appId: config.ZALO_OA_APP_ID, secretKey: config.ZALO_OA_SECRET_KEY, apiBase: config.ZALO_OA_API_BASE, oauthBase: config.ZALO_OA_OAUTH_BASE })
    : undefined;
  const zaloOa: ZaloOaChannel | undefined = oaClient
    ? createZaloOaChannel({
        ...channelDeps,
        client: oaClient,
        appId: config.ZALO_OA_APP_ID!,
        secretKey: config.ZALO_OA_SECRET_KEY!,
        initialRefreshToken: config.ZALO_OA_REFRESH_TOKEN!,
        ...(config.ZALO_OA_ACCESS_TOKEN ? { initialAccessToken: config.ZALO_OA_ACCESS_TOKEN } : {}),
        monthlyQuota: config.ZALO_OA_MONTHLY_QUOTA,
      })
    : undefined;
  const extras: ChannelExtras[] = [telegram, zalo, zaloOa].filter((c): c is NonNullable<typeof c> => c !== undefined);
  const quotas: Record<string, CampaignQuota> = Object.fromEntries([zalo, zaloOa].flatMap((c) => (c?.campaignQuota ? [[c.transport.channel, c.campaignQuota]] : [])));
  const transports: AnyChannelTransport[] = [telegram?.transport, zalo?.transport, zaloOa?.transport].filter((t): t is AnyChannelTransport => t !== undefined);
  const inbound = extras.flatMap((c) => (c.inboundTransport ? [c.inboundTransport] : []));
  // With Redis, several processes share the outbox: each delivers what it queued, and takes over only what a
  // process that is gone left behind (heartbeat keys in the store).
  const outboxOwner = randomUUID();
  const heartbeat = (owner: string) => `outbox-owner:${owner}`;
  const lease: OutboxLease | undefined = config.REDIS_URL
    ? {
        owner: outboxOwner,
        alive: async (owner) => (await store.claim(heartbeat(owner), 1)) !== 'claimed',
        beat: () => store.completeClaim(heartbeat(outboxOwner), ORPHAN_SCANS_PER_BEATS * config.OUTBOX_HEARTBEAT_MS),
        leave: () => store.releaseClaim(heartbeat(outboxOwner)),
        take: async (id) => (await store.claim(`outbox-take:${id}`, 10 * 60 * 1000)) === 'claimed',
      }
    : undefined;
  outbox = createOutbox({ store: store.namespace('outbox'), transports: [...transports, ...inbound], logger, heartbeatMs: config.OUTBOX_HEARTBEAT_MS, ...(lease ? { lease } : {}) });

  // Embedded: campaigns in the SQLite file, sent by this process. Redis: shared records and BullMQ queues, so
  // several processes send one campaign under one global rate limit.
  const rates = { telegram: config.TELEGRAM_BROADCAST_RATE, zalo: config.ZALO_BROADCAST_RATE, 'zalo-oa': config.ZALO_BROADCAST_RATE };
  campaignRepo = config.REDIS_URL
    ? createRedisCampaignRepository(config.REDIS_URL)
    : createSqliteCampaignRepository(config.DATA_DIR === ':memory:' ? ':memory:' : resolve(dataDir, SQLITE_FILE));
  const engine: CampaignEngine = config.REDIS_URL
    ? createBullmqCampaignEngine({ redisUrl: config.REDIS_URL, repo: campaignRepo, users, messages, transports, logger, rates })
    : createCampaignEngine({ repo: campaignRepo, users, messages, transports, logger, rates });
  const channels = transports.map((t) => t.channel);
  const topics = () => [GENERAL_TOPIC, ...new Set([...brain().knowledge.intents.values()].flatMap((i) => i.topics))];
  const campaigns = createCampaignService({ repo: campaignRepo, users, engine, messages, channels, quotas, topics });
  campaignsForChat = campaigns;
  const consoleMessages = loadConsoleMessages(paths.localesDir);
  const previews = channelPreviews(transports, messages);
  const adminToken = config.ADMIN_TOKEN;

  const server = createServer({
    logger,
    degraded: () => !store.healthy(),
    trustProxy: config.TRUST_PROXY,
    health: () => ({ status: store.healthy() ? 'ok' : 'degraded', intents: brain().knowledge.intents.size, knowledgeError: reloader.status().error !== undefined, store: store.kind, channels: ['web', ...transports.map((t) => t.channel)], outboxPending: getOutbox().pending(), ...channelHealth(extras) }),
    routes: [
      (app) => registerWebChat(app, paths.webDir, messages),
      (app) => registerChatRoute(app, conversation, { perMinute: config.WEB_CHAT_RATE_PER_MINUTE, newSessionsPerHour: config.WEB_NEW_SESSIONS_PER_HOUR }),
      (app) => telegram?.register(app),
      (app) => zalo?.register(app),
      (app) => zaloOa?.register(app),
      (app) => {
        // No token, no console: /admin is a short page saying how to turn it on, the API a 404.
        if (!adminToken) return registerConsoleOff(app, consoleMessages, paths.webDir);
        const auth = createAdminAuth({ token: adminToken, sessions: store.namespace('admin-sessions'), secureCookies: config.PUBLIC_URL !== undefined, limiter: createAttemptLimiter(app) });
        registerAdminRoutes(app, { auth, campaigns, messages, consoleMessages, webDir: paths.webDir, topics, channels, previews });
        const edits = editsOffThread(knowledgeWorker, { intentsDir: paths.intentsDir, localityFile: paths.localityFile, rootDir: PROJECT_ROOT });
        registerMaintainerRoutes(app, { auth, insights, reloader, users, brain, messages, consoleMessages, previews, intentsDir: paths.intentsDir, dataDir, edits, topics });
      },
    ],
  });

  let purgeTimer: NodeJS.Timeout | undefined;
  let closing = false;
  const retryTimers = new Set<NodeJS.Timeout>();
  /** Runs a start-up step that needs the store; while the store is down it is retried in the background. */
  const whenStoreAnswers = async (what: string, step: () => Promise<void>, attempt = 0): Promise<void> => {
    try {
      await step();
    } catch (error) {
      if (closing) return;
      const delay = backoffMs(attempt, STARTUP_BACKOFF);
      logger.warn({ step: what, error: safeError(error), retryInMs: delay }, 'start-up step waits for the store');
      const timer = setTimeout(() => {
        retryTimers.delete(timer);
        void whenStoreAnswers(what, step, attempt + 1);
      }, delay);
      timer.unref();
      retryTimers.add(timer);
    }
  };
  return {
    server,
    store,
    users,
    outbox,
    campaigns,
    insights,
    reloader,
    logger,
    brain,
    async start() {
      await whenStoreAnswers('outbox', () => getOutbox().start());
      await whenStoreAnswers('campaigns', () => engine.start());
      if (config.WATCH_KNOWLEDGE) reloader.watch();
      const purge = () => void insights.purge(Date.now()).catch((error: unknown) => logger.warn({ err: String(error) }, 'inbox retention failed'));
      purge();
      purgeTimer = setInterval(purge, 6 * 60 * 60 * 1000);
      purgeTimer.unref();
      // A platform that is down at start-up must not keep the web chat from serving.
      for (const [name, channel] of [['telegram', telegram], ['zalo', zalo], ['zalo-oa', zaloOa]] as const) {
        if (!channel) continue;
        await channel.start().catch((error: unknown) => logger.error({ channel: name, err: error instanceof Error ? error.message : String(error) }, 'channel failed to start'));
      }
    },
    async close() {
      closing = true;
      for (const timer of retryTimers) clearTimeout(timer);
      reloader.close();
      await knowledgeWorker.close();
      if (purgeTimer) clearInterval(purgeTimer);
      await server.close();
      await telegram?.stop();
      await zaloOa?.stop();
      await engine.stop();
      await getOutbox().stop();
      await campaignRepo.close();
      await zaloClient?.close();
      await oaClient?.close();
      await store.close();
    },
  };
}

/** Alerts (a red banner on the console) and counters from the channels, for /healthz: no ids, no tokens. */
function channelHealth(channels: readonly ChannelExtras[]): Record<string, unknown> {
  const alerts = channels.flatMap((c) => c.alerts?.() ?? []);
  const stats = Object.fromEntries(channels.flatMap((c) => (c.stats ? [[(c as { transport?: { channel: string } }).transport?.channel ?? '?', c.stats()]] : [])));
  return { alerts, channelStats: stats };
}
