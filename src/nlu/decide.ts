// From candidates to a decision: answer, ask which of two, or fall back. Never a confident wrong answer.
import type { Interpretation } from './understanding.js';

export type Decision =
  | { readonly kind: 'answer'; readonly intent: string; readonly score: number }
  | { readonly kind: 'clarify'; readonly intents: readonly string[]; readonly score: number }
  | { readonly kind: 'fallback'; readonly score: number };

export interface DecisionPolicy {
  /** Minimum score of the best intent to answer it. */
  readonly answerAt: number;
  /** Answer only if the runner-up scores at most this fraction of the best. */
  readonly marginRatio: number;
  /** Minimum score for an intent to be offered as a choice. */
  readonly offerAt: number;
  /** Below this share of known words the question is treated as out of scope. */
  readonly minKnownRatio: number;
}

/**
 * Tuned for the softmax engine by 5-fold cross-validation over intents/ (npm run intents:check prints the effect):
 * its probabilities are calibrated, so a quarter of the mass on one intent out of ~60 is already a clear signal.
 */
export const DEFAULT_POLICY: DecisionPolicy = Object.freeze({ answerAt: 0.25, marginRatio: 0.9, offerAt: 0.15, minKnownRatio: 0.34 });

export function decide(interpretation: Interpretation, policy: DecisionPolicy = DEFAULT_POLICY): Decision {
  const [best, second] = interpretation.candidates;
  if (!best || best.intent === null || interpretation.knownRatio < policy.minKnownRatio) return { kind: 'fallback', score: best?.score ?? 0 };
  const runnerUp = second && second.intent !== null ? second.score : 0;
  if (best.score >= policy.answerAt && runnerUp <= best.score * policy.marginRatio) return { kind: 'answer', intent: best.intent, score: best.score };
  const offers = interpretation.candidates.filter((c) => c.intent !== null && c.score >= policy.offerAt).slice(0, 3);
  if (offers.length >= 2) return { kind: 'clarify', intents: offers.map((c) => c.intent as string), score: best.score };
  if (best.score >= policy.answerAt) return { kind: 'answer', intent: best.intent, score: best.score };
  return { kind: 'fallback', score: best.score };
}

/** The intent a decision answers, or null for a clarifying question or fallback. */
export function answeredIntent(decision: Decision): string | null {
  return decision.kind === 'answer' ? decision.intent : null;
}
