// The check as a reply in the conversation: verdict and signals in plain words, what to do, where to report.
// The conversation core calls `scamCheckStep` once, before intent matching.
import type { Knowledge, Link, Locale } from '../knowledge/types.js';
import type { Messages } from '../i18n/messages.js';
import { check, type CheckResult } from '../scamcheck/check.js';
import type { LinkFinding } from '../scamcheck/links.js';
import type { Signal } from '../scamcheck/signals.js';
import type { InsightEvent } from './insight-events.js';
import type { Reply, Suggestion } from './types.js';

/** The official check and report pages, named in the content brief. */
const CHECK_LINKS = [
  { id: 'scam-link-tinnhiemmang', url: 'https://tinnhiemmang.vn/website-lua-dao' },
  { id: 'scam-link-thongbaorac', url: 'https://thongbaorac.ais.gov.vn' },
] as const;
/** Signals that describe a good thing, not a warning sign. */
const NOT_WARNINGS: ReadonlySet<Signal> = new Set(['official', 'official-hotline']);

export interface ScamCheckInput {
  readonly text: string;
  readonly forwarded?: boolean;
  readonly channel: string;
  readonly locale: Locale;
  readonly at: number;
}

/** Runs the check; undefined when the message is not one (it goes on to the intents). */
export function scamCheckStep(input: ScamCheckInput, knowledge: Knowledge, messages: Messages): { reply: Reply; event: InsightEvent } | undefined {
  if (!knowledge.scamRules) return undefined;
  const result = check(input.text, knowledge.scamRules, { forwarded: input.forwarded });
  if (!result) return undefined;
  return {
    reply: checkReply(result, knowledge, messages, input.locale),
    event: { kind: 'check', channel: input.channel, verdict: result.verdict, domains: flaggedDomains(result), at: input.at },
  };
}

/** Registrable domains of the suspicious links in a warning: what the dashboard counts (never numbers or text). */
export function flaggedDomains(result: CheckResult): string[] {
  if (result.verdict !== 'warning') return [];
  const links = result.findings.filter((f): f is LinkFinding => f.kind === 'url' && !f.official && f.domain !== undefined);
  return [...new Set(links.map((f) => f.domain!))];
}

export function checkReply(result: CheckResult, knowledge: Knowledge, messages: Messages, locale: Locale): Reply {
  const t = (id: string, args?: Record<string, string>) => messages.t(locale, id, args);
  const name = (n: { vi: string; en?: string }) => (locale === 'en' && n.en) || n.vi;
  const parts: string[] = [];
  if (result.verdict === 'official') parts.push(...officialLines(result, t, name), t(`scam-official-caution-${result.findings.every((f) => f.kind === 'phone') ? 'phone' : 'url'}`));
  else {
    parts.push(t(`scam-${result.verdict}-${result.kind}`));
    const lines = signalLines(result, knowledge, t, name);
    if (lines.length) parts.push([t(result.verdict === 'warning' ? 'scam-signals-intro' : 'scam-notes-intro'), ...lines.map((l) => `- ${l}`)].join('\n'));
    const officials = officialLines(result, t, name);
    if (officials.length) parts.push(officials.join('\n'));
    if (result.verdict === 'unknown') parts.push(t('scam-verify'));
    parts.push(t('scam-actions'));
  }
  // Report lines quote the facts file, like the intents' answers: one place to correct a number.
  parts.push(t('scam-report', { ...knowledge.facts }));
  const links: Link[] = CHECK_LINKS.map((l) => ({ label: t(l.id), url: l.url }));
  return {
    kind: 'answer',
    intent: null,
    text: parts.join('\n\n'),
    links,
    suggestions: related(result, knowledge, locale),
    locale,
    check: { kind: result.kind, verdict: result.verdict, signals: result.signals },
  };
}

type T = (id: string, args?: Record<string, string>) => string;
type Name = (n: { vi: string; en?: string }) => string;

function officialLines(result: CheckResult, t: T, name: Name): string[] {
  const lines = result.findings.flatMap((f) => {
    if (!f.official) return [];
    if (f.kind === 'phone') {
      const o = (f).official;
      return [t('scam-official-number', { number: o.number, name: name(o.name) })];
    }
    const o = (f).official;
    return [o.name ? t('scam-official-link', { name: name(o.name) }) : t('scam-official-gov')];
  });
  return [...new Set(lines)];
}

function signalLines(result: CheckResult, knowledge: Knowledge, t: T, name: Name): string[] {
  const imitated = result.findings.find((f): f is LinkFinding => f.kind === 'url' && f.imitates !== undefined)?.imitates;
  const imitatedName = imitated === 'gov.vn' || imitated === undefined ? t('scam-gov-name') : trustedNameOf(imitated, knowledge, name) ?? t('scam-gov-name');
  return result.signals.filter((s) => !NOT_WARNINGS.has(s)).map((s) => t(`scam-signal-${s}`, { name: imitatedName }));
}

function trustedNameOf(label: string, knowledge: Knowledge, name: Name): string | undefined {
  for (const [domain, n] of knowledge.scamRules?.trustedDomains ?? []) if (domain.split('.')[0] === label) return name(n);
  return undefined;
}

function related(result: CheckResult, knowledge: Knowledge, locale: Locale): Suggestion[] {
  const ids = knowledge.scamRules?.related[result.kind] ?? [];
  return ids.flatMap((id) => {
    const intent = knowledge.intents.get(id);
    return intent ? [{ id, label: (locale === 'en' && intent.title.en) || intent.title.vi }] : [];
  });
}
