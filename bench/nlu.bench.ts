// npm run bench: training time for intents/, answer latency p50/p99, answers per second on one core, memory,
// and the scam check's own latency p50/p99 on test/data/scam-checks.jsonl.
// Prints a table and writes bench/results/nlu.json.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/env.js';
import { trainBrain } from '../src/conversation/brain.js';
import { offlineConversation } from '../src/cli/setup.js';
import { loadMessages } from '../src/i18n/messages.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { knowledgePaths, PROJECT_ROOT } from '../src/knowledge/paths.js';
import { createEngine } from '../src/nlu/engines.js';
import { table } from '../src/cli/table.js';
import { check } from '../src/scamcheck/check.js';

const TRAIN_RUNS = 5;
const ROUNDS = 20;

const config = await loadConfig();
const paths = knowledgePaths(config);
const knowledge = loadKnowledge({ intentsDir: paths.intentsDir, localityFile: paths.localityFile, rootDir: PROJECT_ROOT });
const messages = loadMessages(paths.localesDir);

// The scam check alone (it runs on every message before intent matching), measured first so no training garbage
// is collected during it: the labelled links, numbers and SMS, and the held-out questions (most are not checks).
// Wall time includes moments the OS gives the core to another process; CPU time (process.cpuUsage) does not,
// which is the fairer figure on a shared machine. Both are reported, with the load average.
const scamTexts = [
  ...readFileSync(join(PROJECT_ROOT, 'test/data/scam-checks.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { text: string }).text),
  ...readFileSync(join(PROJECT_ROOT, 'test/data/questions.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { text: string }).text),
];
const checkWall: number[] = [];
const checkCpu: number[] = [];
for (const text of scamTexts) check(text, knowledge.scamRules!); // warm-up
for (let round = 0; round < ROUNDS; round += 1) {
  for (const text of scamTexts) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    check(text, knowledge.scamRules!);
    checkWall.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    checkCpu.push((used.user + used.system) / 1000);
  }
}
const loadAverage = loadavg()[0]!;

const trainTimes: number[] = [];
let brain = await trainBrain(knowledge, await createEngine(config.NLU_ENGINE));
for (let i = 0; i < TRAIN_RUNS; i += 1) {
  const start = performance.now();
  brain = await trainBrain(knowledge, await createEngine(config.NLU_ENGINE));
  trainTimes.push(performance.now() - start);
}

const questions = readFileSync(join(PROJECT_ROOT, 'test/data/questions.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { text: string }).text);
const current = brain;
const conversation = offlineConversation(current, messages);
for (const text of questions) await conversation.handle({ channel: 'bench', userId: 'warm', chatId: 'warm', text, canPush: false }); // warm-up

const latencies: number[] = [];
const answerCpu: number[] = [];
const wallStart = performance.now();
for (let round = 0; round < ROUNDS; round += 1) {
  for (const [i, text] of questions.entries()) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await conversation.handle({ channel: 'bench', userId: `c${i}`, chatId: `c${i}`, text, canPush: false });
    latencies.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    answerCpu.push((used.user + used.system) / 1000);
  }
}
const wallMs = performance.now() - wallStart;

const memory = process.memoryUsage();

const sorted = [...latencies].sort((a, b) => a - b);
const pctOf = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const pct = (p: number) => pctOf(sorted, p);
const wallSorted = [...checkWall].sort((a, b) => a - b);
const cpuSorted = [...checkCpu].sort((a, b) => a - b);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const results = {
  engine: config.NLU_ENGINE,
  intents: knowledge.intents.size,
  trainingExamples: [...knowledge.intents.values()].reduce((n, i) => n + i.utterances.vi.length + i.utterances.en.length, 0) + knowledge.outOfScope.length,
  trainMsMedian: round(median(trainTimes)),
  trainMsMax: round(Math.max(...trainTimes)),
  answers: latencies.length,
  answerMsP50: round(pct(50), 3),
  answerMsP99: round(pct(99), 3),
  answerMsMax: round(sorted[sorted.length - 1]!, 3),
  answerCpuMsP50: round(pctOf([...answerCpu].sort((a, b) => a - b), 50), 3),
  answerCpuMsP99: round(pctOf([...answerCpu].sort((a, b) => a - b), 99), 3),
  answersPerSecond: Math.round(latencies.length / (wallMs / 1000)),
  scamChecks: checkWall.length,
  scamCheckMsP50: round(pctOf(wallSorted, 50), 3),
  scamCheckMsP99: round(pctOf(wallSorted, 99), 3),
  scamCheckMsMax: round(wallSorted[wallSorted.length - 1]!, 3),
  scamCheckCpuMsP50: round(pctOf(cpuSorted, 50), 3),
  scamCheckCpuMsP99: round(pctOf(cpuSorted, 99), 3),
  loadAverage: round(loadAverage, 2),
  rssMB: round(memory.rss / 2 ** 20),
  heapUsedMB: round(memory.heapUsed / 2 ** 20),
  node: process.version,
  date: new Date().toISOString(),
};

console.log(table(['measure', 'value'], [
  ['engine', results.engine],
  ['intents / training examples', `${results.intents} / ${results.trainingExamples}`],
  [`training time (median of ${TRAIN_RUNS})`, `${results.trainMsMedian} ms (max ${results.trainMsMax} ms)`],
  ['answers measured', results.answers],
  ['answer latency p50', `${results.answerMsP50} ms`],
  ['answer latency p99', `${results.answerMsP99} ms`],
  ['answer CPU time p50 / p99', `${results.answerCpuMsP50} ms / ${results.answerCpuMsP99} ms`],
  ['answers per second (one core)', results.answersPerSecond],
  ['scam check latency p50 / p99 (wall)', `${results.scamCheckMsP50} ms / ${results.scamCheckMsP99} ms (${results.scamChecks} checks, target p99 < 2 ms)`],
  ['scam check CPU time p50 / p99', `${results.scamCheckCpuMsP50} ms / ${results.scamCheckCpuMsP99} ms`],
  ['machine load average (1 min)', results.loadAverage],
  ['process memory (RSS / heap used)', `${results.rssMB} MB / ${results.heapUsedMB} MB`],
]));
const out = join(PROJECT_ROOT, 'bench/results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'nlu.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwritten: bench/results/nlu.json`);

function round(x: number, digits = 1): number {
  return Math.round(x * 10 ** digits) / 10 ** digits;
}
