// The bot on questions written apart from its training questions (test/data/questions.jsonl).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/knowledge/paths.js';
import { answeredIntent } from '../src/nlu/decide.js';
import { readMessage } from '../src/nlu/read-message.js';
import { score, type Prediction } from '../src/nlu/metrics.js';
import { normalizeText, createLexicon } from '../src/nlu/normalize.js';
import { shippedBrain } from './support/knowledge.js';

const cases = readFileSync(join(PROJECT_ROOT, 'test/data/questions.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { text: string; intent: string | null });

describe('held-out questions', () => {
  it('is a real test set: 250+ questions, 40+ out of scope, every label an intent, none copied from intents/', async () => {
    const { brain } = await shippedBrain();
    const { knowledge } = brain;
    expect(cases.length).toBeGreaterThanOrEqual(250);
    expect(cases.filter((c) => c.intent === null).length).toBeGreaterThanOrEqual(40);
    for (const c of cases) if (c.intent !== null) expect(knowledge.intents.has(c.intent), c.intent).toBe(true);
    const lexicon = createLexicon(knowledge.lexicon);
    const training = new Set<string>();
    for (const intent of knowledge.intents.values()) for (const u of [...intent.utterances.vi, ...intent.utterances.en]) training.add(normalizeText(u, lexicon));
    for (const u of knowledge.outOfScope) training.add(normalizeText(u, lexicon));
    const copied = cases.filter((c) => training.has(normalizeText(c.text, lexicon)));
    expect(copied.map((c) => c.text)).toEqual([]);
  });

  it('answers >= 97% correctly, wrongly at most 4% of answered, and falls back on >= 95% of out-of-scope questions', async () => {
    const { brain } = await shippedBrain();
    const predictions: Prediction[] = [];
    for (const c of cases) {
      predictions.push({ text: c.text, expected: c.intent, predicted: answeredIntent((await readMessage(brain.understanding, c.text)).decision) });
    }
    const report = score(predictions);
    const wrong = predictions.filter((p) => p.expected !== p.predicted).map((p) => `${p.expected} → ${p.predicted}: ${p.text}`);
    console.log(`held-out accuracy ${(report.accuracy * 100).toFixed(1)}%, wrong answers ${(report.wrongAnswerRate * 100).toFixed(1)}%, out-of-scope fallback ${(report.outOfScopeFallback * 100).toFixed(1)}%, ${wrong.length} wrong`);
    expect(report.accuracy, wrong.join('\n')).toBeGreaterThanOrEqual(0.97);
    expect(report.wrongAnswerRate, wrong.join('\n')).toBeLessThanOrEqual(0.04);
    expect(report.outOfScopeFallback, wrong.join('\n')).toBeGreaterThanOrEqual(0.95);
  });
});
