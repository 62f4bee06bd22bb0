// Scores for labelled questions: accuracy, macro-F1, per-intent precision/recall, most confused pairs.

export interface Prediction {
  readonly text: string;
  /** Expected intent; null = the bot must fall back. */
  readonly expected: string | null;
  /** What the bot answered; null = fallback or clarifying question. */
  readonly predicted: string | null;
}

export interface PerIntent {
  readonly intent: string;
  readonly support: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface Report {
  readonly total: number;
  readonly accuracy: number;
  readonly macroF1: number;
  /** Share of out-of-scope questions that fell back (NaN when there were none). */
  readonly outOfScopeFallback: number;
  /** Share of in-scope questions answered with the right intent. */
  readonly inScopeAccuracy: number;
  /** Answered with the wrong intent (or answered an out-of-scope question), over all answered: the harm figure. */
  readonly wrongAnswerRate: number;
  /** Share of in-scope questions that got no answer (fallback or clarifying question): the nuisance figure. */
  readonly inScopeFallback: number;
  readonly perIntent: readonly PerIntent[];
  readonly confusions: readonly { expected: string; predicted: string; count: number }[];
}

const NONE = '(fallback)';

export function score(predictions: readonly Prediction[]): Report {
  const labels = new Set<string>();
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  const confusions = new Map<string, number>();
  const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  let correct = 0;
  let oos = 0;
  let oosOk = 0;
  let inScope = 0;
  let inScopeOk = 0;
  let answered = 0;
  let wrong = 0;
  let inScopeNone = 0;
  for (const p of predictions) {
    if (p.predicted !== null) {
      answered += 1;
      if (p.predicted !== p.expected) wrong += 1;
    } else if (p.expected !== null) inScopeNone += 1;
    const expected = p.expected ?? NONE;
    const predicted = p.predicted ?? NONE;
    labels.add(expected);
    if (p.expected === null) {
      oos += 1;
      if (p.predicted === null) oosOk += 1;
    } else {
      inScope += 1;
      if (p.predicted === p.expected) inScopeOk += 1;
    }
    if (expected === predicted) {
      correct += 1;
      inc(tp, expected);
    } else {
      inc(fn, expected);
      inc(fp, predicted);
      inc(confusions, `${expected}\u0000${predicted}`);
    }
  }
  const perIntent = [...labels].sort().map((intent) => {
    const t = tp.get(intent) ?? 0;
    const precision = t + (fp.get(intent) ?? 0) === 0 ? 0 : t / (t + (fp.get(intent) ?? 0));
    const recall = t + (fn.get(intent) ?? 0) === 0 ? 0 : t / (t + (fn.get(intent) ?? 0));
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { intent, support: t + (fn.get(intent) ?? 0), precision, recall, f1 };
  });
  return {
    total: predictions.length,
    accuracy: predictions.length ? correct / predictions.length : 0,
    macroF1: perIntent.length ? perIntent.reduce((s, x) => s + x.f1, 0) / perIntent.length : 0,
    outOfScopeFallback: oos ? oosOk / oos : Number.NaN,
    inScopeAccuracy: inScope ? inScopeOk / inScope : Number.NaN,
    wrongAnswerRate: answered ? wrong / answered : 0,
    inScopeFallback: inScope ? inScopeNone / inScope : Number.NaN,
    perIntent,
    confusions: [...confusions.entries()]
      .map(([k, count]) => {
        const [expected, predicted] = k.split('\u0000') as [string, string];
        return { expected, predicted, count };
      })
      .sort((a, b) => b.count - a.count || a.expected.localeCompare(b.expected)),
  };
}

export function percent(x: number): string {
  return Number.isNaN(x) ? 'n/a' : `${(x * 100).toFixed(1)}%`;
}
