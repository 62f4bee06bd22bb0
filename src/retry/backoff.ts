// The one backoff rule every layer retries by: the first retry waits `firstMs`, each next one twice as long, never
// more than `maxMs`, plus up to `jitterMs` at random. The layers differ only in their numbers, named here
// side by side. Where the platform says how long to wait (Telegram's retry_after), that wins over the rule.

export interface Backoff {
  readonly firstMs: number;
  readonly maxMs: number;
  /** Up to this much is added at random, so many clients do not retry in step. */
  readonly jitterMs?: number;
}

/** A reply to a person (the outbox): 1 s, 2 s, 4 s ... 60 s; its ten attempts span about five minutes. */
export const REPLY_BACKOFF: Backoff = { firstMs: 1000, maxMs: 60_000 };
/** A campaign message (both engines): 1 s, 2 s, 4 s ... 30 s; a campaign moves on rather than waits long. */
export const CAMPAIGN_BACKOFF: Backoff = { firstMs: 1000, maxMs: 30_000 };
/** A start-up step waiting for the store: 1 s, 2 s, 4 s ... 30 s. */
export const STARTUP_BACKOFF: Backoff = { firstMs: 1000, maxMs: 30_000 };
/** Reconnecting to Redis: 0.2 s, 0.4 s, 0.8 s ... 10 s, with a little jitter (every process reconnects at once). */
export const REDIS_BACKOFF: Backoff = { firstMs: 200, maxMs: 10_000, jitterMs: 100 };

/** The wait before retry number `retry` (0 = the first retry). */
export function backoffMs(retry: number, policy: Backoff, random: () => number = Math.random): number {
  const base = Math.min(policy.maxMs, policy.firstMs * 2 ** Math.min(Math.max(0, retry), 30));
  return base + (policy.jitterMs ? Math.floor(random() * policy.jitterMs) : 0);
}
