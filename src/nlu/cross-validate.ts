// k-fold cross-validation: every example is predicted by a model that never saw it.
import type { Example } from './engine.js';
import { answeredIntent, decide, type DecisionPolicy } from './decide.js';
import type { Prediction } from './metrics.js';
import type { Interpretation, TrainOptions } from './understanding.js';
import { trainUnderstanding } from './understanding.js';

/** Folds are stratified by intent (round-robin per label) so each fold sees every intent. */
export function stratifiedFolds(examples: readonly Example[], k: number): Example[][] {
  const folds: Example[][] = Array.from({ length: k }, () => []);
  const byLabel = new Map<string | null, Example[]>();
  for (const e of examples) byLabel.set(e.intent, [...(byLabel.get(e.intent) ?? []), e]);
  let next = 0;
  for (const group of byLabel.values()) {
    for (const e of group) {
      folds[next % k]!.push(e);
      next += 1;
    }
  }
  return folds;
}

export interface Interpreted {
  readonly example: Example;
  readonly interpretation: Interpretation;
}

export async function crossInterpret(examples: readonly Example[], k: number, options: TrainOptions): Promise<Interpreted[]> {
  const folds = stratifiedFolds(examples, k);
  const out: Interpreted[] = [];
  for (let i = 0; i < k; i += 1) {
    const understanding = await trainUnderstanding(folds.flatMap((fold, j) => (j === i ? [] : fold)), options);
    for (const example of folds[i]!) out.push({ example, interpretation: await understanding.understand(example.text) });
  }
  return out;
}

export function toPredictions(interpreted: readonly Interpreted[], policy?: DecisionPolicy): Prediction[] {
  return interpreted.map(({ example, interpretation }) => ({
    text: example.text,
    expected: example.intent,
    predicted: answeredIntent(decide(interpretation, policy)),
  }));
}
