// A lock shared by every process on the same store (Redis when REDIS_URL is set, else the SQLite file), built on
// the store's atomic claimOnce: the holder's claim expires by itself if the holder dies.
import type { Store } from '../store/store.js';

export class LockTimeoutError extends Error {
  constructor(readonly lock: string) {
    super(`could not take the lock ${lock} in time`);
    this.name = 'LockTimeoutError';
  }
}

export interface LockOptions {
  /** How long the lock lives if its holder never releases it. */
  readonly ttlMs: number;
  /** How long to wait for it before giving up. */
  readonly waitMs: number;
  readonly pollMs?: number;
}

/** Runs `fn` while holding `name`; waits for another holder; throws LockTimeoutError after waitMs. */
export async function withLock<T>(store: Store, name: string, options: LockOptions, fn: () => Promise<T>): Promise<T> {
  const key = `lock:${name}`;
  const deadline = Date.now() + options.waitMs;
  while (!(await store.claimOnce(key, options.ttlMs))) {
    if (Date.now() >= deadline) throw new LockTimeoutError(name);
    await new Promise((r) => setTimeout(r, options.pollMs ?? 25));
  }
  try {
    return await fn();
  } finally {
    await store.releaseClaim(key).catch(() => {});
  }
}
