// Long messages: a citizen often tells a story first and asks at the end ("Ba tui 70 tuổi … Giờ phải làm sao?").
// The whole message is read, and so is each sentence or clause; the decision takes the strongest evidence that the
// whole message agrees with, and a message that asks two different things can get both answers.
import { decide, type Decision, type DecisionPolicy } from './decide.js';
import { foldDiacritics } from './normalize.js';
import type { Interpretation, Understanding } from './understanding.js';

export interface Reading {
  readonly decision: Decision;
  /** The interpretation the decision came from (the whole message, or the clause that carried it). */
  readonly interpretation: Interpretation;
  /** A second, different question answered in the same message. */
  readonly second?: { readonly intent: string; readonly score: number };
}

/** Messages shorter than this are read whole only. */
const MIN_WORDS_TO_SPLIT = 12;
/** A clause's intent must keep at least this share of the whole message's probability: coherent evidence. */
const COHERENCE = 0.03;
/** Both answers of a two-question message must be this sure. */
const SECOND_ANSWER_AT = 0.5;
/** Long clauses without sentence punctuation are cut at commas. */
const LONG_CLAUSE_WORDS = 14;

const QUESTION = /\?|\b(khong|ko|k|hong|hok|hem|sao|nao|gi|j|dau|bao nhieu|may|the nao|ntn|co phai|duoc ko|lam sao|phai lam|ai|chua|what|how|where|which|who|why|when|can|should|do|does|is|are)\b/;

export function clausesOf(text: string): string[] {
  const sentences = text.split(/[.!?;\n]+|…/u).map((s) => s.trim()).filter((s) => s !== '');
  return sentences.flatMap((s) => (s.split(/\s+/).length > LONG_CLAUSE_WORDS ? s.split(/,/).map((c) => c.trim()).filter((c) => c !== '') : [s]));
}

function isQuestion(clause: string): boolean {
  return QUESTION.test(foldDiacritics(clause.toLowerCase()));
}

/** An intent to answer when a message could not be placed but contains one of its phrases (normalized tokens). */
export interface SafetyNet {
  readonly intent: string;
  readonly phrases: readonly string[];
}

export async function readMessage(understanding: Understanding, text: string, policy?: DecisionPolicy, nets: readonly SafetyNet[] = []): Promise<Reading> {
  const reading = await readWholeAndClauses(understanding, text, policy);
  if (reading.decision.kind !== 'fallback' || nets.length === 0) return reading;
  const tokens = ` ${reading.interpretation.tokens.join(' ')} `;
  const net = nets.find((n) => n.phrases.some((phrase) => tokens.includes(` ${phrase} `)));
  return net ? { ...reading, decision: { kind: 'answer', intent: net.intent, score: reading.decision.score } } : reading;
}

async function readWholeAndClauses(understanding: Understanding, text: string, policy?: DecisionPolicy): Promise<Reading> {
  const whole = await understanding.understand(text);
  const decision = decide(whole, policy);
  if (text.split(/\s+/).length < MIN_WORDS_TO_SPLIT) return { decision, interpretation: whole };
  const clauses = clausesOf(text);
  if (clauses.length < 2) return { decision, interpretation: whole };

  const wholeScore = new Map(whole.candidates.map((c) => [c.intent, c.score]));
  const coherent = (intent: string) => (wholeScore.get(intent) ?? 0) >= COHERENCE;
  // The question is usually the last sentence; with the sentence before it, it keeps its context.
  const windows = [...clauses.map((_, i) => clauses.slice(i, i + 1).join('. ')), ...clauses.slice(1).map((_, i) => clauses.slice(i, i + 2).join('. '))];
  // Only windows that ask something can carry an answer: the story around the question is context, not a request.
  const asked: { intent: string; score: number; interpretation: Interpretation }[] = [];
  for (const window of windows.filter(isQuestion)) {
    const interpretation = await understanding.understand(window);
    const d = decide(interpretation, policy);
    if (d.kind === 'answer' && coherent(d.intent)) asked.push({ intent: d.intent, score: d.score, interpretation });
  }
  if (decision.kind === 'answer') return { decision, interpretation: whole, ...secondOf(asked, decision.intent) };
  asked.sort((a, b) => b.score - a.score);
  const best = asked[0];
  if (!best) return { decision, interpretation: whole };
  return { decision: { kind: 'answer', intent: best.intent, score: best.score }, interpretation: best.interpretation, ...secondOf(asked, best.intent) };
}

function secondOf(answers: readonly { intent: string; score: number }[], first: string): Pick<Reading, 'second'> {
  const other = answers.filter((a) => a.intent !== first && a.score >= SECOND_ANSWER_AT).sort((a, b) => b.score - a.score)[0];
  return other ? { second: { intent: other.intent, score: other.score } } : {};
}
