// Short-lived conversation state (the choices we just offered), behind a tiny interface over any Keyv store.
import type Keyv from 'keyv';

export interface SessionState {
  /** Intent ids offered in the last clarifying question, for answers like "1" or "2". */
  readonly offered?: readonly string[];
  readonly locale?: 'vi' | 'en';
}

export interface SessionStore {
  get(channel: string, chatId: string): Promise<SessionState>;
  set(channel: string, chatId: string, state: SessionState): Promise<void>;
}

export const SESSION_TTL_MS = 30 * 60 * 1000;

export function createSessionStore(keyv: Keyv): SessionStore {
  const key = (channel: string, chatId: string) => `${channel}:${chatId}`;
  return {
    async get(channel, chatId) {
      return ((await keyv.get(key(channel, chatId))) as SessionState | undefined) ?? {};
    },
    async set(channel, chatId, state) {
      await keyv.set(key(channel, chatId), state, SESSION_TTL_MS);
    },
  };
}

/** For tools that need no persistence (CLI, benchmarks). */
export function createMemorySessionStore(): SessionStore {
  const map = new Map<string, SessionState>();
  return {
    async get(channel, chatId) {
      return map.get(`${channel}:${chatId}`) ?? {};
    },
    async set(channel, chatId, state) {
      map.set(`${channel}:${chatId}`, state);
    },
  };
}
