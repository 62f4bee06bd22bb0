// A Reply in Zalo's idiom: Zalo bots have no buttons, so suggestions become a numbered list that a reply of
// "1", "2", "3" picks; links are written out; text is split under 2000 characters.
import type { Messages } from '../../i18n/messages.js';
import { replyToPlainText } from '../../conversation/plain-text.js';
import type { Reply } from '../../conversation/types.js';
import { splitText } from '../split-text.js';

/** Zalo's sendMessage takes 1-2000 characters; a margin for characters counted twice. */
export const ZALO_TEXT_LIMIT = 1900;

export interface ZaloPayload {
  readonly text: string;
}

export function renderZalo(reply: Reply, messages: Messages): ZaloPayload[] {
  return splitText(replyToPlainText(reply, messages, { numberedSuggestions: true, feedbackLine: true }), ZALO_TEXT_LIMIT).map((text) => ({ text }));
}
