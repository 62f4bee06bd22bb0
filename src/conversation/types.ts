// Platform-neutral messages: what comes in from any channel and what goes back.
import type { Link, Locale } from '../knowledge/types.js';
import type { CheckSummary } from '../scamcheck/check.js';

export interface InboundMessage {
  readonly channel: string;
  /** The person on that channel (Telegram user id, Zalo user id, web session). */
  readonly userId: string;
  /** Where replies go (a chat; the same as userId in private chats). Never logged together with text. */
  readonly chatId: string;
  /**
   * The person's own private chat, kept for later messages (campaigns, subscriptions). Defaults to chatId; in a
   * group chatId is the group, so the channel names the private chat here and the group never replaces it.
   */
  readonly personalChatId?: string;
  readonly text?: string;
  /** An id picked from suggestion buttons: an intent id, or a command choice like "sub:an-toan-mang". */
  readonly choice?: string;
  /** A photo, sticker, voice note...: the bot reads text only. */
  readonly unsupported?: boolean;
  /** The language the person's client asks for this message (web page); otherwise their saved one. */
  readonly locale?: Locale;
  /** Whether this channel can send later messages (broadcasts): Zalo and Telegram can, the web page cannot. */
  readonly canPush: boolean;
  /** The bot's own username, to tell "/start@ThisBot" from "/start@OtherBot" in groups. */
  readonly botUsername?: string;
  /** A message forwarded from elsewhere (Telegram): always given the scam check. */
  readonly forwarded?: boolean;
}

export interface Suggestion {
  readonly id: string;
  readonly label: string;
}

export type ReplyKind = 'answer' | 'clarify' | 'fallback' | 'welcome' | 'system';

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
  readonly locale: Locale;
  /** Ask "was this helpful?" under this reply (answers). */
  readonly feedback?: boolean;
  /** Set when the reply is a scam check of a link, number or message (intent is then null). */
  readonly check?: CheckSummary;
}
