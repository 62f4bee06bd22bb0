// A reply as plain text, links written out as URLs: what the CLI prints and what text-only channels send.
import type { Locale } from '../knowledge/types.js';
import type { Messages } from '../i18n/messages.js';
import type { Reply } from './types.js';

export function replyToPlainText(reply: Reply, messages: Messages, locale: Locale = 'vi'): string {
  const parts = [reply.text];
  if (reply.kind === 'clarify') {
    parts[0] = [reply.text, ...reply.suggestions.map((s, i) => `${i + 1}. ${s.label}`)].join('\n');
  }
  if (reply.tip) parts.push(`${messages.t(locale, 'tip-prefix')} ${reply.tip}`);
  if (reply.links.length > 0) {
    parts.push([messages.t(locale, 'links-prefix'), ...reply.links.map((l) => `- ${l.label}: ${l.url}`)].join('\n'));
  }
  if (reply.source) parts.push(`${messages.t(locale, 'source-prefix')} ${reply.source}`);
  return parts.join('\n\n');
}
