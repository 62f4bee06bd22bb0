import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Tests start real servers and processes and spend much of their time waiting on them (user + system CPU is about
    // 1.4 cores at two workers): three files at a time fill the 2-core machine without starving it.
    maxWorkers: 3,
    // One trained model per content version, shared by every test file and the processes they start.
    env: { MODEL_CACHE_DIR: 'node_modules/.cache/tro-ly-so-models' },
    // Trains that model before any file starts (otherwise the first files train it side by side).
    globalSetup: ['test/support/global-setup.ts'],
    reporters: ['default', './test/support/count-reporter.ts'],
  },
});
