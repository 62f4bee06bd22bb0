// The store every part receives: Keyv namespaces over one SQLite file. Nothing else opens a database.
import Keyv from 'keyv';
import { join } from 'node:path';
import { SqliteKeyvStore } from './sqlite-keyv-store.js';

export interface Store {
  /** A Keyv view of one namespace ("sessions", ...). */
  namespace(name: string): Keyv;
  close(): Promise<void>;
}

export const SQLITE_FILE = 'tro-ly-so.sqlite';

export function createSqliteStore(dataDir: string): Store {
  const file = dataDir === ':memory:' ? ':memory:' : join(dataDir, SQLITE_FILE);
  const adapters: SqliteKeyvStore[] = [];
  const views = new Map<string, Keyv>();
  return {
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
    async close() {
      await Promise.all(adapters.map((a) => a.disconnect()));
    },
  };
}
