// A reply as plain text, links written out as URLs: what the CLI prints and what text-only channels send.
import type { Messages } from '../i18n/messages.js';
import type { Reply } from './types.js';

export interface PlainTextOptions {
  /** Write links out as URLs (false when the channel shows them as buttons). */
  readonly links?: boolean;
  /** Number the suggestions so a reply of "1", "2"... picks one (channels without buttons). */
  readonly numberedSuggestions?: boolean;
  /** Ask "helpful? 👍 / 👎" in words (channels without buttons). */
  readonly feedbackLine?: boolean;
}

export function replyToPlainText(reply: Reply, messages: Messages, options: PlainTextOptions = {}): string {
  const locale = reply.locale;
  const parts = [reply.text];
  const numbered = (s: readonly { label: string }[]) => s.map((x, i) => `${i + 1}. ${shortLabel(x.label)}`);
  if (reply.kind === 'clarify') parts[0] = [reply.text, ...numbered(reply.suggestions)].join('\n');
  if (reply.tip) parts.push(`${messages.t(locale, 'tip-prefix')} ${reply.tip}`);
  // One official link in text: a phone screen has room for one, and it is the one to act on.
  if (reply.links.length > 0 && options.links !== false) parts.push(`${messages.t(locale, 'links-prefix')} ${reply.links[0]!.url}`);
  if (reply.source) parts.push(`${messages.t(locale, 'source-prefix')} ${reply.source}`);
  if (options.numberedSuggestions && reply.kind !== 'clarify' && reply.suggestions.length > 0) {
    parts.push([messages.t(locale, 'numbered-suggestions'), ...numbered(reply.suggestions)].join('\n'));
  }
  if (options.feedbackLine && reply.feedback) parts.push(messages.t(locale, 'feedback-zalo'));
  return parts.join('\n\n');
}

/** Suggestions in text are for picking by number: a long title is cut, the number still picks it. */
const LABEL_MAX = 36;

function shortLabel(label: string): string {
  return label.length <= LABEL_MAX ? label : `${label.slice(0, LABEL_MAX - 1).trimEnd()}…`;
}
