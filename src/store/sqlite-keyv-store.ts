// A small Keyv store over better-sqlite3: one file, synchronous and fast, no native build of sqlite3.
// Every namespace of a store shares one connection (given): with a connection each, every write by one made all
// the others drop their page cache, and a webhook update writes to several namespaces.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { EventEmitter } from 'node:events';
import type { KeyvStoreAdapter, StoredData } from 'keyv';

export class SqliteKeyvStore extends EventEmitter implements KeyvStoreAdapter {
  opts: Record<string, unknown>;
  namespace?: string;
  private readonly db: Database.Database;
  /** Opened here (closed by disconnect), or shared and closed by its owner. */
  private readonly owned: boolean;
  private readonly statements;

  constructor(source: string | Database.Database) {
    super();
    this.owned = typeof source === 'string';
    this.opts = { dialect: 'sqlite', file: typeof source === 'string' ? source : source.name };
    this.db = typeof source === 'string' ? openSqlite(source) : source;
    this.db.exec('CREATE TABLE IF NOT EXISTS keyv (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    this.statements = {
      get: this.db.prepare<[string], { value: string }>('SELECT value FROM keyv WHERE key = ?'),
      set: this.db.prepare<[string, string]>('INSERT INTO keyv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
      delete: this.db.prepare<[string]>('DELETE FROM keyv WHERE key = ?'),
      clearPrefix: this.db.prepare<[string]>("DELETE FROM keyv WHERE key LIKE ? ESCAPE '\\'"),
      clearAll: this.db.prepare('DELETE FROM keyv'),
      has: this.db.prepare<[string], { one: number }>('SELECT 1 AS one FROM keyv WHERE key = ?'),
      scan: this.db.prepare<[string], { key: string; value: string }>("SELECT key, value FROM keyv WHERE key LIKE ? ESCAPE '\\' ORDER BY key"),
    };
  }

  async get<Value>(key: string): Promise<StoredData<Value> | undefined> {
    return this.statements.get.get(key)?.value as StoredData<Value> | undefined;
  }

  async set(key: string, value: unknown): Promise<void> {
    this.statements.set.run(key, String(value));
  }

  async delete(key: string): Promise<boolean> {
    return this.statements.delete.run(key).changes > 0;
  }

  async clear(): Promise<void> {
    if (this.namespace) this.statements.clearPrefix.run(`${this.namespace.replace(/[\\%_]/g, '\\$&')}:%`);
    else this.statements.clearAll.run();
  }

  async has(key: string): Promise<boolean> {
    return this.statements.has.get(key) !== undefined;
  }

  /** Keyv's iterator(): every entry of a namespace (keys as stored, with their prefix). */
  async *iterator(namespace?: string): AsyncGenerator<[string, string], void> {
    const pattern = namespace ? `${namespace.replace(/[\\%_]/g, '\\$&')}:%` : '%';
    for (const row of this.statements.scan.all(pattern)) yield [row.key, row.value];
  }

  async disconnect(): Promise<void> {
    if (this.owned && this.db.open) this.db.close();
  }
}

/** Opens the file (creating its folder) in WAL mode, synchronous NORMAL, deleted records overwritten with zeros. */
export function openSqlite(file: string): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // Deleted records are overwritten with zeros, not left readable in free pages of the file.
  db.pragma('secure_delete = ON');
  return db;
}
