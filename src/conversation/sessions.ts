// Short-lived conversation state (the suggestions just offered), behind a tiny interface over any Keyv store.
import type Keyv from 'keyv';
import type { AddressForm } from './address.js';

export interface SessionState {
  /** Suggestion ids offered with the last reply, for answers like "1" or "2". */
  readonly offered?: readonly string[];
  /** The question behind the clarifying choices just offered (masked later, when it reaches the inbox). */
  readonly clarified?: Asked;
  /** The question behind the last answer, for 👍 / 👎. */
  readonly lastAnswer?: Asked & { readonly intent: string };
  /** How the person named themselves ("bác", "chú"…), so answers call them so. */
  readonly address?: AddressForm;
  /** The last answers that can still be rated (👍/👎), each under its own id; the question, when there was one. */
  readonly answers?: readonly RatedAnswer[];
  /** An official composing a broadcast in the chat. */
  readonly compose?: { readonly stage: 'text' } | { readonly stage: 'confirm'; readonly text: string };
}

export interface Asked {
  readonly text: string;
  readonly normalized: string;
  readonly candidates: readonly { readonly intent: string; readonly score: number }[];
}

export interface RatedAnswer {
  readonly id: string;
  readonly intent: string;
  readonly question?: Asked;
}

/** Answers that can still be rated in one session. */
export const RATED_ANSWERS = 5;

export interface SessionStore {
  get(channel: string, chatId: string): Promise<SessionState>;
  set(channel: string, chatId: string, state: SessionState): Promise<void>;
  delete(channel: string, chatId: string): Promise<void>;
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
    async delete(channel, chatId) {
      await keyv.delete(key(channel, chatId));
    },
  };
}
