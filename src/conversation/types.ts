// Platform-neutral messages: what comes in from any channel and what goes back.
import type { Link, Locale } from '../knowledge/types.js';

export interface InboundMessage {
  readonly channel: string;
  /** The conversation (a web session, a chat); never logged together with text. */
  readonly chatId: string;
  readonly text?: string;
  /** An intent id picked from suggestion buttons. */
  readonly choice?: string;
  readonly locale?: Locale;
}

export interface Suggestion {
  readonly id: string;
  readonly label: string;
}

export type ReplyKind = 'answer' | 'clarify' | 'fallback' | 'welcome';

/** A reply says "text, suggestions, links"; each channel renders it in its own idiom. */
export interface Reply {
  readonly kind: ReplyKind;
  /** The intent whose answer this is; null for clarifying questions, fallbacks and system messages. */
  readonly intent: string | null;
  readonly score?: number;
  readonly text: string;
  readonly tip?: string;
  /** Where the facts come from (answers only). */
  readonly source?: string;
  readonly links: readonly Link[];
  readonly suggestions: readonly Suggestion[];
}
