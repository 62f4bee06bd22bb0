// The shipped knowledge, loaded and trained once per test file.
import { trainBrain, type Brain } from '../../src/conversation/brain.js';
import { loadMessages, type Messages } from '../../src/i18n/messages.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { PROJECT_ROOT } from '../../src/knowledge/paths.js';
import { join } from 'node:path';
import { createModelCache } from '../../src/nlu/model-cache.js';

let cached: Promise<{ brain: Brain; messages: Messages }> | undefined;

export function shippedBrain(): Promise<{ brain: Brain; messages: Messages }> {
  cached ??= (async () => {
    const knowledge = loadKnowledge({ intentsDir: join(PROJECT_ROOT, 'intents'), localityFile: join(PROJECT_ROOT, 'config/locality.yaml'), rootDir: PROJECT_ROOT });
    const cache = process.env.MODEL_CACHE_DIR ? createModelCache(process.env.MODEL_CACHE_DIR) : undefined;
    return { brain: await trainBrain(knowledge, undefined, cache ? { cache } : {}), messages: loadMessages(join(PROJECT_ROOT, 'locales')) };
  })();
  return cached;
}
