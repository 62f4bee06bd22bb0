// How the app trains: with the model cache from configuration, and on a worker thread for reloads.
import { resolve } from 'node:path';
import { createModelCache, type ModelCache } from './model-cache.js';
import type { EngineName } from './engines.js';
import { trainInWorker } from './train-worker.js';
import type { TrainOptions } from './understanding.js';

type CacheConfig = { MODEL_CACHE_DIR?: string | undefined; DATA_DIR: string };

export function modelCacheFor(config: CacheConfig, root: string): ModelCache | undefined {
  const dir = modelCacheDir(config, root);
  return dir ? createModelCache(dir) : undefined;
}

/** Where the model cache is (a worker thread opens its own); undefined: no cache. */
export function modelCacheDir(config: CacheConfig, root: string): string | undefined {
  if (config.MODEL_CACHE_DIR === 'off') return undefined;
  if (config.MODEL_CACHE_DIR) return resolve(root, config.MODEL_CACHE_DIR);
  return config.DATA_DIR === ':memory:' ? undefined : resolve(root, config.DATA_DIR, 'models');
}

export function trainingOptions(engine: EngineName, cache: ModelCache | undefined, worker: boolean): Pick<TrainOptions, 'cache' | 'trainElsewhere'> {
  return { ...(cache ? { cache } : {}), ...(worker && engine === 'softmax' ? { trainElsewhere: (samples) => trainInWorker(engine, samples) } : {}) };
}
