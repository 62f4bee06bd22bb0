// npm run eval -- --cases FILE.jsonl [--train FILE.jsonl] [--engine softmax|nlpjs] [--json]
// Scores labelled questions. With --train the same pipeline learns from labelled lines instead of intents/.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/env.js';
import { loadKnowledge } from '../knowledge/load.js';
import { knowledgePaths, PROJECT_ROOT } from '../knowledge/paths.js';
import { trainingExamples } from '../knowledge/types.js';
import { answeredIntent, decide, DEFAULT_POLICY, type DecisionPolicy } from '../nlu/decide.js';
import { createEngine, ENGINE_NAMES, type EngineName } from '../nlu/engines.js';
import { modelCacheFor } from '../nlu/training.js';
import { percent, score, type Prediction } from '../nlu/metrics.js';
import { trainUnderstanding } from '../nlu/understanding.js';
import { readFileSync } from 'node:fs';
import { isFactCaseLine, readFactCases, scoreFactCases } from './fact-cases.js';
import { readLabelledLines } from './jsonl.js';
import { loadBrain, offlineConversation, runTool, UsageError } from './setup.js';
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
  if (!values.train && isFactCaseLine(readFileSync(values.cases, 'utf8').split('\n')[0] ?? '')) return evalFactCases(values.cases, values.json ?? false, engineName);
  const training = values.train ? readLabelledLines(values.train) : trainingExamples(knowledge);
  const cases = readLabelledLines(values.cases);
  const policy = training.some((e) => e.intent === null) ? DEFAULT_POLICY : ALWAYS_ANSWER;

  const trainStart = performance.now();
  // Training on intents/ reuses the app's model cache; a --train file is trained fresh (its time is reported).
  const cache = values.train ? undefined : modelCacheFor(config, PROJECT_ROOT);
  const understanding = await trainUnderstanding(training, { lexicon: knowledge.lexicon, engine: await createEngine(engineName), ...(cache ? { cache } : {}) });
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
    ['wrong answers (of all answered)', percent(report.wrongAnswerRate)],
    ['in-scope questions not answered', percent(report.inScopeFallback)],
    ['out-of-scope falling back', percent(report.outOfScopeFallback)],
  ]));
  console.log('\nPer intent (worst F1 first):');
  const worst = [...report.perIntent].sort((a, b) => a.f1 - b.f1).slice(0, 25);
  console.log(table(['intent', 'support', 'precision', 'recall', 'F1'], worst.map((p) => [p.intent, p.support, percent(p.precision), percent(p.recall), percent(p.f1)])));
  console.log('\nConfusions:');
  console.log(table(['expected', 'answered as', 'count'], report.confusions.slice(0, 15).map((c) => [c.expected, c.predicted, c.count])));
  return 0;
});

/** Blind sets ({"text", "facts", "oos"}): the whole reply, through the conversation, must contain a fact. */
async function evalFactCases(file: string, json: boolean, engineName: EngineName): Promise<number> {
  process.env.NLU_ENGINE = engineName;
  const { brain, messages } = await loadBrain();
  const report = await scoreFactCases(readFactCases(file), offlineConversation(brain, messages), messages);
  if (json) {
    const { failures, ...figures } = report;
    console.log(JSON.stringify({ engine: engineName, ...figures, failures: failures.length }));
    return 0;
  }
  console.log(`Engine ${engineName}; ${report.total} cases scored on the facts in the whole reply.\n`);
  console.log(table(['measure', 'value'], [
    ['accuracy', percent(report.accuracy)],
    ['wrong answers (of all answered)', percent(report.wrongAnswerRate)],
    ['in-scope: fallback', percent(report.inScopeFallback)],
    ['in-scope: clarifying question', percent(report.inScopeClarify)],
    ['out-of-scope falling back', percent(report.outOfScopeFallback)],
  ]));
  console.log('\nNot right:');
  console.log(table(['outcome', 'intent', 'question', 'facts'], report.failures.map((f) => [f.outcome, f.intent ?? '-', f.text.slice(0, 90), f.facts.join(' | ')])));
  return 0;
}
