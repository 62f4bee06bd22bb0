// Paces sends per channel: evenly spaced slots at `rate` per second. A 429 pauses the whole channel and lowers
// the rate, so one rate-limit answer slows the campaign rather than only the message that got it.

export interface RateLimiter {
  /** Resolves when the next send may start. */
  take(): Promise<void>;
  /** No send starts before `ms` from now. */
  pause(ms: number): void;
  /** After a 429: multiply the rate (e.g. 0.8), never below `floor`. */
  slowDown(factor: number): void;
  readonly rate: number;
}

export function createRateLimiter(ratePerSecond: number, options: { now?: () => number; floor?: number } = {}): RateLimiter {
  const now = options.now ?? (() => performance.now());
  const floor = options.floor ?? Math.min(1, ratePerSecond);
  let rate = ratePerSecond;
  let nextSlot = 0;
  return {
    get rate() {
      return rate;
    },
    async take() {
      const t = now();
      const slot = Math.max(t, nextSlot);
      nextSlot = slot + 1000 / rate;
      const wait = slot - t;
      if (wait > 0.5) await new Promise((r) => setTimeout(r, wait));
    },
    pause(ms) {
      nextSlot = Math.max(nextSlot, now() + ms);
    },
    slowDown(factor) {
      rate = Math.max(floor, rate * factor);
    },
  };
}
