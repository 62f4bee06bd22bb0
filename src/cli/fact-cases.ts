// Blind test sets written from the brief, not from intents/: each case lists facts a right answer must contain
// ({"text", "facts": [...], "oos": bool}). Scored on the whole reply, as a citizen would read it.
import { readFileSync } from 'node:fs';
import type { Conversation } from '../conversation/conversation.js';
import { replyToPlainText } from '../conversation/plain-text.js';
import type { Reply } from '../conversation/types.js';
import type { Messages } from '../i18n/messages.js';
import { UsageError } from './setup.js';

export interface FactCase {
  readonly text: string;
  /** Lowercase, without diacritics; the reply must contain one. Empty for out-of-scope cases. */
  readonly facts: readonly string[];
  readonly oos: boolean;
}

export type Outcome = 'right' | 'wrong' | 'clarify' | 'fallback';

export interface FactReport {
  readonly total: number;
  readonly accuracy: number;
  /** Answered without any expected fact (or answered an out-of-scope case), over all answered. */
  readonly wrongAnswerRate: number;
  readonly inScopeFallback: number;
  readonly inScopeClarify: number;
  readonly outOfScopeFallback: number;
  readonly failures: readonly { text: string; outcome: Outcome; intent: string | null; facts: readonly string[] }[];
}

/** Lowercase, marks removed, đ → d: how facts are written. */
export function foldForFacts(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase();
}

export function isFactCaseLine(line: string): boolean {
  try {
    return Array.isArray((JSON.parse(line) as { facts?: unknown }).facts);
  } catch {
    return false;
  }
}

export function readFactCases(file: string): FactCase[] {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  return lines.map((line, i) => {
    const v = JSON.parse(line) as Partial<FactCase>;
    if (typeof v.text !== 'string' || !Array.isArray(v.facts) || typeof v.oos !== 'boolean') throw new UsageError(`${file}:${i + 1}: expected {"text", "facts": [...], "oos": true|false}`);
    return { text: v.text, facts: v.facts.map(String), oos: v.oos };
  });
}

function outcomeOf(c: FactCase, main: Reply, whole: string): Outcome {
  const answered = main.intent !== null || main.check !== undefined;
  if (c.oos) return answered ? 'wrong' : main.kind === 'clarify' ? 'clarify' : 'right';
  const hasFact = c.facts.some((f) => whole.includes(foldForFacts(f)));
  if (answered) return hasFact ? 'right' : 'wrong';
  return main.kind === 'clarify' ? 'clarify' : 'fallback';
}

export async function scoreFactCases(cases: readonly FactCase[], conversation: Conversation, messages: Messages): Promise<FactReport> {
  const outcomes: { c: FactCase; outcome: Outcome; intent: string | null; answered: boolean }[] = [];
  for (const [i, c] of cases.entries()) {
    const replies = await conversation.handle({ channel: 'cli', userId: `case-${i}`, chatId: `case-${i}`, text: c.text, canPush: false });
    const main = replies[0]!;
    const whole = foldForFacts(replies.map((r) => replyToPlainText(r, messages)).join('\n'));
    outcomes.push({ c, outcome: outcomeOf(c, main, whole), intent: main.intent, answered: main.intent !== null || main.check !== undefined });
  }
  const inScope = outcomes.filter((o) => !o.c.oos);
  const answered = outcomes.filter((o) => o.answered);
  const share = (n: number, of: number) => (of === 0 ? Number.NaN : n / of);
  return {
    total: cases.length,
    accuracy: share(outcomes.filter((o) => o.outcome === 'right').length, cases.length),
    wrongAnswerRate: share(answered.filter((o) => o.outcome === 'wrong').length, answered.length),
    inScopeFallback: share(inScope.filter((o) => o.outcome === 'fallback').length, inScope.length),
    inScopeClarify: share(inScope.filter((o) => o.outcome === 'clarify').length, inScope.length),
    outOfScopeFallback: share(outcomes.filter((o) => o.c.oos && o.outcome === 'right').length, outcomes.filter((o) => o.c.oos).length),
    failures: outcomes.filter((o) => o.outcome !== 'right').map((o) => ({ text: o.c.text, outcome: o.outcome, intent: o.intent, facts: o.c.facts })),
  };
}
