// What we keep about a person, and nothing more: channel, chat, language, subscriptions with consent time,
// last seen, active. No names, no phone numbers, no message text.
import type Keyv from 'keyv';
import type { Locale } from '../knowledge/types.js';

export interface UserRecord {
  readonly channel: string;
  readonly userId: string;
  readonly chatId: string;
  readonly locale: Locale;
  /** topic → time of consent (ms since epoch) */
  readonly subscriptions: Readonly<Record<string, number>>;
  readonly lastSeen: number;
  /** false once the person blocked the bot; broadcasts skip inactive users. */
  readonly active: boolean;
  /** When the person asked to delete their data and has not confirmed yet. */
  readonly deleteRequestedAt?: number;
}

export interface Users {
  get(channel: string, userId: string): Promise<UserRecord | undefined>;
  /** Creates the record on first contact; updates chat, last seen and active on every message. */
  touch(channel: string, userId: string, chatId: string, now: number): Promise<UserRecord>;
  save(record: UserRecord): Promise<void>;
  delete(channel: string, userId: string): Promise<boolean>;
  markInactive(channel: string, userId: string): Promise<void>;
  /** Every stored user (for broadcasts and reports). */
  all(): AsyncGenerator<UserRecord>;
}

/** Someone who subscribed to nothing is forgotten this long after their last message. */
export const UNSUBSCRIBED_RETENTION_MS = 180 * 24 * 60 * 60 * 1000;

export function createUsers(keyv: Keyv): Users {
  const key = (channel: string, userId: string) => `${channel}:${userId}`;
  const get = async (channel: string, userId: string) => (await keyv.get(key(channel, userId))) as UserRecord | undefined;
  const save = async (record: UserRecord) => {
    const subscribed = Object.keys(record.subscriptions).length > 0;
    await keyv.set(key(record.channel, record.userId), record, subscribed ? undefined : UNSUBSCRIBED_RETENTION_MS);
  };
  return {
    get,
    save,
    async touch(channel, userId, chatId, now) {
      const existing = await get(channel, userId);
      const record: UserRecord = existing
        ? { ...existing, chatId, lastSeen: now, active: true }
        : { channel, userId, chatId, locale: 'vi', subscriptions: {}, lastSeen: now, active: true };
      await save(record);
      return record;
    },
    async delete(channel, userId) {
      return keyv.delete(key(channel, userId));
    },
    async markInactive(channel, userId) {
      const existing = await get(channel, userId);
      if (existing && existing.active) await save({ ...existing, active: false });
    },
    async *all() {
      if (!keyv.iterator) return;
      for await (const [, value] of keyv.iterator(undefined)) if (value) yield value as UserRecord;
    },
  };
}
