// Validation problems (zod issues) in words officials read: the field named in their language, what is wrong
// with it, e.g. "Đường link phải bắt đầu bằng https://", never "link.url: Invalid URL".
import type { z } from 'zod';
import type { ConsoleMessages } from '../i18n/console-messages.js';
import type { Locale } from '../knowledge/schema.js';

type Issue = z.core.$ZodIssue;

/** The message id naming a field: its path without list positions ("text.vi" → field-text-vi). */
function fieldId(path: readonly PropertyKey[]): string {
  const named = path.filter((p): p is string => typeof p === 'string');
  return named.length ? `field-${named.join('-')}` : 'field-other';
}

export function describeIssue(issue: Issue, locale: Locale, messages: ConsoleMessages): string {
  const t = (id: string, args: Record<string, string | number> = {}) => messages.t(locale, id, args);
  const id = fieldId(issue.path);
  const field = (() => {
    const named = t(id);
    return named === id ? t('field-other') : named;
  })();
  const last = issue.path.at(-1);
  if (last === 'url' && (issue.code === 'invalid_format' || issue.code === 'invalid_type' || issue.code === 'too_small')) return t('issue-link-url');
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'array') return t('issue-too-few', { field, min: Number(issue.minimum) });
      return t('issue-empty', { field });
    case 'too_big':
      return t('issue-too-long', { field, max: Number(issue.maximum) });
    case 'invalid_format':
      if (issue.format === 'datetime' || issue.format === 'date') return t('issue-date', { field });
      if (issue.format === 'regex' && (last === 'id' || last === 'topics' || typeof last === 'number')) return t('issue-id-format', { field });
      return t('issue-format', { field });
    case 'invalid_value':
      return t('issue-choice', { field });
    case 'invalid_type':
      return issue.input === undefined ? t('issue-empty', { field }) : t('issue-type', { field });
    case 'unrecognized_keys':
      return t('issue-unknown-field', { keys: issue.keys.join(', ') });
    default:
      return t('issue-other', { field });
  }
}

export function describeIssues(issues: readonly Issue[], locale: Locale, messages: ConsoleMessages): string[] {
  return [...new Set(issues.map((i) => describeIssue(i, locale, messages)))];
}
