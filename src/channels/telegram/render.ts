// A Reply in Telegram's idiom: plain text (no parse mode, so intent content needs no escaping), links as URL
// buttons, suggestions as callback buttons with short data, split under 4096 characters.
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import type { Messages } from '../../i18n/messages.js';
import { replyToPlainText } from '../../conversation/plain-text.js';
import type { Reply } from '../../conversation/types.js';
import { splitText } from '../split-text.js';

/** Under Telegram's 4096, leaving room for characters Telegram counts twice (UTF-16). */
export const TELEGRAM_TEXT_LIMIT = 4000;
const BUTTON_LABEL_MAX = 60;
/** callback_data is at most 64 bytes; our ids are short ASCII, checked here anyway. */
const CALLBACK_DATA_MAX_BYTES = 64;

export interface TelegramPayload {
  readonly text: string;
  readonly reply_markup?: InlineKeyboardMarkup;
  /** The forum topic the answered message came from: the answer goes to the same topic. */
  readonly message_thread_id?: number;
}

export function renderTelegram(reply: Reply, messages: Messages): TelegramPayload[] {
  const text = replyToPlainText(reply, messages, { links: false });
  const rows: InlineKeyboardButton[][] = [];
  for (const link of reply.links) rows.push([{ text: shorten(link.label), url: link.url }]);
  for (const s of reply.suggestions) {
    const data = `c:${s.id}`;
    if (Buffer.byteLength(data) <= CALLBACK_DATA_MAX_BYTES) rows.push([{ text: shorten(s.label), callback_data: data }]);
  }
  if (reply.feedback) {
    rows.push([
      { text: messages.t(reply.locale, 'button-helpful'), callback_data: 'c:fb:up' },
      { text: messages.t(reply.locale, 'button-unhelpful'), callback_data: 'c:fb:down' },
    ]);
  }
  const chunks = splitText(text, TELEGRAM_TEXT_LIMIT);
  return chunks.map((chunk, i) => (i === chunks.length - 1 && rows.length > 0 ? { text: chunk, reply_markup: { inline_keyboard: rows } } : { text: chunk }));
}

export function choiceFromCallbackData(data: string): string | undefined {
  return data.startsWith('c:') && data.length > 2 ? data.slice(2) : undefined;
}

function shorten(label: string): string {
  const chars = [...label];
  return chars.length <= BUTTON_LABEL_MAX ? label : `${chars.slice(0, BUTTON_LABEL_MAX - 1).join('')}…`;
}
