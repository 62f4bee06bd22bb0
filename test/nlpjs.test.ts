// nlp.js (@nlpjs/basic) stays a first-class engine (NLU_ENGINE=nlpjs): it has its own floor on the held-out questions.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/knowledge/paths.js';
import { trainingExamples } from '../src/knowledge/types.js';
import { answeredIntent } from '../src/nlu/decide.js';
import { score, type Prediction } from '../src/nlu/metrics.js';
import { createModelCache } from '../src/nlu/model-cache.js';
import { createNlpjsEngine } from '../src/nlu/nlpjs-engine.js';
import { readMessage } from '../src/nlu/read-message.js';
import { trainUnderstanding } from '../src/nlu/understanding.js';
import { shippedBrain } from './support/knowledge.js';

describe('nlp.js engine', () => {
  it('answers >= 70% of the held-out questions, falls back on >= 80% out of scope, and survives its cache', async () => {
    const { knowledge } = (await shippedBrain()).brain;
    const cache = process.env.MODEL_CACHE_DIR ? createModelCache(process.env.MODEL_CACHE_DIR) : undefined;
    const options = { lexicon: knowledge.lexicon, engine: createNlpjsEngine(), ...(cache ? { cache } : {}) };
    const understanding = await trainUnderstanding(trainingExamples(knowledge), options);
    const cases = readFileSync(join(PROJECT_ROOT, 'test/data/questions.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { text: string; intent: string | null });
    const predictions: Prediction[] = [];
    for (const c of cases) predictions.push({ text: c.text, expected: c.intent, predicted: answeredIntent((await readMessage(understanding, c.text)).decision) });
    const report = score(predictions);
    console.log(`nlp.js held-out accuracy ${(report.accuracy * 100).toFixed(1)}%, wrong ${(report.wrongAnswerRate * 100).toFixed(1)}%`);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.7); // 78-86% seen: its training is not deterministic and moves with small content changes
    expect(report.outOfScopeFallback).toBeGreaterThanOrEqual(0.8); // 87-99% seen
    // A model read back from the cache ranks exactly as the trained one.
    const again = await trainUnderstanding(trainingExamples(knowledge), options);
    expect((await again.understand('nộp hồ sơ trực tuyến')).candidates.slice(0, 3)).toEqual((await understanding.understand('nộp hồ sơ trực tuyến')).candidates.slice(0, 3));
  }, 400_000); // from a cold cache nlp.js trains for minutes (CI trains it beforehand, in the background)
});
