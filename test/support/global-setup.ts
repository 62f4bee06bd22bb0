// Runs once before any test file: trains the shipped intents' model (and validates the knowledge) into the shared
// model cache, so every app the tests start, in a worker or in a child process, loads it instead of training.
// Without this, the first files to start an app each train the same model at the same time.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { parseConfig } from '../../src/config/env.js';
import { knowledgePaths, PROJECT_ROOT } from '../../src/knowledge/paths.js';
import { loadEverything } from '../../src/maintainers/reloader.js';
import { createEngine } from '../../src/nlu/engines.js';
import { modelCacheFor, trainingOptions } from '../../src/nlu/training.js';

export default async function setup(project: TestProject): Promise<void> {
  // Server processes (test/support/server-process.ts) run the compiled server: built here when src/ changed (a second).
  const build = spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts/build.mjs'), '--if-stale'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the build failed');
  // The folder vitest.config.ts gives the test files (its `env` reaches them, not this process).
  const cacheDir = project.config.env.MODEL_CACHE_DIR ?? process.env.MODEL_CACHE_DIR;
  if (!cacheDir) return;
  // The same configuration the apps in the tests start with (test/support/app.ts), so the cache keys match.
  const config = parseConfig({ DATA_DIR: join(PROJECT_ROOT, 'data'), MODEL_CACHE_DIR: resolve(PROJECT_ROOT, cacheDir) });
  const started = performance.now();
  await loadEverything(knowledgePaths(config), PROJECT_ROOT, () => createEngine(config.NLU_ENGINE), trainingOptions(config.NLU_ENGINE, modelCacheFor(config, PROJECT_ROOT), false));
  const ms = Math.round(performance.now() - started);
  if (ms > 2000) console.log(`global setup: trained the shipped intents' model into ${cacheDir} in ${ms} ms`);
}
