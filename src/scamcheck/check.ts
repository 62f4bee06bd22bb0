// The check: does this message ask about (or carry) a link, a number or a scam text, and what does it show?
// `check` answers undefined when the message is an ordinary question ("gọi 113 khi nào"), so it goes on to the
// intents; otherwise a verdict and the signals found. Platform-neutral; pure; bounded work for any input.
import { analyzeLink, findLinks, type LinkFinding } from './links.js';
import { analyzePhone, findPhones, type PhoneFinding } from './phones.js';
import type { ScamRules } from './rules.js';
import { itemWeight, patternWeight, signalWeight, WARNING_WEIGHT, type MessageSignal, type Signal } from './signals.js';
import { fold, hasPhrase, pad, stripInvisible, wordCount, type Padded } from './text.js';

export type CheckKind = 'url' | 'phone' | 'message';
export type Verdict = 'official' | 'warning' | 'unknown';

/** What a reply carries and the answer CLI and web API show: `{kind, verdict, signals}`. */
export interface CheckSummary {
  readonly kind: CheckKind;
  readonly verdict: Verdict;
  /** Distinct signal ids, strongest first: "lookalike", "shortener", "otp-request"... */
  readonly signals: readonly Signal[];
}

export interface CheckResult extends CheckSummary {
  /** Each link and number looked at, for the reply (names of official ones) and the dashboard (domains). */
  readonly findings: readonly (LinkFinding | PhoneFinding)[];
}

/** Text beyond this is not read: a scam SMS is short, and the work stays bounded for any paste. */
export const MAX_CHECK_CHARS = 2000;
/** At most this many links and numbers are analysed per message. */
export const MAX_ITEMS = 10;
/** "0868123456", "link: https://…", "check giúp https://…": this few other words and it is a pasted item. */
const BARE_WORDS = 3;
/** Longer than this (other words) and it reads as a message rather than a question about one link or number. */
const MESSAGE_WORDS = 12;

interface Reading {
  readonly findings: (LinkFinding | PhoneFinding)[];
  readonly patterns: MessageSignal[];
  readonly otherWords: number;
  readonly padded: Padded;
  /** A long run of digits that is not a phone number: a bank account to transfer to. */
  readonly accountNumber: boolean;
}

export function check(input: string, rules: ScamRules, options: { forwarded?: boolean } = {}): CheckResult | undefined {
  const text = stripInvisible(input.slice(0, MAX_CHECK_CHARS));
  const reading = read(text, rules);
  if (!shouldCheck(reading, rules, options.forwarded === true)) return undefined;
  return judge(reading, options.forwarded === true);
}

function read(text: string, rules: ScamRules): Reading {
  const links = findLinks(text, MAX_ITEMS);
  const withoutLinks = blank(text, links);
  const phones = findPhones(withoutLinks, rules, MAX_ITEMS - links.length);
  const rest = fold(blank(withoutLinks, phones));
  const patterns = matchPatterns(pad(rest), rules);
  const claimed = patterns.includes('impersonation') || patterns.includes('legal-threat');
  return {
    findings: [...links.map((l) => analyzeLink(l.url, rules)), ...phones.map((p) => analyzePhone(p, rules, claimed))],
    patterns,
    otherWords: wordCount(rest),
    padded: pad(fold(text)),
    accountNumber: /\d{8,}/.test(rest),
  };
}

/** The text with the found spans replaced by spaces, so the words around them can be read alone. */
function blank(text: string, spans: readonly { start: number; end: number }[]): string {
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + ' '.repeat(s.end - s.start) + out.slice(s.end);
  return out;
}

function matchPatterns(padded: Padded, rules: ScamRules): MessageSignal[] {
  return rules.patterns.filter((g) => g.phrases.some((p) => hasPhrase(padded, p))).map((g) => g.signal);
}

function shouldCheck(r: Reading, rules: ScamRules, forwarded: boolean): boolean {
  if (forwarded) return r.padded.trim() !== '';
  const words = patternWeight(r.patterns);
  const smsLike = rules.smsMarkers.some((m) => hasPhrase(r.padded, m));
  if (r.findings.length === 0) return (smsLike || r.accountNumber) && words >= WARNING_WEIGHT;
  const asks = rules.checkPhrases.some((p) => hasPhrase(r.padded, p));
  if (asks || words >= WARNING_WEIGHT || smsLike) return true;
  // An official short code or domain name typed alone is a question about that service ("113", "dichvucong.gov.vn",
  // "khonggianmang.vn là trang gì"): the intents answer. A pasted link (https://, www.) or any other item is checked.
  const pasted = r.findings.some((f) => !f.official || (f.kind === 'url' && !f.bareName));
  if (r.otherWords <= BARE_WORDS && pasted) return true;
  const calledBy = r.findings.some((f) => f.kind === 'phone' && !f.official) && rules.callPhrases.some((p) => hasPhrase(r.padded, p));
  return calledBy || r.findings.some((f) => f.kind === 'url' && itemWeight(f.signals) >= WARNING_WEIGHT);
}

function judge(r: Reading, forwarded: boolean): CheckResult {
  const itemSignals = r.findings.flatMap((f) => f.signals);
  const suspicious = r.findings.filter((f) => !f.official);
  const worstItem = Math.max(0, ...suspicious.map((f) => itemWeight(f.signals)));
  const words = patternWeight(r.patterns);
  const signals = rank([...itemSignals, ...r.patterns]);
  let verdict: Verdict;
  if (worstItem + words >= WARNING_WEIGHT) verdict = 'warning';
  else if (r.findings.length > 0 && suspicious.length === 0) verdict = 'official';
  else verdict = 'unknown';
  return { kind: kindOf(r, forwarded), verdict, signals, findings: r.findings };
}

function kindOf(r: Reading, forwarded: boolean): CheckKind {
  const kinds = new Set(r.findings.map((f) => f.kind));
  if (forwarded || kinds.size !== 1 || r.otherWords > MESSAGE_WORDS) return 'message';
  return kinds.has('url') ? 'url' : 'phone';
}

/** Distinct, the weightiest first; "official" signals last. */
function rank(signals: readonly Signal[]): Signal[] {
  return [...new Set(signals)].sort((a, b) => signalWeight(b) - signalWeight(a));
}
