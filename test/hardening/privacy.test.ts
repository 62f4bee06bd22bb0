// Issue 10, item 8 (and the linear-time part of 10): privacy on disk. Expired sessions are deleted within a
// minute; after /xoadulieu nothing about the person is in any table or readable in the database files; masking
// catches numbers written with , / _ or zero-width separators, full-width and Arabic-Indic digits; bidi controls go.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parseCommand } from '../../src/conversation/commands.js';
import { createSessionStore, SESSION_TTL_MS } from '../../src/conversation/sessions.js';
import { maskPersonalData } from '../../src/privacy/mask.js';
import { createSqliteStore, SQLITE_FILE } from '../../src/store/store.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { startApp, type RunningApp } from '../support/app.js';

describe('masking', () => {
  it.each([
    ['0912,345,678', '0912345678'],
    ['0912/345/678', '0912345678'],
    ['0912_345_678', '0912345678'],
    ['09\u200B12\u200C345\u200D678', '0912345678'],
    ['０９１２３４５６７８', '０９１２３４５６７８'],
    ['٠٩١٢٣٤٥٦٧٨', '٠٩١٢٣٤٥٦٧٨'],
    ['۰۹۱۲۳۴۵۶۷۸', '۰۹۱۲۳۴۵۶۷۸'],
    ['cccd 0912_3456_7890', '091234567890'],
  ])('"%s" is masked', (input, secret) => {
    const masked = maskPersonalData(`số của tôi ${input} nhé`);
    expect(masked).not.toContain(secret);
    expect(masked).not.toMatch(/\d{6,}/);
    expect(masked).toMatch(/\[(số điện thoại|số định danh|số)\]/);
  });

  it('removes bidi overrides and zero-width characters', () => {
    const masked = maskPersonalData('abc\u202Eedc\u2066x\u2069\u200Fy\uFEFF');
    expect(masked).toBe('abcedcxy');
  });

  it('still finds e-mails; long hostile inputs are handled in one pass (no quadratic regex)', () => {
    expect(maskPersonalData('mail: tran.thi_b+1@so.angiang.gov.vn.')).toBe('mail: [email].');
    expect(maskPersonalData('a@b c@d.vn e@@f.com')).toBe('a@b [email] e@@f.com');
    const hostile = 'a'.repeat(200_000);
    expect(maskPersonalData(hostile)).toBe(hostile);
    expect(maskPersonalData(`${'a.'.repeat(100_000)}@`)).toContain('a.a.');
    expect(maskPersonalData(`${'@a'.repeat(100_000)}`)).toContain('@a@a');
    expect(parseCommand(`/start${'.'.repeat(200_000)}x`)).toBeUndefined();
    expect(parseCommand(`/help${'!'.repeat(200_000)}`)?.name).toBe('help');
  });
});

describe('expired sessions', () => {
  it('are deleted from SQLite within a minute of expiry (fake time)', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const dir = mkdtempSync(join(tmpdir(), 'sessions-'));
    let t = Date.now();
    const store = createSqliteStore(dir, () => t);
    try {
      const sessions = createSessionStore(store.namespace('sessions'));
      await sessions.set('web', 'chat-to-expire', { offered: ['a'], clarified: { text: 'câu hỏi riêng tư', normalized: 'cau hoi', candidates: [] } });
      const rows = () => new Database(join(dir, SQLITE_FILE), { readonly: true }).prepare("SELECT COUNT(*) AS n FROM keyv WHERE key LIKE 'sessions:%'").get() as { n: number };
      expect(rows().n).toBe(1);
      t += SESSION_TTL_MS + 1000; // expired a second ago
      vi.advanceTimersByTime(60_000);
      expect(rows().n).toBe(0);
    } finally {
      vi.useRealTimers();
      await store.close();
    }
  });
});

describe('/xoadulieu', () => {
  const TOKEN = '123456:AAbbCCddEEffGGhhIIjjKKllMMnn';
  const SECRET = 'telegram-webhook-secret-0123456789';
  const ADMIN = 'privacy-admin-token-0123456789';
  const CHAT = 5_550_001_234;
  let api: FakeTelegram;
  let running: RunningApp;
  let updateId = 9000;
  beforeAll(async () => {
    api = await startFakeTelegram();
    running = await startApp({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: api.url, PUBLIC_URL: 'https://x.example.gov.vn', ADMIN_TOKEN: ADMIN, WATCH_KNOWLEDGE: 'false' });
  });
  afterAll(async () => {
    await running?.stop();
    await api?.close();
  });
  async function say(text: string) {
    updateId += 1;
    const before = api.sent(CHAT).length;
    const body = { update_id: updateId, message: { message_id: updateId, date: 1, chat: { id: CHAT, type: 'private' }, from: { id: CHAT, is_bot: false, first_name: 'A' }, text } };
    const response = await fetch(`${running.url}/telegram/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify(body) });
    expect(response.status).toBe(200);
    await api.waitFor(() => api.sent(CHAT).length > before);
  }

  it('leaves nothing about the person in any table, campaign recipients included, nor in the database files', async () => {
    await say('/subscribe');
    await say('mật khẩu mạnh là gì');
    const created = await fetch(`${running.url}/admin/api/campaigns`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Tin', text: { vi: 'Thông báo thử.' } }) });
    const { id } = (await created.json()) as { id: string };
    await expect.poll(async () => ((await (await fetch(`${running.url}/admin/api/campaigns/${id}`, { headers: { authorization: `Bearer ${ADMIN}` } })).json()) as { status: string }).status, { timeout: 20_000 }).toBe('done');
    const file = join(running.dataDir, SQLITE_FILE);
    const mentions = () => {
      const db = new Database(file, { readonly: true });
      try {
        const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
        return tables.flatMap(({ name }) => (db.prepare(`SELECT * FROM "${name}"`).all() as object[]).filter((row) => JSON.stringify(row).includes(String(CHAT))).map(() => name));
      } finally {
        db.close();
      }
    };
    expect(mentions()).toEqual(expect.arrayContaining(['keyv', 'campaign_recipients']));

    await say('/xoadulieu');
    await say('có');
    expect(api.sent(CHAT).at(-1)?.params.text).toMatch(/xóa|xoá/i);
    await running.app.outbox.stop(); // the last reply is delivered and forgotten
    await running.app.store.maintain(); // what the 30-second maintenance does
    expect(mentions()).toEqual([]);
    const files = readdirSync(running.dataDir).filter((f) => f.startsWith(SQLITE_FILE)).map((f) => join(running.dataDir, f));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) if (existsSync(f)) expect(readFileSync(f).includes(Buffer.from(String(CHAT))), f).toBe(false);
  });
});
