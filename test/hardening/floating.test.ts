// Issue 10, items 4 and 7: the update lease (claim, busy, done, expiry) on SQLite with fake time and on Redis;
// statistics that fail while an answer is given never become an unhandled rejection (which ends the process).
import { describe, expect, it } from 'vitest';
import { createConversation } from '../../src/conversation/conversation.js';
import { createSessionStore } from '../../src/conversation/sessions.js';
import { createInsights } from '../../src/maintainers/insights.js';
import { createRedisStore, createSqliteStore, type Store } from '../../src/store/store.js';
import { createUsers } from '../../src/users/users.js';
import { shippedBrain } from '../support/knowledge.js';
import { hasRedisServer, ownRedis } from '../support/redis-server.js';
import { redisTestUrl } from '../support/redis.js';

async function leaseContract(store: Store, advance: (ms: number) => Promise<void>) {
  const key = `lease-${Math.random().toString(36).slice(2)}`;
  expect(await store.claim(key, 1000)).toBe('claimed');
  expect(await store.claim(key, 1000)).toBe('busy'); // a retry while the first attempt runs
  await advance(1100); // the first attempt died without releasing: its lease runs out
  expect(await store.claim(key, 1000)).toBe('claimed');
  await store.releaseClaim(key); // it failed: the next retry takes it
  expect(await store.claim(key, 1000)).toBe('claimed');
  await store.completeClaim(key, 60_000);
  expect(await store.claim(key, 1000)).toBe('done');
  await advance(1100);
  expect(await store.claim(key, 1000)).toBe('done');
}

describe('update lease', () => {
  it('on SQLite (fake time)', async () => {
    let t = 1_000_000;
    const store = createSqliteStore(':memory:', () => t);
    try {
      await leaseContract(store, async (ms) => {
        t += ms;
      });
    } finally {
      await store.close();
    }
  });

  const url = redisTestUrl();
  it.skipIf(!url)('on Redis', async () => {
    const store = await createRedisStore(url!);
    try {
      await leaseContract(store, (ms) => new Promise((r) => setTimeout(r, ms)));
    } finally {
      await store.close();
    }
  });
});

describe.skipIf(!hasRedisServer())('statistics during a Redis outage', () => {
  it('an answer whose statistics fail is still given, and nothing rejects unhandled', async () => {
    const redis = await ownRedis(); // never started: every command fails
    const store = await createRedisStore(redis.url);
    const local = createSqliteStore(':memory:');
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const { brain, messages } = await shippedBrain();
      const insights = createInsights({ inbox: store.namespace('inbox'), stats: store.namespace('stats'), meta: store.namespace('meta'), retentionDays: 90 });
      const conversation = createConversation({ brain: () => brain, messages, insights, sessions: createSessionStore(local.namespace('sessions')), users: createUsers(local.namespace('users')) });
      const [reply] = await conversation.handle({ channel: 'test', userId: 'u1', chatId: 'u1', canPush: false, text: 'ko bit nop ho so online ntn' });
      expect(reply?.kind).toBe('answer');
      await new Promise((r) => setTimeout(r, 200));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      await store.close();
      await local.close();
    }
  });
});
