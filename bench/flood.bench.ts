// npm run bench:flood [-- --questions 10000 --rate 50 | --rate 0 --concurrency 16]
// The inbox flood from issue 10: N distinct nonsense questions from N new web sessions (each from its own address
// behind a trusted proxy, so the per-address caps do not stop it), against the real server (src/main.ts) in a child
// process. Open loop by default: questions arrive at --rate per second whatever the answers do (as from many
// people); --rate 0 sends them closed-loop, --concurrency at a time, as fast as the server answers. Measures the fallback latency at the start and at the end of the flood, /healthz latency throughout
// (probed every 20 ms), the rate, and the inbox groups kept. Prints a table, writes bench/results/flood.json.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { table } from '../src/cli/table.js';
import { PROJECT_ROOT } from '../src/knowledge/paths.js';

const { values } = parseArgs({ options: { questions: { type: 'string', default: '10000' }, rate: { type: 'string', default: '50' }, concurrency: { type: 'string', default: '16' }, 'max-groups': { type: 'string', default: '5000' } } });
const QUESTIONS = Number(values.questions);
const RATE = Number(values.rate);
const CONCURRENCY = Number(values.concurrency);
const ADMIN = 'bench-admin-token-0123456789';

const port = await new Promise<number>((resolve) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => {
    const p = (s.address() as { port: number }).port;
    s.close(() => resolve(p));
  });
});
const dataDir = mkdtempSync(join(tmpdir(), 'bench-flood-'));
const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/main.ts')], {
  cwd: PROJECT_ROOT,
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', WATCH_KNOWLEDGE: 'false', TRUST_PROXY: 'true', ADMIN_TOKEN: ADMIN, INBOX_MAX_GROUPS: values['max-groups'] },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
child.stdout.on('data', (d) => (output += String(d)));
child.stderr.on('data', (d) => (output += String(d)));
const url = `http://127.0.0.1:${port}`;
for (;;) {
  if (child.exitCode !== null) throw new Error(`server exited:\n${output}`);
  try {
    if ((await fetch(`${url}/healthz`)).ok) break;
  } catch {
    /* not yet */
  }
  await new Promise((r) => setTimeout(r, 200));
}

const syllables = ['zor', 'plu', 'vex', 'qua', 'mib', 'tral', 'kon', 'dwe', 'fyx', 'glo', 'hur', 'jat', 'lum', 'nep', 'osk', 'prw'];
const word = (n: number) => `${syllables[n % 16]}${syllables[Math.floor(n / 16) % 16]}${n.toString(36)}`;
const question = (i: number) => `${word(i * 7 + 1)} ${word(i * 13 + 2)} ${word(i * 17 + 3)} ${word(i)} la gi`;
const address = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

const chatMs: number[] = [];
const kinds = new Map<string, number>();
let failures = 0;
const healthMs: number[] = [];
let probing = true;
const prober = (async () => {
  while (probing) {
    const t = performance.now();
    const r = await fetch(`${url}/healthz`);
    await r.text();
    healthMs.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 20));
  }
})();

const started = performance.now();
let next = 0;
async function ask(i: number): Promise<void> {
      const t = performance.now();
      const response = await fetch(`${url}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address(i + 1) },
        body: JSON.stringify({ sessionId: `flood-session-${i.toString(36).padStart(6, '0')}`, text: question(i) }),
      });
      const body = (await response.json()) as { replies?: { kind: string }[] };
      chatMs[i] = performance.now() - t;
      if (!response.ok) failures += 1;
      const kind = body.replies?.[0]?.kind ?? `http ${response.status}`;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
}
if (RATE > 0) {
  const pending: Promise<void>[] = [];
  for (let i = 0; i < QUESTIONS; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(ask(i));
  }
  await Promise.all(pending);
} else {
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < QUESTIONS; i = next++) await ask(i);
    }),
  );
}
const seconds = (performance.now() - started) / 1000;
probing = false;
await prober;
const inbox = (await (await fetch(`${url}/admin/api/inbox?status=all`, { headers: { authorization: `Bearer ${ADMIN}` } })).json()) as { groups: unknown[] };
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
rmSync(dataDir, { recursive: true, force: true });

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round((s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0) * 10) / 10;
};
const window = Math.min(1000, Math.floor(QUESTIONS / 10));
const first = chatMs.slice(0, window);
const last = chatMs.slice(-window);
const result = {
  questions: QUESTIONS,
  mode: RATE > 0 ? `open loop, ${RATE}/s` : `closed loop, concurrency ${CONCURRENCY}`,
  seconds: Math.round(seconds * 10) / 10,
  perSecond: Math.round(QUESTIONS / seconds),
  replyKinds: Object.fromEntries(kinds),
  httpFailures: failures,
  fallbackFirstP50Ms: pct(first, 50),
  fallbackFirstP99Ms: pct(first, 99),
  fallbackLastP50Ms: pct(last, 50),
  fallbackLastP99Ms: pct(last, 99),
  healthzProbes: healthMs.length,
  healthzP50Ms: pct(healthMs, 50),
  healthzP99Ms: pct(healthMs, 99),
  healthzMaxMs: pct(healthMs, 100),
  inboxGroupsKept: inbox.groups.length,
  maxGroups: Number(values['max-groups']),
};
console.log(table(['measure', 'value'], [
  ['questions (distinct, each from a new session and address)', `${QUESTIONS}, ${result.mode}`],
  ['replies', Object.entries(result.replyKinds).map(([k, n]) => `${k} ${n}`).join(', ')],
  ['rate', `${result.perSecond}/s over ${result.seconds} s`],
  [`fallback latency, first ${window}: p50 / p99`, `${result.fallbackFirstP50Ms} ms / ${result.fallbackFirstP99Ms} ms`],
  [`fallback latency, last ${window}: p50 / p99`, `${result.fallbackLastP50Ms} ms / ${result.fallbackLastP99Ms} ms`],
  ['/healthz throughout: p50 / p99 / max', `${result.healthzP50Ms} ms / ${result.healthzP99Ms} ms / ${result.healthzMaxMs} ms (${result.healthzProbes} probes)`],
  ['inbox groups kept (INBOX_MAX_GROUPS)', `${result.inboxGroupsKept} (${result.maxGroups})`],
]));
const out = join(PROJECT_ROOT, 'bench/results');
mkdirSync(out, { recursive: true });
const outFile = RATE > 0 ? 'flood.json' : 'flood-closed-loop.json';
writeFileSync(join(out, outFile), `${JSON.stringify({ ...result, node: process.version, cpus: (await import('node:os')).cpus().length, date: new Date().toISOString() }, null, 2)}\n`);
console.log(`\nwritten: bench/results/${outFile}`);
