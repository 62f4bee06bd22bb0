// Blind sets: questions written from the content brief and the article by someone who never saw intents/,
// scored on the facts a right answer must contain (see ../shared/blind-sets.md and src/cli/fact-cases.ts).
// Each was run once before the tuning that followed (first runs: 2-A 58.0% on the round-1 bot; 2-B 91.9% after
// round 2; 3-C 87.5% before round 3; 3-D 88.2% after the round-3 work), then kept here as a regression floor: they
// are development sets now, and each round of knowledge work needs a new one. In 3-D, four English questions had
// only Vietnamese facts, which no English reply can contain: their English equivalents were added to the key
// ("block", "never give", "recovery", "productivity"…); with them the first run scores 90.6%.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { offlineConversation } from '../src/cli/setup.js';
import { readFactCases, scoreFactCases } from '../src/cli/fact-cases.js';
import { PROJECT_ROOT } from '../src/knowledge/paths.js';
import { shippedBrain } from './support/knowledge.js';

interface BlindSet {
  readonly name: string;
  readonly file: string;
  readonly cases: number;
  readonly outOfScope: number;
  /** Floors: share right, share of answers that are wrong, share of out-of-scope questions falling back. */
  readonly right: number;
  readonly wrong: number;
  readonly oosFallback: number;
  readonly inScopeFallback?: number;
}

const SETS: readonly BlindSet[] = [
  { name: '2-A', file: 'blind-round2-a.jsonl', cases: 200, outOfScope: 40, right: 0.88, wrong: 0.06, oosFallback: 0.9 },
  { name: '2-B', file: 'blind-round2-b.jsonl', cases: 160, outOfScope: 32, right: 0.93, wrong: 0.04, oosFallback: 0.9 },
  { name: '3-C', file: 'blind-round3-c.jsonl', cases: 200, outOfScope: 40, right: 0.94, wrong: 0.04, oosFallback: 0.93 },
  // Issue 9's bar after the round's work: >= 95% right, <= 2% of answers wrong, <= 5% of in-scope questions unanswered.
  { name: '3-D', file: 'blind-round3-d.jsonl', cases: 170, outOfScope: 34, right: 0.95, wrong: 0.02, oosFallback: 0.95, inScopeFallback: 0.05 },
];

describe.each(SETS)('blind set round $name', (set) => {
  const file = join(PROJECT_ROOT, 'test/data', set.file);

  it(`is a real blind set: ${set.cases} cases, ${set.outOfScope} out of scope, every in-scope case with facts`, () => {
    const cases = readFactCases(file);
    expect(cases).toHaveLength(set.cases);
    expect(cases.filter((c) => c.oos)).toHaveLength(set.outOfScope);
    for (const c of cases) if (!c.oos) expect(c.facts.length, c.text).toBeGreaterThan(0);
  });

  it(`right on >= ${set.right * 100}%, confidently wrong on <= ${set.wrong * 100}% of answered, out-of-scope falling back >= ${set.oosFallback * 100}%`, async () => {
    const { brain, messages } = await shippedBrain();
    const report = await scoreFactCases(readFactCases(file), offlineConversation(brain, messages), messages);
    const misses = report.failures.map((f) => `${f.outcome} ${f.intent ?? '-'}: ${f.text}`).join('\n');
    console.log(`blind ${set.name}: ${(report.accuracy * 100).toFixed(1)}% right, ${(report.wrongAnswerRate * 100).toFixed(1)}% wrong of answered, ${(report.inScopeFallback * 100).toFixed(1)}% in-scope fallback`);
    expect(report.accuracy, misses).toBeGreaterThanOrEqual(set.right);
    expect(report.wrongAnswerRate, misses).toBeLessThanOrEqual(set.wrong);
    expect(report.outOfScopeFallback, misses).toBeGreaterThanOrEqual(set.oosFallback);
    if (set.inScopeFallback !== undefined) expect(report.inScopeFallback, misses).toBeLessThanOrEqual(set.inScopeFallback);
  });
});
