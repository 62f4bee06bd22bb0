// Issue 10, item 5: a reload under load does not freeze the server. The real server (src/main.ts) runs in its own
// process; while questions and health probes arrive at a steady rate on loopback, the knowledge is reloaded, or an
// inbox action is checked against the whole knowledge. Every request that overlaps that window is measured: /healthz
// and /api/chat p99 stay under 100 ms.
// What runs on the main thread during a reload (reading, parsing and validating the files, preparing the examples,
// loading the model) is exercised here in full; the retraining itself runs on a worker thread and takes the
// shipped knowledge 10-40 s on this machine, too long for a test: `npm run bench:reload` measures an inbox add
// with a real retrain the same way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { setPriority, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../../src/knowledge/paths.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';

const ADMIN = 'reload-load-admin-token-0123456789';
/** One chat question and one health probe every this many ms, whatever the answers do (open loop). */
const INTERVAL_MS = 20;
/** Actions are repeated for at least this long: a few hundred samples of each kind. */
const WINDOW_MS = 3000;
/** Above the niced test jobs sharing the machine (see beforeAll). */
const PRIORITY = -5;
const QUESTIONS = ['mật khẩu mạnh là gì', 'làm sao đăng ký VNeID', 'xin chào', 'bị lừa chuyển tiền thì làm gì', 'nộp hồ sơ online ở đâu'];

let server: ServerProcess;
let intentsDir: string;
const temp: string[] = [];
const ENABLED = process.env.TIMING_TESTS === '1';
beforeAll(async () => {
  if (!ENABLED) return;
  intentsDir = mkdtempSync(join(tmpdir(), 'reload-intents-'));
  cpSync(join(PROJECT_ROOT, 'intents'), intentsDir, { recursive: true });
  // A cache of its own, seeded with the shared one (a quick start), so this test's new model never pushes the shipped
  // one out of the shared cache.
  const cacheDir = mkdtempSync(join(tmpdir(), 'reload-models-'));
  const shared = process.env.MODEL_CACHE_DIR ? resolve(PROJECT_ROOT, process.env.MODEL_CACHE_DIR) : undefined;
  if (shared && existsSync(shared)) cpSync(shared, cacheDir, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'reload-data-'));
  temp.push(intentsDir, cacheDir, dataDir);
  server = await startServerProcess({ ADMIN_TOKEN: ADMIN, INTENTS_DIR: intentsDir, MODEL_CACHE_DIR: cacheDir, DATA_DIR: dataDir, WATCH_KNOWLEDGE: 'false' });
  // The machine is shared with other jobs: where permitted, the server's main thread and this load generator run ahead
  // of them, so what is measured is the server, not the neighbours. (The reload's worker thread lowers its own
  // priority; a reload that blocked the main thread would show here whatever the priorities.)
  for (const pid of [server.child.pid!, process.pid]) {
    try {
      setPriority(pid, PRIORITY);
    } catch {
      // Not permitted (an ordinary user): measured at the inherited priority.
    }
  }
  // The worker thread that reloads loads its code at its first job (seconds under tsx, on that thread): done here,
  // so the tests' windows hold the reloads themselves.
  expect((await admin('POST', '/reload')).json.ok).toBe(true);
}, 150_000);
afterAll(async () => {
  if (!ENABLED) return;
  await server?.kill();
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});

interface Sample {
  readonly start: number;
  readonly end: number;
  readonly ok: boolean;
}

async function timed(request: () => Promise<Response>): Promise<Sample> {
  const start = performance.now();
  try {
    const response = await request();
    await response.arrayBuffer();
    return { start, end: performance.now(), ok: response.ok };
  } catch {
    return { start, end: performance.now(), ok: false };
  }
}

