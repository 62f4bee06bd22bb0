// What the command-line tools share: config, knowledge, a trained brain, and plain-worded failures.
import { ConfigError, loadConfig, type Config } from '../config/env.js';
import { trainBrain, type Brain } from '../conversation/brain.js';
import { createConversation, type Conversation } from '../conversation/conversation.js';
import { createSessionStore } from '../conversation/sessions.js';
import { createSqliteStore } from '../store/store.js';
import { createUsers } from '../users/users.js';
import { loadMessages, type Messages } from '../i18n/messages.js';
import { KnowledgeError } from '../knowledge/errors.js';
import { loadKnowledgeCached } from '../knowledge/cached-load.js';
import { knowledgePaths, PROJECT_ROOT } from '../knowledge/paths.js';
import { createEngine } from '../nlu/engines.js';
import { modelCacheFor, trainingOptions } from '../nlu/training.js';

export interface Loaded {
  readonly config: Config;
  readonly brain: Brain;
  readonly messages: Messages;
}

export async function loadBrain(): Promise<Loaded> {
  const config = await loadConfig();
  const paths = knowledgePaths(config);
  const cache = modelCacheFor(config, PROJECT_ROOT);
  const knowledge = loadKnowledgeCached({ intentsDir: paths.intentsDir, localityFile: paths.localityFile, rootDir: PROJECT_ROOT }, cache);
  const messages = loadMessages(paths.localesDir);
  const training = trainingOptions(config.NLU_ENGINE, cache, false);
  return { config, brain: await trainBrain(knowledge, await createEngine(config.NLU_ENGINE), training), messages };
}

/** A conversation for tools: state in memory, gone when the tool ends; no flood control. */
export function offlineConversation(brain: Brain, messages: Messages): Conversation {
  const store = createSqliteStore(':memory:');
  return createConversation({ brain: () => brain, messages, sessions: createSessionStore(store.namespace('sessions')), users: createUsers(store.namespace('users')) });
}

/** Runs a tool; problems a person can fix are printed on stderr as sentences, and the exit code is 1. */
export function runTool(main: () => Promise<number | void>): void {
  // `npm run eval | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  main().then(
    (code) => {
      process.exitCode = code ?? 0;
    },
    (error: unknown) => {
      if (error instanceof ConfigError || error instanceof KnowledgeError || error instanceof UsageError) console.error(error.message);
      else console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exitCode = 1;
    },
  );
}

export class UsageError extends Error {
  override name = 'UsageError';
}
