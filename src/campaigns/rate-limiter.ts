// Paces sends per channel: a token bucket filling at `rate` per second, holding at most a tenth of a second's
// worth, so short stalls of the event loop are made up without ever bursting past the rate for long.
// A 429 pauses the whole channel and lowers the rate, so one rate-limit answer slows the campaign, not one message.

export interface RateLimiter {
  /** Resolves when the next send may start. */
  take(): Promise<void>;
  /** No send starts before `ms` from now. */
  pause(ms: number): void;
  /** After a 429: multiply the rate (e.g. 0.8), never below `floor`. */
  slowDown(factor: number): void;
  readonly rate: number;
}

/** After a slow-down, every this long without a 429 the rate goes back up by RECOVERY_FACTOR, to the configured one. */
export const RECOVERY_STEP_MS = 10_000;
export const RECOVERY_FACTOR = 1.25;

export function createRateLimiter(ratePerSecond: number, options: { now?: () => number; floor?: number } = {}): RateLimiter {
  const now = options.now ?? (() => performance.now());
  const floor = options.floor ?? Math.min(1, ratePerSecond);
  let rate = ratePerSecond;
  let changedAt = now();
  const recover = () => {
    if (rate >= ratePerSecond) return;
    const steps = Math.floor((now() - changedAt) / RECOVERY_STEP_MS);
    if (steps <= 0) return;
    rate = Math.min(ratePerSecond, rate * RECOVERY_FACTOR ** steps);
    changedAt += steps * RECOVERY_STEP_MS;
  };
  let tokens = 1;
  let last = now();
  let pausedUntil = 0;
  const capacity = () => Math.max(1, rate / 10);
  const refill = () => {
    const t = now();
    tokens = Math.min(capacity(), tokens + ((t - last) * rate) / 1000);
    last = t;
  };
  return {
    get rate() {
      recover();
      return rate;
    },
    async take() {
      recover();
      for (;;) {
        const t = now();
        if (t < pausedUntil) {
          await new Promise((r) => setTimeout(r, pausedUntil - t));
          last = Math.max(last, pausedUntil);
          continue;
        }
        refill();
        if (tokens >= 1) {
          tokens -= 1;
          return;
        }
        await new Promise((r) => setTimeout(r, Math.max(1, ((1 - tokens) * 1000) / rate)));
      }
    },
    pause(ms) {
      pausedUntil = Math.max(pausedUntil, now() + ms);
      tokens = 0;
    },
    slowDown(factor) {
      recover();
      rate = Math.max(floor, rate * factor);
      changedAt = now();
    },
  };
}