/** Fires one request of each kind every INTERVAL_MS until stopped; resolves with every sample once all have ended. */
function steadyLoad(url: string) {
  const chat: Promise<Sample>[] = [];
  const health: Promise<Sample>[] = [];
  let n = 0;
  const timer = setInterval(() => {
    n += 1;
    const body = JSON.stringify({ sessionId: `reload-load-${n % 20}`, text: QUESTIONS[n % QUESTIONS.length] });
    chat.push(timed(() => fetch(`${url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })));
    health.push(timed(() => fetch(`${url}/healthz`)));
  }, INTERVAL_MS);
  return async () => {
    clearInterval(timer);
    return { chat: await Promise.all(chat), health: await Promise.all(health) };
  };
}

function p99(samples: readonly Sample[]): number {
  const ms = samples.map((s) => s.end - s.start).sort((a, b) => a - b);
  return ms[Math.min(ms.length - 1, Math.ceil(ms.length * 0.99) - 1)]!;
}

async function admin(method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}/admin/api${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

interface Figures {
  readonly ms: number;
  readonly actions: number;
  readonly chat: { readonly n: number; readonly p99: number };
  readonly healthz: { readonly n: number; readonly p99: number };
}

/** Repeats `action` for at least WINDOW_MS under steady load; the p99s of the requests that overlap that window. */
async function underLoad(action: () => Promise<void>): Promise<Figures> {
  const stop = steadyLoad(server.url);
  await new Promise((r) => setTimeout(r, 500)); // the load is steady before the window opens
  const windowStart = performance.now();
  let actions = 0;
  do {
    await action();
    actions += 1;
  } while (performance.now() - windowStart < WINDOW_MS);
  const windowEnd = performance.now();
  await new Promise((r) => setTimeout(r, 100));
  const { chat, health } = await stop();
  // Only what overlaps the window counts: before and after it the server is idle and fast anyway.
  const during = (samples: Sample[]) => samples.filter((s) => s.end >= windowStart && s.start <= windowEnd);
  const chatDuring = during(chat);
  const healthDuring = during(health);
  expect(chatDuring.length).toBeGreaterThanOrEqual(100); // enough samples for a p99 to mean something
  expect(healthDuring.length).toBeGreaterThanOrEqual(100);
  expect([...chatDuring, ...healthDuring].every((s) => s.ok)).toBe(true);
  return { ms: Math.round(windowEnd - windowStart), actions, chat: { n: chatDuring.length, p99: Math.round(p99(chatDuring)) }, healthz: { n: healthDuring.length, p99: Math.round(p99(healthDuring)) } };
}

/**
 * p99 under 100 ms during the window. A shared 2-core machine can spoil that on its own (other jobs' bursts), so
 * when it is missed the same load is measured without the action, and the action may add at most 100 ms to that
 * p99. Blocking the event loop for a few hundred milliseconds fails either way (the reload this replaced, parsing
 * and loading on the main thread, held requests 1.8 to 3.9 s).
 */
async function expectResponsive(figures: Figures): Promise<void> {
  const worst = Math.max(figures.chat.p99, figures.healthz.p99);
  if (worst < 100) return;
  const idle = await underLoad(() => new Promise((r) => setTimeout(r, 100)));
  const idleWorst = Math.max(idle.chat.p99, idle.healthz.p99);
  console.log(`the same load without it: ${JSON.stringify(idle)}`);
  expect(worst, `p99 ${worst} ms during, ${idleWorst} ms without`).toBeLessThan(idleWorst + 100);
}

async function groupFor(question: string): Promise<string> {
  await fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sessionId: `asker-${question.length}`, text: question }) });
  const group = ((await admin('GET', '/inbox')).json.groups as { id: string; examples: string[] }[]).find((g) => g.examples.includes(question));
  expect(group).toBeDefined();
  return group!.id;
}

// A latency bound measured on a shared 2-core machine fails or passes with the neighbours' load (5 of 11 runs passed
// while other jobs ran), so it is not part of `npm test`: run it on a quiet machine with `npm run test:timing`.
describe.runIf(ENABLED)('a reload under load', () => {
  it('knowledge changed on disk, then POST /admin/api/reload: /healthz and /api/chat p99 under 100 ms meanwhile', async () => {
    const file = join(intentsDir, 'dich-vu-cong.yaml');
    const original = readFileSync(file, 'utf8');
    const reloadsBefore = (await admin('GET', '/knowledge')).json.reloads as number;
    let stamp = '';
    const figures = await underLoad(async () => {
      // New wording every time, so the knowledge is parsed and validated anew (the questions, hence the model, stay).
      stamp = `phiên bản ${Date.now().toString(36)}`;
      writeFileSync(file, original.replace('là trang web chính thức', `là trang web chính thức (${stamp})`));
      const reload = await admin('POST', '/reload');
      expect(reload.status).toBe(200);
      expect(reload.json.ok).toBe(true);
    });
    console.log(`reload under load: ${JSON.stringify(figures)}`);
    expect((await admin('GET', '/knowledge')).json.reloads).toBe(reloadsBefore + figures.actions);
    const answer = await fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sessionId: 'after-reload', text: 'cổng dịch vụ công quốc gia là gì' }) });
    expect(JSON.stringify(await answer.json())).toContain(stamp);
    await expectResponsive(figures);
  });

  it('an inbox action checked against the whole knowledge (refused: the question belongs to another intent): p99 under 100 ms meanwhile', async () => {
    const group = await groupFor(`qwzx plorb vantrex ${Date.now().toString(36)}`);
    const figures = await underLoad(async () => {
      const refused = await admin('POST', `/inbox/${group}/add`, { intent: 'dvc-thu-tuc-khac', text: 'cho hỏi cổng dịch vụ công quốc gia dùng để làm gì' });
      expect(refused.status).toBe(400);
    });
    console.log(`inbox check under load: ${JSON.stringify(figures)}`);
    await expectResponsive(figures);
  });
});
