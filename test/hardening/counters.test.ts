// Issue 10, item 10: dashboard counters from several processes add up exactly (atomic HINCRBY-style increments),
// on SQLite (two connections to one file) and on a real Redis (two clients).
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInsights, dayOf } from '../../src/maintainers/insights.js';
import { createRedisStore, createSqliteStore, type Store } from '../../src/store/store.js';
import { redisTestUrl } from '../support/redis.js';

async function twoProcesses(stores: [Store, Store]) {
  const at = Date.parse('2026-03-01T10:00:00Z') + Math.floor(Math.random() * 1000) * 86_400_000;
  const [one, two] = stores.map((store) => createInsights({ inbox: store.namespace('inbox'), stats: store.namespace('stats'), meta: store.namespace('meta'), retentionDays: 90, counters: store }));
  const events = (insights: typeof one) =>
    Array.from({ length: 200 }, (_, i) =>
      i % 4 === 0
        ? insights!.record({ kind: 'feedback', channel: 'web', intent: 'vneid-la-gi', helpful: i % 8 === 0, at })
        : insights!.record({ kind: 'answer', channel: i % 2 ? 'telegram' : 'zalo', intent: 'vneid-la-gi', at }),
    );
  await Promise.all([...events(one), ...events(two)]);
  const stats = (await one!.days(dayOf(at), dayOf(at)))[0]!.stats;
  const messages = Object.values(stats.channels).reduce((n, c) => n + c.messages, 0);
  expect(messages).toBe(300);
  expect(stats.intents['vneid-la-gi']).toBe(300);
  expect(stats.feedback['vneid-la-gi']).toEqual({ up: 50, down: 50 });
}

describe('statistics from two processes', () => {
  it('on SQLite: nothing lost', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'counters-'));
    const stores: [Store, Store] = [createSqliteStore(dir), createSqliteStore(dir)];
    try {
      await twoProcesses(stores);
    } finally {
      for (const s of stores) await s.close();
    }
  });

  const url = redisTestUrl();
  it.skipIf(!url)('on Redis: nothing lost', async () => {
    const stores: [Store, Store] = [await createRedisStore(url!), await createRedisStore(url!)];
    try {
      await twoProcesses(stores);
    } finally {
      for (const s of stores) await s.close();
    }
  });
});
