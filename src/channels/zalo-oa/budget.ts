// The reply budget of an OA ("tin tư vấn"): free replies only within 48 hours of the person's last message, each
// carrying the message id it answers. We allow at most 8 replies to a person in any 48 hours: the help centre says
// "8 replies within 48 hours of the user's last message, renewed each time the user writes"; whether the count
// itself restarts with each message is not spelled out, so we take the stricter reading (never more than 8 in
// 48 hours), which stays within the rule under either reading.
import type Keyv from 'keyv';

export const REPLY_WINDOW_MS = 48 * 60 * 60 * 1000;
export const REPLIES_PER_WINDOW = 8;

interface BudgetRecord {
  /** When the person last wrote, and the id of that message. */
  readonly lastInboundAt: number;
  readonly lastMessageId: string;
  /** When each reply of the last 48 hours was sent. */
  readonly sentAt: readonly number[];
}

export type BudgetVerdict =
  | { readonly ok: true; readonly replyTo: string }
  | { readonly ok: false; readonly reason: 'window-closed' | 'budget-used' };

export interface ReplyBudget {
  /** The person wrote: their window opens (or renews) and replies answer this message. */
  inbound(userId: string, messageId: string): Promise<void>;
  /** May we reply now? */
  check(userId: string): Promise<BudgetVerdict>;
  /** A reply went out. */
  spend(userId: string): Promise<void>;
  /** Replies left to this person now (for the console). */
  left(userId: string): Promise<number>;
}

export function createReplyBudget(kv: Keyv, now: () => number = Date.now): ReplyBudget {
  const get = async (userId: string) => (await kv.get(userId)) as BudgetRecord | undefined;
  const recent = (r: BudgetRecord) => r.sentAt.filter((t) => now() - t < REPLY_WINDOW_MS);
  const save = (userId: string, r: BudgetRecord) => kv.set(userId, r, REPLY_WINDOW_MS);

  return {
    async inbound(userId, messageId) {
      const r = await get(userId);
      await save(userId, { lastInboundAt: now(), lastMessageId: messageId, sentAt: r ? recent(r) : [] });
    },
    async check(userId) {
      const r = await get(userId);
      if (!r || now() - r.lastInboundAt >= REPLY_WINDOW_MS) return { ok: false, reason: 'window-closed' };
      if (recent(r).length >= REPLIES_PER_WINDOW) return { ok: false, reason: 'budget-used' };
      return { ok: true, replyTo: r.lastMessageId };
    },
    async spend(userId) {
      const r = await get(userId);
      if (r) await save(userId, { ...r, sentAt: [...recent(r), now()] });
    },
    async left(userId) {
      const r = await get(userId);
      if (!r || now() - r.lastInboundAt >= REPLY_WINDOW_MS) return 0;
      return Math.max(0, REPLIES_PER_WINDOW - recent(r).length);
    },
  };
}
