// npm run bench:broadcast [-- --recipients 100000]
// A campaign to N subscribers against a fake Telegram API that allows 1,000 messages/s (429 beyond), with the
// campaign limit at 500/s: achieved rate as a fraction of the limit, time to first message, peak memory; then
// the limit at 25/s over 30 s; and citizens' reply latency (webhook in → reply at the API) while it sends.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { createApp, type App } from '../src/app.js';
import { parseConfig } from '../src/config/env.js';
import { PROJECT_ROOT } from '../src/knowledge/paths.js';
import { table } from '../src/cli/table.js';

const { values } = parseArgs({ options: { recipients: { type: 'string', default: '100000' }, 'slow-seconds': { type: 'string', default: '30' } } });
const RECIPIENTS = Number(values.recipients);
const SLOW_SECONDS = Number(values['slow-seconds']);
const API_LIMIT = 1000;
const SECRET = 'bench-webhook-secret-0123456789';
const CITIZEN_BASE = 9_000_000;

/** A fake Bot API: sendMessage allowed API_LIMIT times per rolling second, 429 with retry_after beyond. */
function startFakeApi() {
  const stamps: number[] = [];
  const received: { chat: number; at: number }[] = [];
  let rejected = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const method = req.url!.split('/').pop();
      const params = body ? (JSON.parse(body) as { chat_id?: string | number }) : {};
      res.setHeader('content-type', 'application/json');
      if (method === 'sendMessage') {
        const now = performance.now();
        while (stamps.length && now - stamps[0]! > 1000) stamps.shift();
        if (stamps.length >= API_LIMIT) {
          rejected += 1;
          res.statusCode = 429;
          return res.end(JSON.stringify({ ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } }));
        }
        stamps.push(now);
        received.push({ chat: Number(params.chat_id), at: now });
        return res.end(JSON.stringify({ ok: true, result: { message_id: received.length, date: 0, chat: { id: params.chat_id, type: 'private' }, text: '' } }));
      }
      if (method === 'getMe') return res.end(JSON.stringify({ ok: true, result: { id: 1, is_bot: true, first_name: 'Bench', username: 'bench_bot' } }));
      res.end(JSON.stringify({ ok: true, result: true }));
    });
  });
  return new Promise<{ url: string; received: typeof received; rejected: () => number; close: () => Promise<void> }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${port}`, received, rejected: () => rejected, close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }) });
    });
  });
}

async function startBenchApp(apiUrl: string, rate: number, dataDir: string): Promise<{ app: App; url: string }> {
  const config = parseConfig({
    PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ADMIN_TOKEN: 'bench-admin-token-0123456789',
    TELEGRAM_BOT_TOKEN: '123456:AAbbCCddEEffGGhhIIjjKKllMMnn', TELEGRAM_API_ROOT: apiUrl, TELEGRAM_WEBHOOK_SECRET: SECRET,
    PUBLIC_URL: 'https://bench.example.gov.vn', TELEGRAM_BROADCAST_RATE: String(rate),
  });
  const app = await createApp(config, { logger: pino({ level: 'silent' }), flood: { limit: 1_000_000, windowMs: 1000 } });
  const url = await app.server.listen({ port: 0, host: '127.0.0.1' });
  await app.start();
  return { app, url };
}

async function seed(app: App, n: number): Promise<void> {
  for (let i = 0; i < n; i += 1) {
    const id = String(1_000_000 + i);
    await app.users.save({ channel: 'telegram', userId: id, chatId: id, locale: 'vi', subscriptions: { chung: 1 }, lastSeen: 1, active: true });
  }
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

async function fullRun() {
  const api = await startFakeApi();
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-broadcast-'));
  const { app, url } = await startBenchApp(api.url, 500, dataDir);
  const seedStart = performance.now();
  await seed(app, RECIPIENTS);
  const seedMs = performance.now() - seedStart;

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const created = performance.now();
  const campaign = await app.campaigns.create({ title: 'Bench', text: { vi: 'Thông báo thử tải.' } }, 'bench');

  // Citizens keep writing while the campaign sends: 20 questions a second, each from its own chat.
  const latencies: number[] = [];
  let update = 1;
  let citizens = 0;
  const asking = setInterval(() => {
    const chat = CITIZEN_BASE + (citizens += 1);
    const sentAt = performance.now();
    void fetch(`${url}/telegram/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: JSON.stringify({ update_id: (update += 1), message: { message_id: 1, date: 1, chat: { id: chat, type: 'private' }, from: { id: chat, is_bot: false, first_name: 'D' }, text: 'vneid là gì' } }),
    }).then(async () => {
      for (let i = 0; i < 500; i += 1) {
        const hit = api.received.find((r) => r.chat === chat);
        if (hit) return latencies.push(hit.at - sentAt);
        await new Promise((r) => setTimeout(r, 2));
      }
    });
  }, 50);

  for (;;) {
    const s = await app.campaigns.summary(campaign.id);
    if (s.status === 'done') break;
    await new Promise((r) => setTimeout(r, 250));
  }
  clearInterval(asking);
  clearInterval(sampler);
  await new Promise((r) => setTimeout(r, 300));
  const campaignSends = api.received.filter((r) => r.chat < CITIZEN_BASE);
  const first = campaignSends[0]!.at;
  const last = campaignSends.at(-1)!.at;
  const summary = await app.campaigns.summary(campaign.id);
  await app.close();
  await api.close();
  rmSync(dataDir, { recursive: true, force: true });
  const rate = (campaignSends.length - 1) / ((last - first) / 1000);
  return {
    recipients: RECIPIENTS, seedMs: Math.round(seedMs), sent: summary.sent, failed: summary.failed,
    achievedPerSecond: Math.round(rate * 10) / 10, fractionOfLimit: Math.round((rate / 500) * 1000) / 1000,
    timeToFirstMessageMs: Math.round(first - created), durationS: Math.round((last - first) / 100) / 10,
    api429: api.rejected(), peakRssMB: Math.round(peakRss / 2 ** 20),
    citizenReplies: latencies.length, replyP50Ms: Math.round(percentile(latencies, 50) * 10) / 10, replyP99Ms: Math.round(percentile(latencies, 99) * 10) / 10,
  };
}

