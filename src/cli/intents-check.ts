// npm run intents:check: validate every file, then measure how well the bot tells the intents apart.
// Exit 1 on any error (schema, duplicate or conflicting questions, dangling related ids, locale files).
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../config/env.js';
import { loadMessages } from '../i18n/messages.js';
import { CHECK_REPORT_FILE } from '../maintainers/check-report.js';
import { REVIEW_MONTHS } from '../maintainers/review.js';
import { loadKnowledge } from '../knowledge/load.js';
import { knowledgePaths, PROJECT_ROOT } from '../knowledge/paths.js';
import { trainingExamples, type Intent } from '../knowledge/types.js';
import { crossInterpret, toPredictions } from '../nlu/cross-validate.js';
import { DEFAULT_POLICY } from '../nlu/decide.js';
import { createEngine } from '../nlu/engines.js';
import { createSoftmaxEngine } from '../nlu/softmax-engine.js';
import { modelCacheFor } from '../nlu/training.js';
import { percent, score } from '../nlu/metrics.js';
import { runTool } from './setup.js';
import { table } from './table.js';

/** The content standard: each intent has at least this many Vietnamese questions. */
export const MIN_UTTERANCES = 12;
const FOLDS = 5;
export { REVIEW_MONTHS };

function staleIntents(intents: readonly Intent[], today: Date): Intent[] {
  const limit = new Date(today);
  limit.setUTCMonth(limit.getUTCMonth() - REVIEW_MONTHS);
  const cutoff = limit.toISOString().slice(0, 10);
  return intents.filter((i) => i.reviewed < cutoff).sort((a, b) => a.reviewed.localeCompare(b.reviewed));
}

function writeReport(dataDir: string, report: object): void {
  if (dataDir === ':memory:') return;
  try {
    const dir = resolve(PROJECT_ROOT, dataDir);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${CHECK_REPORT_FILE}.tmp`), JSON.stringify(report, null, 2));
    renameSync(join(dir, `${CHECK_REPORT_FILE}.tmp`), join(dir, CHECK_REPORT_FILE));
    console.log(`Report for the console: ${join(dataDir, CHECK_REPORT_FILE)}`);
  } catch {
    // A read-only data folder: the console then says the report is missing.
  }
}

runTool(async () => {
  const config = await loadConfig();
  const paths = knowledgePaths(config);
  const knowledge = loadKnowledge({ intentsDir: paths.intentsDir, localityFile: paths.localityFile, rootDir: PROJECT_ROOT });
  loadMessages(paths.localesDir);
  const intents = [...knowledge.intents.values()];
  const utterances = intents.reduce((n, i) => n + i.utterances.vi.length + i.utterances.en.length, 0);
  console.log(`✔ ${intents.length} intents, ${utterances} questions, ${knowledge.outOfScope.length} out-of-scope examples, ${knowledge.lexicon.size} lexicon variants: files are valid.`);

  const warnings: string[] = [];
  for (const intent of intents) {
    if (intent.utterances.vi.length < MIN_UTTERANCES) warnings.push(`${intent.file}: intent ${intent.id} has ${intent.utterances.vi.length} Vietnamese questions; aim for at least ${MIN_UTTERANCES}`);
    if (!intent.tip) warnings.push(`${intent.file}: intent ${intent.id} has no tip`);
  }
  const stale = staleIntents(intents, new Date());
  if (stale.length > 0) {
    warnings.push(`${stale.length} intent(s) not reviewed for over ${REVIEW_MONTHS} months; check them against their source and update "reviewed":`);
    for (const intent of stale) warnings.push(`  ${intent.file}: ${intent.id} (reviewed ${intent.reviewed})`);
  }
  for (const w of warnings) console.log(`⚠ ${w}`);
  // --quick: the files only, without the cross-validation (seconds instead of a minute, for editing sessions).
  if (process.argv.includes('--quick')) return 0;

  const started = performance.now();
  // The folds are a diagnostic: one softmax model each instead of the shipped average of three (a third of the time,
  // within a point of the same figures).
  const engine = config.NLU_ENGINE === 'softmax' ? createSoftmaxEngine({ members: 1 }) : await createEngine(config.NLU_ENGINE);
  // Each fold's model is cached like the app's: a second check of unchanged files does not retrain.
  const cache = modelCacheFor(config, PROJECT_ROOT);
  const interpreted = await crossInterpret(trainingExamples(knowledge), FOLDS, { lexicon: knowledge.lexicon, engine, ...(cache ? { cache } : {}) });
  const top1 = score(toPredictions(interpreted, { answerAt: 0, marginRatio: 1, offerAt: 2, minKnownRatio: 0 }));
  const decided = score(toPredictions(interpreted, DEFAULT_POLICY));
  console.log(`\n${FOLDS}-fold cross-validation (${config.NLU_ENGINE}, ${Math.round(performance.now() - started)} ms): each question predicted by a model trained without it.`);
  console.log(table(['measure', 'value'], [
    ['top-1 accuracy', percent(top1.accuracy)],
    ['accuracy with the answer policy', percent(decided.accuracy)],
    ['macro-F1 with the answer policy', percent(decided.macroF1)],
    ['wrong answers (of all answered)', percent(decided.wrongAnswerRate)],
    ['in-scope questions not answered', percent(decided.inScopeFallback)],
    ['out-of-scope examples falling back', percent(decided.outOfScopeFallback)],
  ]));
  console.log('\nMost confused pairs (top-1): add distinctive questions to one side, or merge the two.');
  console.log(table(['expected', 'answered as', 'count'], top1.confusions.slice(0, 10).map((c) => [c.expected, c.predicted, c.count])));
  writeReport(config.DATA_DIR, { at: new Date().toISOString(), engine: config.NLU_ENGINE, accuracy: decided.accuracy, confusions: top1.confusions.slice(0, 20) });
  return 0;
});
