// npm run bench:webhook [-- --seconds 10 --connections 20 --users 5000]
// Telegram webhook throughput: our real server (the compiled dist/main.js, as `npm start` runs it) against a bare
// grammY + fastify echo bot (bench/echo-bot.ts), one after the other on this machine, each in a child process and
// each talking to the same fake Telegram Bot API on loopback. The load is closed-loop: --connections keep-alive
// connections each send the next update as soon as the last one is answered; every update has a fresh update_id and
// a text question from one of --users people (few enough messages each that flood control never speaks).
// Reports requests per second and latency as the sender sees them, plus how long the replies took to be sent after
// the load stopped (ours acknowledges an update once stored and answers from the outbox; the echo bot answers before
// it acknowledges). Prints a table, writes bench/results/webhook.json.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { table } from '../src/cli/table.js';
import { PROJECT_ROOT } from '../src/knowledge/paths.js';
import { freePort } from '../test/support/server-process.js';
import { startFakeTelegram, type FakeTelegram } from '../test/support/fake-telegram.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, warmup: { type: 'string', default: '2' }, connections: { type: 'string', default: '20' }, users: { type: 'string', default: '5000' } } });
const SECONDS = Number(values.seconds);
const WARMUP = Number(values.warmup);
const CONNECTIONS = Number(values.connections);
const USERS = Number(values.users);
const TOKEN = '123456789:bench-token-abcdefghijklmnopqrstuv';
const SECRET = 'bench-webhook-secret-0123456789';
const QUESTIONS = ['cđs là gì', 'vneid là gì', 'làm căn cước online thế nào', 'xin chào', 'nộp hồ sơ dịch vụ công ở đâu'];

interface Run {
  readonly name: string;
  readonly requests: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly non2xx: number;
  readonly errors: number;
  /** Replies (sendMessage) the fake API had received when the load stopped, and how long the rest took. */
  readonly repliedDuringLoad: number;
  readonly drainSeconds: number;
  readonly replies: number;
}

let nextUpdateId = 1;
function update(): string {
  const id = nextUpdateId++;
  const user = 100_000 + (id % USERS);
  const person = { id: user, is_bot: false, first_name: 'Bench' };
  return JSON.stringify({
    update_id: id,
    message: { message_id: id, date: Math.floor(Date.now() / 1000), chat: { id: user, type: 'private', first_name: 'Bench' }, from: person, text: QUESTIONS[id % QUESTIONS.length] },
  });
}

async function startTarget(name: string, args: string[], env: Record<string, string>, fake: FakeTelegram): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []), ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: fake.url, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += String(d)));
  child.stderr.on('data', (d) => (output += String(d)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited:\n${output}`);
    try {
      // Ours sets its webhook once started (its "ready" line is at info level, below the bench's LOG_LEVEL).
      if ((await fetch(`${url}/healthz`)).ok && (/is ready/.test(output) || fake.calls.some((c) => c.method === 'setWebhook'))) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`${name} did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, url };
}

/** Closed loop on CONNECTIONS keep-alive connections for `seconds`; latencies only when `record`. */
async function load(url: string, seconds: number, latencies: number[] | undefined): Promise<{ requests: number; non2xx: number; errors: number }> {
  const pool = new Pool(url, { connections: CONNECTIONS, pipelining: 1 });
  const until = performance.now() + seconds * 1000;
  let requests = 0;
  let non2xx = 0;
  let errors = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        try {
          const response = await pool.request({
            path: '/telegram/webhook',
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
            body: update(),
          });
          await response.body.dump();
          if (response.statusCode < 200 || response.statusCode >= 300) non2xx += 1;
        } catch {
          errors += 1;
        }
        latencies?.push(performance.now() - started);
        requests += 1;
      }
    }),
  );
  await pool.close();
  return { requests, non2xx, errors };
}

const percentile = (sorted: number[], p: number) => Math.round((sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0) * 10) / 10;

async function measure(name: string, args: string[], env: Record<string, string>): Promise<Run> {
  const fake = await startFakeTelegram();
  const { child, url } = await startTarget(name, args, env, fake);
  try {
    await load(url, WARMUP, undefined);
    // Let the warm-up's replies go out before measuring, so they do not count against the measured window.
    await drained(fake, fake.sent().length, 30);
    fake.reset();
    const latencies: number[] = [];
    const started = performance.now();
    const { requests, non2xx, errors } = await load(url, SECONDS, latencies);
    const elapsed = (performance.now() - started) / 1000;
    const repliedDuringLoad = fake.sent().length;
    const drainStarted = performance.now();
    const replies = await drained(fake, requests - non2xx - errors, 60);
    latencies.sort((a, b) => a - b);
    return {
      name,
      requests,
      perSecond: Math.round(requests / elapsed),
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      maxMs: percentile(latencies, 100),
      non2xx,
      errors,
      repliedDuringLoad,
      drainSeconds: Math.round((performance.now() - drainStarted) / 100) / 10,
      replies,
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
    await fake.close();
  }
}

/** Waits until the fake API has received `expected` replies, or they stop coming for 2 s, or `limit` seconds pass. */
async function drained(fake: FakeTelegram, expected: number, limitSeconds: number): Promise<number> {
  const deadline = performance.now() + limitSeconds * 1000;
  let last = -1;
  let still = performance.now();
  for (;;) {
    const now = fake.sent().length;
    if (now >= expected || performance.now() > deadline) return now;
    if (now !== last) {
      last = now;
      still = performance.now();
    } else if (performance.now() - still > 2000) return now;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const build = spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts/build.mjs'), '--if-stale'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

const dataDir = mkdtempSync(join(tmpdir(), 'bench-webhook-'));
const ours = await measure('Trợ lý số (dist/main.js)', [join(PROJECT_ROOT, 'dist/main.js')], {
  PUBLIC_URL: 'https://bench.invalid',
  DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  WATCH_KNOWLEDGE: 'false',
  MODEL_CACHE_DIR: process.env.MODEL_CACHE_DIR ?? 'node_modules/.cache/tro-ly-so-models',
});
rmSync(dataDir, { recursive: true, force: true });
const echo = await measure('grammY + fastify echo bot', ['--import', 'tsx', join(PROJECT_ROOT, 'bench/echo-bot.ts')], {});

const ratio = Math.round((ours.perSecond / echo.perSecond) * 100) / 100;
const p99Ratio = Math.round((ours.p99Ms / echo.p99Ms) * 100) / 100;
console.log(`\nTelegram webhook, ${CONNECTIONS} connections, ${SECONDS} s after ${WARMUP} s warm-up, fresh update_id each request, ${cpus().length} CPUs\n`);
console.log(table(['server', 'req/s', 'p50', 'p99', 'max', 'non-2xx', 'errors', 'replies sent', 'replies after load'], [ours, echo].map((r) => [
  r.name, r.perSecond, `${r.p50Ms} ms`, `${r.p99Ms} ms`, `${r.maxMs} ms`, r.non2xx, r.errors, `${r.replies} of ${r.requests}`, `${r.replies - r.repliedDuringLoad} in ${r.drainSeconds} s`,
])));
console.log(`\nratio (ours / echo): ${ratio}x req/s (target ≥ 0.5), p99 ${p99Ratio}x (target < 2)`);
const result = { connections: CONNECTIONS, seconds: SECONDS, users: USERS, ours, echo, ratio, p99Ratio, node: process.version, cpus: cpus().length, load: (await import('node:os')).loadavg(), date: new Date().toISOString() };
console.log(JSON.stringify(result));
const out = join(PROJECT_ROOT, 'bench/results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'webhook.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log('written: bench/results/webhook.json');
