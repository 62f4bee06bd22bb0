// Fluent bundles for what the bot says outside intents (locales/*.ftl).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FluentBundle, FluentResource, type FluentVariable } from '@fluent/bundle';
import { KnowledgeError, type KnowledgeIssue } from '../knowledge/errors.js';
import { LOCALES, type Locale } from '../knowledge/schema.js';
import { SCAM_MESSAGE_IDS } from '../scamcheck/signals.js';

export interface Messages {
  t(locale: Locale, id: string, args?: Record<string, FluentVariable>): string;
  has(locale: Locale, id: string): boolean;
}

/** Every message id the code uses; a locale file missing one fails the check. */
export const MESSAGE_IDS = [
  'welcome', 'automated-note', 'fallback', 'fallback-empty', 'clarify-intro', 'tip-prefix', 'links-prefix', 'source-prefix',
  'choice-expired', 'error-generic', 'page-title', 'page-heading', 'page-subtitle', 'input-label',
  'input-placeholder', 'send-button', 'suggestions-label', 'user-said', 'bot-said',
  'welcome-privacy', 'help', 'unknown-command', 'subscribed', 'subscribe-unknown-topic', 'subscribe-not-here', 'unsubscribed',
  'not-subscribed', 'lang-choose', 'lang-set', 'privacy', 'delete-confirm', 'deleted', 'delete-cancelled', 'slow-down',
  'text-only', 'numbered-suggestions', 'button-delete-yes', 'button-delete-no', 'topic-chung', 'campaign-footer',
  'broadcast-ask-text', 'broadcast-preview-intro', 'broadcast-confirm', 'broadcast-started', 'broadcast-cancelled', 'broadcast-too-long',
  'button-broadcast-send', 'button-broadcast-cancel',
  'feedback-question', 'feedback-zalo', 'feedback-thanks', 'feedback-sorry', 'button-helpful', 'button-unhelpful',
  ...SCAM_MESSAGE_IDS,
] as const;

export function loadMessages(localesDir: string, displayDir = 'locales'): Messages {
  const issues: KnowledgeIssue[] = [];
  const bundles = new Map<Locale, FluentBundle>();
  for (const locale of LOCALES) {
    const file = `${displayDir}/${locale}.ftl`;
    let source: string;
    try {
      source = readFileSync(join(localesDir, `${locale}.ftl`), 'utf8');
    } catch {
      issues.push({ file, message: 'cannot be read' });
      continue;
    }
    const bundle = new FluentBundle(locale, { useIsolating: false });
    const resource = new FluentResource(source);
    for (const error of bundle.addResource(resource)) issues.push({ file, message: error.message });
    // FluentResource skips broken entries silently; a missing id is how a syntax error shows.
    for (const id of MESSAGE_IDS) if (!bundle.hasMessage(id)) issues.push({ file, message: `message "${id}" is missing or has a syntax error` });
    bundles.set(locale, bundle);
  }
  if (issues.length > 0) throw new KnowledgeError(issues);
  return {
    has(locale, id) {
      return bundles.get(locale)?.hasMessage(id) ?? false;
    },
    t(locale, id, args) {
      const bundle = bundles.get(locale) ?? bundles.get('vi')!;
      const message = bundle.getMessage(id) ?? bundles.get('vi')!.getMessage(id);
      if (!message?.value) return id;
      return bundle.formatPattern(message.value, args);
    },
  };
}
