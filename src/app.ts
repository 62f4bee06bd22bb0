// Builds every part from a validated config, with its dependencies passed explicitly. Used by main and by tests.
import { resolve } from 'node:path';
import pino, { type Logger } from 'pino';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config/env.js';
import { trainBrain, type Brain } from './conversation/brain.js';
import { createConversation } from './conversation/conversation.js';
import { createSessionStore } from './conversation/sessions.js';
import { loadMessages } from './i18n/messages.js';
import { loadKnowledge } from './knowledge/load.js';
import { knowledgePaths, PROJECT_ROOT } from './knowledge/paths.js';
import { createEngine } from './nlu/engines.js';
import { createServer } from './server/server.js';
import { createSqliteStore, type Store } from './store/store.js';

export interface App {
  readonly server: FastifyInstance;
  readonly store: Store;
  readonly logger: Logger;
  brain(): Brain;
  /** Stop intake, then close the store. */
  close(): Promise<void>;
}

export async function createApp(config: Config, options: { logger?: Logger } = {}): Promise<App> {
  const logger = options.logger ?? pino({ level: config.LOG_LEVEL, base: { app: 'tro-ly-so' } });
  const paths = knowledgePaths(config);
  const knowledge = loadKnowledge({ intentsDir: paths.intentsDir, localityFile: paths.localityFile, rootDir: PROJECT_ROOT });
  const messages = loadMessages(paths.localesDir);
  const started = performance.now();
  const brain = await trainBrain(knowledge, await createEngine(config.NLU_ENGINE));
  logger.info({ intents: knowledge.intents.size, engine: config.NLU_ENGINE, trainMs: Math.round(performance.now() - started) }, 'knowledge loaded');

  const store = createSqliteStore(config.DATA_DIR === ':memory:' ? ':memory:' : resolve(PROJECT_ROOT, config.DATA_DIR));
  const conversation = createConversation({ brain: () => brain, messages, sessions: createSessionStore(store.namespace('sessions')) });
  const server = createServer({
    conversation,
    messages,
    webDir: paths.webDir,
    logger,
    health: () => ({ intents: brain.knowledge.intents.size }),
  });

  return {
    server,
    store,
    logger,
    brain: () => brain,
    async close() {
      await server.close();
      await store.close();
    },
  };
}
