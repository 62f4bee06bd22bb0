// The OA's monthly quota of proactive messages (campaigns): verified OAs get about 1,000 free a month, then pay
// (zalo-oa.md). The operator configures the number (ZALO_OA_MONTHLY_QUOTA, 0 = no proactive messages); each send
// takes one unit under a lock shared by all processes; the month is Vietnam's calendar month (UTC+7).
import type Keyv from 'keyv';
import type { Store } from '../../store/store.js';
import type { CampaignQuota } from '../channel.js';
import { withLock } from '../lock.js';

export const OUT_OF_QUOTA = 'ngoài hạn mức';
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

export function vietnamMonth(ms: number): string {
  return new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 7);
}

export function createMonthlyQuota(options: { store: Store; kv: Keyv; monthly: number; now?: () => number }): CampaignQuota & { used(): Promise<number> } {
  const now = options.now ?? Date.now;
  const key = () => `quota:${vietnamMonth(now())}`;
  const used = async () => Number((await options.kv.get(key())) ?? 0);
  return {
    used,
    async remaining() {
      return Math.max(0, options.monthly - (await used()));
    },
    async take() {
      return withLock(options.store, 'zalo-oa:quota', { ttlMs: 10_000, waitMs: 15_000 }, async () => {
        const k = key();
        const n = Number((await options.kv.get(k)) ?? 0);
        if (n >= options.monthly) return { ok: false, reason: OUT_OF_QUOTA } as const;
        await options.kv.set(k, n + 1, 62 * 24 * 60 * 60 * 1000);
        return { ok: true } as const;
      });
    },
  };
}
