// The store every part receives: Keyv namespaces over SQLite (embedded default) or Redis (REDIS_URL).
// The rest of the code does not know which. Nothing else opens a database.
import Keyv from 'keyv';
import KeyvRedis, { createClient } from '@keyv/redis';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { backoffMs, REDIS_BACKOFF } from '../retry/backoff.js';
import { openSqlite, SqliteKeyvStore } from './sqlite-keyv-store.js';

export interface Store {
  readonly kind: 'sqlite' | 'redis';
  /** A Keyv view of one namespace ("users", "sessions", ...). */
  namespace(name: string): Keyv;
  /**
   * Atomically records `key` for `ttlMs`; true only for the first caller while it lives.
   * Deduplication of platform updates rests on this, also across processes sharing Redis.
   */
  claimOnce(key: string, ttlMs: number): Promise<boolean>;
  /**
   * Two-phase deduplication: takes a short processing lease on `key`. 'claimed': yours, process it, then
   * `completeClaim`; 'busy': another attempt is processing it right now (answer "retry later"); 'done': processed.
   * A lease whose holder failed (or died, or lost the store) expires by itself, so a retry is never lost.
   */
  claim(key: string, leaseMs: number): Promise<'claimed' | 'busy' | 'done'>;
  /** Marks a claimed key as processed for `ttlMs`. */
  completeClaim(key: string, ttlMs: number): Promise<void>;
  /** Forgets a claim, so the same update can be processed again (after a failure). */
  releaseClaim(key: string): Promise<void>;
  /** Whether the store answers now (Redis can be down; SQLite is always there). */
  healthy(): boolean;
  /**
   * Privacy on disk (SQLite; Redis expires keys itself): deletes expired entries (sessions, ...) and folds the
   * write-ahead log into the database and truncates it, so deleted data is not left readable in old pages.
   * Runs every 30 seconds by itself; returns how many expired entries it deleted.
   */
  maintain(): Promise<number>;
  /** Adds to counters of one hash atomically (HINCRBY; an UPSERT on SQLite): concurrent processes lose nothing. */
  increment(hash: string, by: Readonly<Record<string, number>>): Promise<void>;
  /** Every counter of one hash. */
  counters(hash: string): Promise<Record<string, number>>;
  close(): Promise<void>;
}

export const SQLITE_FILE = 'tro-ly-so.sqlite';
const REDIS_PREFIX = 'tro-ly-so';

/** How often expired entries are deleted from SQLite: an expired session is gone within a minute. */
export const SQLITE_MAINTENANCE_MS = 30_000;

