// The store contract, run against the embedded SQLite file and a real redis-server (REDIS_TEST_URL, started by .ci/run).
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRedisStore, createSqliteStore, type Store } from '../../src/store/store.js';
import { createUsers } from '../../src/users/users.js';
import { redisTestUrl } from '../support/redis.js';

const redisUrl = redisTestUrl();
const backends: [string, () => Promise<Store>][] = [
  ['SQLite', async () => createSqliteStore(mkdtempSync(join(tmpdir(), 'store-')))],
  ...(redisUrl ? [['Redis', () => createRedisStore(redisUrl)] as [string, () => Promise<Store>]] : []),
];

const opened: Store[] = [];
afterAll(async () => {
  for (const s of opened) await s.close();
});

describe.each(backends)('store on %s', (_name, open) => {
  const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

  it('keeps namespaces apart and honours TTLs', async () => {
    const store = await open();
    opened.push(store);
    const a = store.namespace(`a${unique}`);
    const b = store.namespace(`b${unique}`);
    await a.set('k', { v: 1 });
    await b.set('k', { v: 2 });
    expect(await a.get('k')).toEqual({ v: 1 });
    expect(await b.get('k')).toEqual({ v: 2 });
    await a.set('short', 'x', 50);
    await new Promise((r) => setTimeout(r, 120));
    expect(await a.get('short')).toBeUndefined();
  });

  it('iterates a namespace', async () => {
    const store = await open();
    opened.push(store);
    const ns = store.namespace(`iter${unique}`);
    await ns.set('one', 1);
    await ns.set('two', 2);
    const seen: [string, unknown][] = [];
    for await (const [k, v] of ns.iterator!(undefined)) seen.push([k as string, v]);
    expect(seen.sort()).toEqual([['one', 1], ['two', 2]]);
  });

  it('claimOnce is first-writer-wins, even with concurrent callers, and expires', async () => {
    const store = await open();
    opened.push(store);
    const results = await Promise.all(Array.from({ length: 20 }, () => store.claimOnce(`update:${unique}`, 10_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await store.claimOnce(`short:${unique}`, 50)).toBe(true);
    expect(await store.claimOnce(`short:${unique}`, 50)).toBe(false);
    await new Promise((r) => setTimeout(r, 120));
    expect(await store.claimOnce(`short:${unique}`, 50)).toBe(true);
    await store.releaseClaim(`update:${unique}`);
    expect(await store.claimOnce(`update:${unique}`, 10_000)).toBe(true);
  });

  it('users survive reopening the store, and can be deleted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'store-'));
    const first = _name === 'SQLite' ? createSqliteStore(dir) : await open();
    const users = createUsers(first.namespace(`users${unique}`));
    await users.touch('zalo', 'u1', 'c1', 1000);
    await users.save({ ...(await users.get('zalo', 'u1'))!, subscriptions: { chung: 1000 } });
    await first.close();
    const second = _name === 'SQLite' ? createSqliteStore(dir) : await open();
    opened.push(second);
    const again = createUsers(second.namespace(`users${unique}`));
    expect(await again.get('zalo', 'u1')).toMatchObject({ chatId: 'c1', subscriptions: { chung: 1000 }, active: true });
    const all = [];
    for await (const u of again.all()) all.push(u.userId);
    expect(all).toEqual(['u1']);
    expect(await again.delete('zalo', 'u1')).toBe(true);
    expect(await again.get('zalo', 'u1')).toBeUndefined();
  });
});

describe('Redis availability', () => {
  it('runs the Redis half when REDIS_TEST_URL is set (CI sets it)', () => {
    if (process.env.REQUIRE_REDIS === '1') expect(redisUrl).toBeTruthy();
    expect(backends.length).toBeGreaterThanOrEqual(1);
  });
});