async function slowRun() {
  const api = await startFakeApi();
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-broadcast-'));
  const { app } = await startBenchApp(api.url, 25, dataDir);
  await seed(app, 25 * SLOW_SECONDS * 2);
  await app.campaigns.create({ title: 'Slow', text: { vi: 'Chậm.' } }, 'bench');
  while (api.received.length === 0) await new Promise((r) => setTimeout(r, 5));
  const start = api.received[0]!.at;
  await new Promise((r) => setTimeout(r, SLOW_SECONDS * 1000));
  const inWindow = api.received.filter((r) => r.at - start < SLOW_SECONDS * 1000).length;
  await app.close();
  await api.close();
  rmSync(dataDir, { recursive: true, force: true });
  return { windowS: SLOW_SECONDS, sent: inWindow, achievedPerSecond: Math.round((inWindow / SLOW_SECONDS) * 100) / 100, fractionOfLimit: Math.round((inWindow / SLOW_SECONDS / 25) * 1000) / 1000 };
}

const full = await fullRun();
const slow = await slowRun();
console.log(table(['measure', 'value'], [
  ['recipients (Telegram, fake API allows 1,000/s)', full.recipients],
  ['campaign limit', '500/s'],
  ['achieved rate', `${full.achievedPerSecond}/s = ${full.fractionOfLimit} of the limit`],
  ['time to first message', `${full.timeToFirstMessageMs} ms`],
  ['campaign duration', `${full.durationS} s`],
  ['sent / failed', `${full.sent} / ${full.failed}`],
  ['429 answers from the API', full.api429],
  ['peak memory (RSS)', `${full.peakRssMB} MB`],
  ['citizens\' replies during the campaign', full.citizenReplies],
  ['reply latency p50 / p99 (webhook in → API)', `${full.replyP50Ms} ms / ${full.replyP99Ms} ms`],
  [`limit 25/s over ${slow.windowS} s`, `${slow.sent} sent = ${slow.achievedPerSecond}/s = ${slow.fractionOfLimit} of the limit`],
]));
const out = join(PROJECT_ROOT, 'bench/results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'broadcast.json'), `${JSON.stringify({ full, slow, node: process.version, date: new Date().toISOString() }, null, 2)}\n`);
console.log('\nwritten: bench/results/broadcast.json');
