import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../src/campaigns/rate-limiter.js';

describe('campaign rate limiter', () => {
  it('lets through no more than the rate (plus a tenth of a second of catch-up) in a second', async () => {
    const limiter = createRateLimiter(200);
    const start = performance.now();
    let n = 0;
    while (performance.now() - start < 1000) {
      await limiter.take();
      n += 1;
    }
    expect(n).toBeLessThanOrEqual(200 + 20 + 1);
    expect(n).toBeGreaterThan(150);
  });

  it('pause holds every send back; slowDown lowers the rate but not below the floor', async () => {
    let t = 0;
    const limiter = createRateLimiter(10, { now: () => t, floor: 2 });
    limiter.slowDown(0.5);
    expect(limiter.rate).toBe(5);
    for (let i = 0; i < 5; i += 1) limiter.slowDown(0.1);
    expect(limiter.rate).toBe(2);
    limiter.pause(1000);
    let released = false;
    const pending = limiter.take().then(() => (released = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(released).toBe(false);
    t = 2000;
    await pending;
    expect(released).toBe(true);
  });
});