export function createSqliteStore(dataDir: string, now: () => number = Date.now): Store {
  const file = dataDir === ':memory:' ? ':memory:' : join(dataDir, SQLITE_FILE);
  if (file !== ':memory:') mkdirSync(dataDir, { recursive: true });
  const adapters: SqliteKeyvStore[] = [];
  const views = new Map<string, Keyv>();
  const claims = openSqlite(file);
  claims.exec('CREATE TABLE IF NOT EXISTS claims (key TEXT PRIMARY KEY, expires INTEGER NOT NULL)');
  // Older files have no state column: every claim in them is a processed update.
  if (!claims.prepare<[], { name: string }>('PRAGMA table_info(claims)').all().some((c) => c.name === 'state')) {
    claims.exec("ALTER TABLE claims ADD COLUMN state TEXT NOT NULL DEFAULT 'done'");
  }
  const expire = claims.prepare<[string, number]>('DELETE FROM claims WHERE key = ? AND expires <= ?');
  const insert = claims.prepare<[string, number]>("INSERT OR IGNORE INTO claims (key, expires, state) VALUES (?, ?, 'done')");
  const insertLease = claims.prepare<[string, number]>("INSERT OR IGNORE INTO claims (key, expires, state) VALUES (?, ?, 'busy')");
  const stateOf = claims.prepare<[string], { state: string }>('SELECT state FROM claims WHERE key = ?');
  const complete = claims.prepare<[number, string]>("UPDATE claims SET state = 'done', expires = ? WHERE key = ?");
  const sweep = claims.prepare<[number]>('DELETE FROM claims WHERE expires <= ?');
  const release = claims.prepare<[string]>('DELETE FROM claims WHERE key = ?');
  claims.exec('CREATE TABLE IF NOT EXISTS keyv (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  // Keyv keeps the expiry inside the stored JSON ({"value":..., "expires": ms}); SQLite can read it.
  const sweepExpired = claims.prepare<[number]>("DELETE FROM keyv WHERE json_valid(value) AND json_extract(value, '$.expires') IS NOT NULL AND json_extract(value, '$.expires') <= ?");
  const maintain = (): number => {
    const t = now();
    const deleted = sweepExpired.run(t).changes;
    sweep.run(t);
    if (file !== ':memory:') claims.pragma('wal_checkpoint(TRUNCATE)');
    return deleted;
  };
  const maintenance = setInterval(() => {
    try {
      maintain();
    } catch {
      /* busy: next time */
    }
  }, SQLITE_MAINTENANCE_MS);
  maintenance.unref();
  claims.exec('CREATE TABLE IF NOT EXISTS counters (hash TEXT NOT NULL, field TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (hash, field))');
  const bump = claims.prepare<[string, string, number]>('INSERT INTO counters (hash, field, n) VALUES (?, ?, ?) ON CONFLICT(hash, field) DO UPDATE SET n = n + excluded.n');
  const readCounters = claims.prepare<[string], { field: string; n: number }>('SELECT field, n FROM counters WHERE hash = ?');
  const incrementAll = claims.transaction((hash: string, by: Readonly<Record<string, number>>) => {
    for (const [field, n] of Object.entries(by)) bump.run(hash, field, n);
  });
  const claim = claims.transaction((key: string, ttlMs: number) => {
    const t = now();
    expire.run(key, t);
    return insert.run(key, t + ttlMs).changes === 1;
  });
  const lease = claims.transaction((key: string, leaseMs: number): 'claimed' | 'busy' | 'done' => {
    const t = now();
    expire.run(key, t);
    if (insertLease.run(key, t + leaseMs).changes === 1) return 'claimed';
    return stateOf.get(key)?.state === 'busy' ? 'busy' : 'done';
  });
  let claimsSinceSweep = 0;

  return {
    kind: 'sqlite',
    namespace(name) {
      let view = views.get(name);
      if (!view) {
        // One adapter per namespace (Keyv sets `namespace` on its adapter), all on the store's one connection.
        const adapter = new SqliteKeyvStore(claims);
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
    async claim(key, leaseMs) {
      return lease(key, leaseMs);
    },
    async completeClaim(key, ttlMs) {
      complete.run(now() + ttlMs, key);
    },
    async releaseClaim(key) {
      release.run(key);
    },
    healthy: () => true,
    async maintain() {
      return maintain();
    },
    async increment(hash, by) {
      incrementAll(hash, by);
    },
    async counters(hash) {
      return Object.fromEntries(readCounters.all(hash).map((r) => [r.field, r.n]));
    },
    async close() {
      clearInterval(maintenance);
      await Promise.all(adapters.map((a) => a.disconnect()));
      if (claims.open) claims.close();
    },
  };
}

export interface StoreLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * Connects in the background: a Redis that is down at start-up (or later) never keeps the server from listening.
 * Commands fail at once while it is down (no offline queue: a request must not hang), callers answer "retry later",
 * and /healthz reports "degraded" until it is back.
 */
export async function createRedisStore(url: string, logger?: StoreLogger): Promise<Store> {
  const where = redisAddress(url);
  const client = createClient({ url, disableOfflineQueue: true, socket: { connectTimeout: 5000, reconnectStrategy: (retries: number) => backoffMs(retries, REDIS_BACKOFF) } });
  let failures = 0;
  let ready = false;
  client.on('error', (error: unknown) => {
    failures += 1;
    // One clear line when it goes down, then one at every doubling of failed attempts.
    if (logger && (failures & (failures - 1)) === 0) {
      logger.error({ store: 'redis', at: where, attempts: failures, err: error instanceof Error ? (error as { code?: string }).code ?? error.name : 'error' }, 'Redis is unreachable; retrying with backoff (/healthz reports "degraded")');
    }
  });
  client.on('ready', () => {
    ready = true;
    if (failures > 0) logger?.info({ store: 'redis', at: where }, 'Redis connected');
    failures = 0;
  });
  client.on('end', () => (ready = false));
  client.on('reconnecting', () => (ready = false));
  const connected = client.connect().then(() => true, () => false);
  // A Redis that is up is normally ready within milliseconds; one that is down does not hold up the start.
  await Promise.race([connected, new Promise((r) => setTimeout(r, 2000).unref())]);
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
    async claim(key, leaseMs) {
      const k = `${REDIS_PREFIX}:claims::${key}`;
      for (let i = 0; i < 3; i++) {
        if ((await client.set(k, 'busy', { NX: true, PX: Math.max(1, Math.round(leaseMs)) })) === 'OK') return 'claimed';
        const state = await client.get(k);
        if (state === 'busy') return 'busy';
        if (state !== null) return 'done';
      }
      return 'busy';
    },
    async completeClaim(key, ttlMs) {
      await client.set(`${REDIS_PREFIX}:claims::${key}`, 'done', { PX: Math.max(1, Math.round(ttlMs)) });
    },
    async releaseClaim(key) {
      await client.del(`${REDIS_PREFIX}:claims::${key}`);
    },
    healthy: () => ready && client.isReady,
    maintain: async () => 0,
    async increment(hash, by) {
      const multi = client.multi();
      for (const [field, n] of Object.entries(by)) multi.hIncrBy(`${REDIS_PREFIX}:counters:${hash}`, field, n);
      await multi.exec();
    },
    async counters(hash) {
      const raw = await client.hGetAll(`${REDIS_PREFIX}:counters:${hash}`);
      return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Number(v)]));
    },
    async close() {
      if (client.isOpen) await client.close().catch(() => client.destroy());
      else client.destroy();
    },
  };
}

export async function createStore(options: { dataDir: string; redisUrl?: string; logger?: StoreLogger }): Promise<Store> {
  return options.redisUrl ? createRedisStore(options.redisUrl, options.logger) : createSqliteStore(options.dataDir);
}

/** host:port of a Redis URL, without user or password. */
function redisAddress(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '6379'}`;
  } catch {
    return 'redis';
  }
}
