// npm run eval -- --cases FILE.jsonl [--train FILE.jsonl] [--engine softmax|nlpjs] [--json]
// Scores labelled questions. With --train the same pipeline learns from labelled lines instead of intents/.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/env.js';
import { loadKnowledge } from '../knowledge/load.js';
import { knowledgePaths, PROJECT_ROOT } from '../knowledge/paths.js';
import { trainingExamples } from '../knowledge/types.js';
import { answeredIntent, decide, DEFAULT_POLICY, type DecisionPolicy } from '../nlu/decide.js';
import { createEngine, ENGINE_NAMES, type EngineName } from '../nlu/engines.js';
import { percent, score, type Prediction } from '../nlu/metrics.js';
import { trainUnderstanding } from '../nlu/understanding.js';
import { readLabelledLines } from './jsonl.js';
import { runTool, UsageError } from './setup.js';
import { table } from './table.js';

/** A training set without out-of-scope examples cannot teach rejection: then every question gets its best intent. */
const ALWAYS_ANSWER: DecisionPolicy = { answerAt: 0, marginRatio: 1, offerAt: 2, minKnownRatio: 0 };

runTool(async () => {
  const { values } = parseArgs({
    options: { cases: { type: 'string' }, train: { type: 'string' }, json: { type: 'boolean', default: false }, engine: { type: 'string' } },
    allowPositionals: false,
  });
  if (!values.cases) throw new UsageError('usage: npm run eval -- --cases FILE.jsonl [--train FILE.jsonl] [--engine softmax|nlpjs] [--json]');
  if (values.engine && !ENGINE_NAMES.includes(values.engine as EngineName)) throw new UsageError(`--engine must be one of ${ENGINE_NAMES.join(', ')}`);
  const config = await loadConfig();
  const engineName = (values.engine as EngineName | undefined) ?? config.NLU_ENGINE;
  const paths = knowledgePaths(config);
  // The lexicon is part of the pipeline, also when training on other data.
  const knowledge = loadKnowledge({ intentsDir: paths.intentsDir, localityFile: paths.localityFile, rootDir: PROJECT_ROOT });
  const training = values.train ? readLabelledLines(values.train) : trainingExamples(knowledge);
  const cases = readLabelledLines(values.cases);
  const policy = training.some((e) => e.intent === null) ? DEFAULT_POLICY : ALWAYS_ANSWER;

  const trainStart = performance.now();
  const understanding = await trainUnderstanding(training, { lexicon: knowledge.lexicon, engine: await createEngine(engineName) });
  const trainMs = performance.now() - trainStart;
  const predictions: Prediction[] = [];
  for (const c of cases) predictions.push({ text: c.text, expected: c.intent, predicted: answeredIntent(decide(await understanding.understand(c.text), policy)) });
  const report = score(predictions);

  if (values.json) {
    console.log(JSON.stringify({ engine: engineName, policy: policy === ALWAYS_ANSWER ? 'always-answer' : 'default', trainExamples: training.length, trainMs: Math.round(trainMs), ...report }));
    return 0;
  }
  console.log(`Engine ${engineName}, trained on ${training.length} examples in ${Math.round(trainMs)} ms; ${cases.length} cases; policy: ${policy === ALWAYS_ANSWER ? 'always answer (no out-of-scope training examples)' : 'default'}.\n`);
  console.log(table(['measure', 'value'], [
    ['accuracy', percent(report.accuracy)],
    ['macro-F1', percent(report.macroF1)],
    ['in-scope accuracy', percent(report.inScopeAccuracy)],
    ['out-of-scope falling back', percent(report.outOfScopeFallback)],
  ]));
  console.log('\nPer intent (worst F1 first):');
  const worst = [...report.perIntent].sort((a, b) => a.f1 - b.f1).slice(0, 25);
  console.log(table(['intent', 'support', 'precision', 'recall', 'F1'], worst.map((p) => [p.intent, p.support, percent(p.precision), percent(p.recall), percent(p.f1)])));
  console.log('\nConfusions:');
  console.log(table(['expected', 'answered as', 'count'], report.confusions.slice(0, 15).map((c) => [c.expected, c.predicted, c.count])));
  return 0;
});
