// What officials read on the console and from the broadcast tool: locales/console/{vi,en}.ftl. Vietnamese unless
// the browser (Accept-Language) or the terminal (LANG) asks for English.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FluentBundle, FluentResource, type FluentVariable } from '@fluent/bundle';
import { KnowledgeError, type KnowledgeIssue } from '../knowledge/errors.js';
import { LOCALES, type Locale } from '../knowledge/schema.js';

export interface ConsoleMessages {
  t(locale: Locale, id: string, args?: Record<string, FluentVariable>): string;
  /** Every message of a locale for the browser, variables left as {name} for the page to fill in. */
  strings(locale: Locale): Readonly<Record<string, string>>;
}

export const CONSOLE_LOCALES_SUBDIR = 'console';

export function loadConsoleMessages(localesDir: string): ConsoleMessages {
  const issues: KnowledgeIssue[] = [];
  const bundles = new Map<Locale, FluentBundle>();
  for (const locale of LOCALES) {
    const file = `locales/${CONSOLE_LOCALES_SUBDIR}/${locale}.ftl`;
    let source = '';
    try {
      source = readFileSync(join(localesDir, CONSOLE_LOCALES_SUBDIR, `${locale}.ftl`), 'utf8');
    } catch {
      issues.push({ file, message: 'cannot be read' });
    }
    const bundle = new FluentBundle(locale, { useIsolating: false });
    for (const error of bundle.addResource(new FluentResource(source))) issues.push({ file, message: error.message });
    bundles.set(locale, bundle);
  }
  // Both files name the same messages: a message missing in English would show an id.
  const ids = (locale: Locale) => new Set(idsOf(readSource(localesDir, locale)));
  const vi = ids('vi');
  for (const id of ids('en')) if (!vi.has(id)) issues.push({ file: `locales/${CONSOLE_LOCALES_SUBDIR}/vi.ftl`, message: `message "${id}" is missing` });
  for (const id of vi) if (!bundles.get('en')!.hasMessage(id)) issues.push({ file: `locales/${CONSOLE_LOCALES_SUBDIR}/en.ftl`, message: `message "${id}" is missing` });
  if (issues.length > 0) throw new KnowledgeError(issues);

  const cache = new Map<Locale, Record<string, string>>();
  return {
    t(locale, id, args) {
      const bundle = bundles.get(locale) ?? bundles.get('vi')!;
      const message = bundle.getMessage(id) ?? bundles.get('vi')!.getMessage(id);
      if (!message?.value) return id;
      return bundle.formatPattern(message.value, args);
    },
    strings(locale) {
      let out = cache.get(locale);
      if (out) return out;
      out = {};
      const bundle = bundles.get(locale)!;
      for (const id of vi) {
        const value = bundle.getMessage(id)?.value;
        if (value) out[id] = withPlaceholders(value);
      }
      cache.set(locale, out);
      return out;
    },
  };
}

function readSource(localesDir: string, locale: Locale): string {
  try {
    return readFileSync(join(localesDir, CONSOLE_LOCALES_SUBDIR, `${locale}.ftl`), 'utf8');
  } catch {
    return '';
  }
}

function idsOf(source: string): string[] {
  return [...source.matchAll(/^([a-zA-Z][\w-]*)\s*=/gm)].map((m) => m[1]!);
}

type PatternPart = string | { type: string; name?: string; value?: string | number };

/** A message's pattern with each variable written {name}; the page fills them in (numbers formatted there). */
function withPlaceholders(pattern: string | readonly PatternPart[]): string {
  if (typeof pattern === 'string') return pattern;
  return pattern.map((part) => (typeof part === 'string' ? part : part.type === 'var' ? `{${part.name}}` : String(part.value ?? ''))).join('');
}

/** The console's language from Accept-Language: the first of vi or en the browser lists (by weight); vi by default. */
export function negotiateLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'vi';
  const ranked = acceptLanguage
    .slice(0, 500)
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? '1');
      return { tag, q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === 'vi' || tag.startsWith('vi-')) return 'vi';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'vi';
}

/** The broadcast tool's language: CONSOLE_LANG=en asks for English; Vietnamese otherwise (LANG is often en_US on servers). */
export function terminalLocale(env: NodeJS.ProcessEnv = process.env): Locale {
  return env.CONSOLE_LANG?.trim().toLowerCase() === 'en' ? 'en' : 'vi';
}
