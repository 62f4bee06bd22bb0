// The store every part receives: Keyv namespaces over SQLite (embedded default) or Redis (REDIS_URL).
// The rest of the code does not know which. Nothing else opens a database.
import Keyv from 'keyv';
import KeyvRedis, { createClient } from '@keyv/redis';
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteKeyvStore } from './sqlite-keyv-store.js';

export interface Store {
  readonly kind: 'sqlite' | 'redis';
  /** A Keyv view of one namespace ("users", "sessions", ...). */
  namespace(name: string): Keyv;
  /**
   * Atomically records `key` for `ttlMs`; true only for the first caller while it lives.
   * Deduplication of platform updates rests on this, also across processes sharing Redis.
   */
  claimOnce(key: string, ttlMs: number): Promise<boolean>;
  /** Forgets a claim, so the same update can be processed again (after a failure). */
  releaseClaim(key: string): Promise<void>;
  close(): Promise<void>;
}

export const SQLITE_FILE = 'tro-ly-so.sqlite';
const REDIS_PREFIX = 'tro-ly-so';

export function createSqliteStore(dataDir: string, now: () => number = Date.now): Store {
  const file = dataDir === ':memory:' ? ':memory:' : join(dataDir, SQLITE_FILE);
  if (file !== ':memory:') mkdirSync(dataDir, { recursive: true });
  const adapters: SqliteKeyvStore[] = [];
  const views = new Map<string, Keyv>();
  const claims = new Database(file);
  claims.pragma('journal_mode = WAL');
  claims.exec('CREATE TABLE IF NOT EXISTS claims (key TEXT PRIMARY KEY, expires INTEGER NOT NULL)');
  const expire = claims.prepare<[string, number]>('DELETE FROM claims WHERE key = ? AND expires <= ?');
  const insert = claims.prepare<[string, number]>('INSERT OR IGNORE INTO claims (key, expires) VALUES (?, ?)');
  const sweep = claims.prepare<[number]>('DELETE FROM claims WHERE expires <= ?');
  const release = claims.prepare<[string]>('DELETE FROM claims WHERE key = ?');
  const claim = claims.transaction((key: string, ttlMs: number) => {
    const t = now();
    expire.run(key, t);
    return insert.run(key, t + ttlMs).changes === 1;
  });
  let claimsSinceSweep = 0;

  return {
    kind: 'sqlite',
    namespace(name) {
      let view = views.get(name);
      if (!view) {
        // One adapter per namespace: Keyv sets `namespace` on its adapter, so adapters are not shared.
        const adapter = new SqliteKeyvStore(file);
        adapters.push(adapter);
        view = new Keyv({ store: adapter, namespace: name });
        views.set(name, view);
      }
      return view;
    },
    async claimOnce(key, ttlMs) {
      if ((claimsSinceSweep += 1) >= 1000) {
        claimsSinceSweep = 0;
        sweep.run(now());
      }
      return claim(key, ttlMs);
    },
    async releaseClaim(key) {
      release.run(key);
    },
    async close() {
      await Promise.all(adapters.map((a) => a.disconnect()));
      if (claims.open) claims.close();
    },
  };
}

export async function createRedisStore(url: string): Promise<Store> {
  const client = createClient({ url });
  client.on('error', () => {}); // reconnects by itself; callers see failed commands
  await client.connect();
  const views = new Map<string, Keyv>();
  return {
    kind: 'redis',
    namespace(name) {
      let view = views.get(name);
      if (!view) {
        const namespace = `${REDIS_PREFIX}:${name}`;
        const adapter = new KeyvRedis(client, { namespace, throwOnConnectError: true, throwOnErrors: true });
        view = new Keyv({ store: adapter, namespace, useKeyPrefix: false });
        views.set(name, view);
      }
      return view;
    },
    async claimOnce(key, ttlMs) {
      return (await client.set(`${REDIS_PREFIX}:claims::${key}`, '1', { NX: true, PX: Math.max(1, Math.round(ttlMs)) })) === 'OK';
    },
    async releaseClaim(key) {
      await client.del(`${REDIS_PREFIX}:claims::${key}`);
    },
    async close() {
      if (client.isOpen) await client.close();
    },
  };
}

export async function createStore(options: { dataDir: string; redisUrl?: string }): Promise<Store> {
  return options.redisUrl ? createRedisStore(options.redisUrl) : createSqliteStore(options.dataDir);
}
