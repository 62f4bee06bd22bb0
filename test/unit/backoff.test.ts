// The one backoff rule of every retrying layer: doubling from the first wait up to the cap, jitter within bounds.
import { describe, expect, it } from 'vitest';
import { backoffMs, CAMPAIGN_BACKOFF, REDIS_BACKOFF, REPLY_BACKOFF, STARTUP_BACKOFF } from '../../src/retry/backoff.js';

const waits = (policy: Parameters<typeof backoffMs>[1], n: number) => Array.from({ length: n }, (_, i) => backoffMs(i, policy, () => 0));

describe('backoffMs', () => {
  it('doubles from the first wait and stops at the cap, per layer', () => {
    expect(waits(REPLY_BACKOFF, 9)).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    expect(waits(CAMPAIGN_BACKOFF, 7)).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
    expect(waits(STARTUP_BACKOFF, 6)).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000]);
    expect(waits(REDIS_BACKOFF, 8)).toEqual([200, 400, 800, 1600, 3200, 6400, 10_000, 10_000]);
  });

  it('adds jitter only where the policy asks for it, below its bound', () => {
    expect(backoffMs(0, REDIS_BACKOFF, () => 0.999)).toBe(299);
    expect(backoffMs(0, REPLY_BACKOFF, () => 0.999)).toBe(1000);
  });

  it('stays finite for a huge or negative retry count', () => {
    expect(backoffMs(10_000, REDIS_BACKOFF, () => 0)).toBe(10_000);
    expect(backoffMs(-3, REPLY_BACKOFF)).toBe(1000);
  });
});
