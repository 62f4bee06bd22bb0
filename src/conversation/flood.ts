// Per-user flood control: more than `limit` messages within `windowMs` gets one polite "please slow down",
// then silence until the window has passed. In memory: a restart forgives everyone, which is fine.

export type FloodVerdict = 'ok' | 'warn' | 'silent';

export interface FloodControl {
  check(userKey: string): FloodVerdict;
  forget(userKey: string): void;
}

export function createFloodControl(options: { limit?: number; windowMs?: number; now?: () => number } = {}): FloodControl {
  const limit = options.limit ?? 8;
  const windowMs = options.windowMs ?? 10_000;
  const now = options.now ?? Date.now;
  const recent = new Map<string, { times: number[]; warnedAt?: number }>();
  let checks = 0;
  return {
    check(userKey) {
      const t = now();
      const entry = recent.get(userKey) ?? { times: [] };
      entry.times = entry.times.filter((x) => t - x < windowMs);
      entry.times.push(t);
      recent.set(userKey, entry);
      if ((checks += 1) % 10_000 === 0) for (const [k, v] of recent) if (v.times.every((x) => t - x >= windowMs)) recent.delete(k);
      if (entry.times.length <= limit) {
        entry.warnedAt = undefined;
        return 'ok';
      }
      if (entry.warnedAt !== undefined && t - entry.warnedAt < windowMs) return 'silent';
      entry.warnedAt = t;
      return 'warn';
    },
    forget(userKey) {
      recent.delete(userKey);
    },
  };
}
