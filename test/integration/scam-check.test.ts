// The scam check through the real server on loopback (POST /api/chat, the dashboard API) and the answer CLI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { PROJECT_ROOT } from '../../src/knowledge/paths.js';
import { postJson, startApp, type RunningApp } from '../support/app.js';

const ADMIN = 'admin-token-for-scam-check-tests';
let running: RunningApp;
let session = 0;
beforeAll(async () => {
  running = await startApp({ ADMIN_TOKEN: ADMIN });
});
afterAll(async () => {
  await running?.stop();
});

async function chat(text: string, locale?: 'vi' | 'en') {
  session += 1;
  const { status, json } = await postJson(`${running.url}/api/chat`, { sessionId: `scam-session-${session}`, text, ...(locale ? { locale } : {}) });
  expect(status).toBe(200);
  return json.replies[0];
}

describe('questions that merely mention a number or a link keep their answer', () => {
  it.each([
    ['gọi 113 khi nào', 'cong-an-113'],
    ['113 goi khi nao', 'cong-an-113'],
    ['nhắn tin tới 5656 để làm gì', 'bao-cao-tin-nhan-rac'],
    ['đầu số 156 dùng để làm gì', 'bao-cao-cuoc-goi-lua-dao'],
    ['dichvucong.gov.vn nộp hồ sơ sao', 'dvc-nop-ho-so'],
  ])('"%s" → %s', async (text, intent) => {
    const reply = await chat(text);
    expect(reply.intent).toBe(intent);
    expect(reply.check).toBeUndefined();
  });
});

describe('POST /api/chat returns the check', () => {
  it('a lookalike link: a warning with its signals, intent null, the check and report links', async () => {
    const reply = await chat('link này có phải lừa không https://dichvucong-gov.vn/dang-nhap');
    expect(reply).toMatchObject({ kind: 'answer', intent: null, check: { kind: 'url', verdict: 'warning' } });
    expect(reply.check.signals).toContain('lookalike');
    expect(reply.text).toContain('Cảnh báo');
    expect(reply.links.map((l: { url: string }) => l.url)).toContain('https://tinnhiemmang.vn/website-lua-dao');
    expect(reply.suggestions.length).toBeGreaterThan(0);
  });

  it('an official link is named, in English too', async () => {
    expect((await chat('https://vneid.gov.vn')).check).toEqual({ kind: 'url', verdict: 'official', signals: ['official'] });
    const en = await chat('is this a scam https://dichvucong.gov.vn', 'en');
    expect(en.text).toContain('This is the official address of the National Public Service Portal');
  });

  it('a pasted scam SMS is a message warning', async () => {
    const reply = await chat('Chuc mung quy khach da trung thuong xe SH, lien he 0868123456 de nhan giai, phi thu tuc 500k');
    expect(reply.check).toMatchObject({ kind: 'message', verdict: 'warning' });
    expect(reply.check.signals).toContain('prize-fee');
  });

  it('hostile input gets a sensible reply', async () => {
    for (const text of ['https://bit.ly/x '.repeat(200), `https://vn\u200Beid.gov.vn.example.top ${'\u200B'.repeat(100)}`, 'http://[::1 https://%%% xn--zz.vn']) {
      const reply = await chat(text);
      expect(reply.text.length).toBeGreaterThan(10);
    }
  });
});

describe('the dashboard', () => {
  it('counts checks by verdict and lists flagged domains, never numbers or message text', async () => {
    await chat('Tai khoan VNeID cua ban se bi khoa. Truy cap https://vneid-capnhat.com de xac thuc, goi 0868123456');
    await chat('https://vneid-capnhat.com/login');
    const response = await fetch(`${running.url}/admin/api/stats`, { headers: { authorization: `Bearer ${ADMIN}` } });
    const stats = (await response.json()) as { checks: Record<string, number>; topFlaggedDomains: { domain: string; count: number }[]; totals: { messages: number; answered: number; fallback: number; clarify: number } };
    expect(stats.checks.warning).toBeGreaterThanOrEqual(2);
    expect(stats.checks.official).toBeGreaterThanOrEqual(1);
    expect(stats.topFlaggedDomains).toContainEqual({ domain: 'vneid-capnhat.com', count: 2 });
    expect(stats.totals.messages).toBe(stats.totals.answered + stats.totals.fallback + stats.totals.clarify);
    const body = JSON.stringify(stats);
    expect(body).not.toContain('0868123456');
    expect(body).not.toContain('+84868123456');
    expect(body).not.toContain('xac thuc');
  });
});

describe('npm run --silent answer', () => {
  it('adds "check" to a line that was a check, and only to such lines', () => {
    const input = ['https://bit.ly/3xYz9Qp', 'gọi 113 khi nào', 'số 0868123456 gọi xưng công an'].join('\n');
    const result = spawnSync('npm', ['run', '--silent', 'answer'], { cwd: PROJECT_ROOT, input: `${input}\n`, encoding: 'utf8', timeout: 170_000 });
    expect(result.status).toBe(0);
    const rows = result.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(rows[0]).toMatchObject({ intent: null, check: { kind: 'url', verdict: 'warning', signals: ['shortener'] } });
    expect(rows[1].intent).toBe('cong-an-113');
    expect(rows[1]).not.toHaveProperty('check');
    expect(rows[2]).toMatchObject({ intent: null, check: { kind: 'phone', verdict: 'warning', signals: ['impersonation'] } });
  }, 180_000); // trains the model in a child process: slow on a busy machine
});
