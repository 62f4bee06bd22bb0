// Seeds subscribers straight into a data folder's store, as if they had written /subscribe.
import { createSqliteStore, type Store } from '../../src/store/store.js';
import { createUsers, type Users } from '../../src/users/users.js';

export interface Seeded {
  readonly telegram: string[];
  readonly zalo: string[];
}

export async function seedSubscribers(target: Users | { dataDir: string }, counts: { telegram: number; zalo: number }, topics: Record<string, number> = { chung: 1 }): Promise<Seeded> {
  let store: Store | undefined;
  const users = 'dataDir' in target ? createUsers((store = createSqliteStore(target.dataDir)).namespace('users')) : target;
  const seeded: Seeded = { telegram: [], zalo: [] };
  for (const channel of ['telegram', 'zalo'] as const) {
    for (let i = 0; i < counts[channel]; i += 1) {
      const id = channel === 'telegram' ? String(700_000 + i) : `z${(900_000 + i).toString(16)}`;
      await users.save({ channel, userId: id, chatId: id, locale: i % 10 === 0 ? 'en' : 'vi', subscriptions: topics, lastSeen: Date.now(), active: true });
      seeded[channel].push(id);
    }
  }
  await store?.close();
  return seeded;
}
