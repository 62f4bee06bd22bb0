// Issue 13, "Done when", in real headless Chromium at desktop and 390 px: sign in, compose and see the audience per
// channel, be refused a campaign to nobody in Vietnamese, send one, try a question, fix an answer from a 👎 in the
// inbox and see the bot use it without a restart, read the content health page and the titled charts. Every tab is
// screenshot (test-results/console/) and checked for horizontal overflow; then the pages and the broadcast tool's
// errors are scanned for English words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../src/knowledge/paths.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { postJson, startApp, type RunningApp } from '../support/app.js';
import { browserAvailable, launchBrowser } from '../support/browser.js';
import { copyIntents, englishWords } from '../support/console.js';
import { seedSubscribers } from '../support/subscribers.js';

const available = browserAvailable();
const TOKEN = 'console-browser-token-0123456789';
const SHOTS = join(PROJECT_ROOT, 'test-results', 'console');
const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;
/** Questions whose answers citizens rated 👎: one fixed from each viewport. */
const DISLIKED = ['tra cứu hồ sơ đã nộp ở đâu', 'vneid là gì'];
let telegram: FakeTelegram;
let running: RunningApp;
let browser: Browser;

beforeAll(async () => {
  if (!available) return;
  mkdirSync(SHOTS, { recursive: true });
  telegram = await startFakeTelegram();
  running = await startApp({ ADMIN_TOKEN: TOKEN, INTENTS_DIR: copyIntents(), TELEGRAM_BOT_TOKEN: '123456:AAbbCCddEEffGGhhIIjjKKllMMnn', TELEGRAM_API_ROOT: telegram.url });
  await seedSubscribers(running.app.users, { telegram: 3, zalo: 0 });
  for (const [i, text] of DISLIKED.entries()) {
    const session = `disliked-user-${i}`;
    const answer = await postJson(`${running.url}/api/chat`, { sessionId: session, text });
    await postJson(`${running.url}/api/chat`, { sessionId: session, choice: answer.json.replies[0].feedback.down });
  }
  await postJson(`${running.url}/api/chat`, { sessionId: 'unanswered-user', text: 'giá vàng hôm nay bao nhiêu' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await running?.stop();
  await telegram?.close();
});

async function openTab(page: Page, name: RegExp | string): Promise<void> {
  await page.locator('nav.tabs').getByRole('button', { name }).click();
}

/** A screenshot of the page as it is, and no horizontal scrolling at this width. */
async function shotAndFit(page: Page, viewport: string, tab: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${viewport}-${tab}.png`), fullPage: true });
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${viewport} ${tab}: page wider than the window`).toBeLessThanOrEqual(innerWidth);
}

/** What a person reads on the page: visible text, placeholders, labels for screen readers, the title. */
async function readableText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const attributes = [...document.querySelectorAll('[placeholder], [aria-label], [title]')].flatMap((el) => ['placeholder', 'aria-label', 'title'].map((a) => el.getAttribute(a) ?? ''));
    return [document.title, document.body.innerText, ...attributes].join('\n');
  });
}

describe.skipIf(!available)('the console in Chromium, desktop and 390 px', () => {
  for (const [index, viewport] of VIEWPORTS.entries()) {
    it(`${viewport.name}: compose with the audience per channel, refusal of nobody, try a question, fix a 👎 answer live, charts`, async () => {
      const context = await browser.newContext({ viewport, locale: 'vi-VN' });
      const page = await context.newPage();
      page.setDefaultTimeout(8000);
      page.on('pageerror', (error) => console.error(`page error (${viewport.name}):`, error.message));
      await page.goto(`${running.url}/admin`);
      await page.getByLabel('Mã quản trị (ADMIN_TOKEN)').fill(TOKEN);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.locator('#console').waitFor();

      // Compose: the audience per channel before sending.
      await page.getByLabel('Tiêu đề (chỉ cán bộ thấy)').fill(`Thông báo thử (${viewport.name})`);
      await page.getByLabel('Nội dung tiếng Việt').fill('Không cung cấp mã OTP cho bất kỳ ai.');
      await expect.poll(() => page.locator('#audience-count').innerText()).toBe('3');
      expect(await page.locator('#audience-channels').innerText()).toContain('Telegram: 3');
      await expect.poll(() => page.locator('#previews').innerText()).toContain('Không cung cấp mã OTP');

      // Nobody subscribed to this topic: the send button is off and the reason is said in Vietnamese.
      await page.getByLabel('Tin địa phương').check();
      await expect.poll(() => page.locator('#audience-refusal').innerText()).toBe('Không gửi được: chưa có ai đăng ký nhận tin dia-phuong trên các kênh đã chọn (0 người nhận).');
      expect(await page.locator('#send').isDisabled()).toBe(true);
      // Saved as a draft, it cannot be started either: the server refuses, in Vietnamese.
      await page.getByRole('button', { name: 'Lưu nháp' }).click();
      const draft = page.locator('#campaigns li.campaign[data-status="draft"]').first();
      await draft.getByRole('button', { name: 'Gửi', exact: true }).click();
      await expect.poll(() => draft.locator('.error').innerText()).toContain('Không gửi được: chưa có ai đăng ký');
      await shotAndFit(page, viewport.name, 'thong-bao-tu-choi');

      // To everyone: sent, and the finished campaign reads in words.
      await page.getByLabel('Tiêu đề (chỉ cán bộ thấy)').fill(`Thông báo thật (${viewport.name})`);
      await page.getByLabel('Nội dung tiếng Việt').fill('Cảnh giác lừa đảo qua mạng.');
      await expect.poll(() => page.locator('#audience-count').innerText()).toBe('3');
      await page.getByRole('button', { name: 'Gửi…' }).click();
      expect(await page.locator('#confirm-text').innerText()).toContain('tới 3 người');
      await page.getByRole('button', { name: 'Xác nhận gửi' }).click();
      const sent = page.locator('#campaigns li.campaign', { hasText: `Thông báo thật (${viewport.name})` });
      await expect.poll(() => sent.getAttribute('data-status'), { timeout: 10_000 }).toBe('done');
      expect(await sent.locator('.counts').innerText()).toBe('Đã gửi xong: 3 người nhận, 0 đã chặn bot, 0 lỗi');
      await shotAndFit(page, viewport.name, 'thong-bao');

      // "Thử câu hỏi".
      await openTab(page, 'Thử câu hỏi');
      await page.getByLabel('Câu hỏi', { exact: true }).fill('vneid la gi vay ad');
      await page.getByRole('button', { name: 'Thử', exact: true }).click();
      await page.locator('#try-result .decision').waitFor();
      expect(await page.locator('#try-result .decision').getAttribute('data-decision')).toBe('answer');
      expect(await page.locator('#try-result ol.top li').count()).toBe(3);
      expect(await page.locator('#try-result code.normalized').innerText()).toContain('vneid');
      expect(await page.locator('#try-result').innerText()).toContain('Trả lời sẽ gửi: Telegram');
      await shotAndFit(page, viewport.name, 'thu-cau-hoi');

      // A 👎 in the inbox: fix the answer, preview it unsaved, save it; the bot answers with it at once.
      await openTab(page, /Câu hỏi chưa trả lời/);
      const disliked = page.locator('#inbox li', { hasText: 'người hỏi bấm 👎' }).filter({ hasText: DISLIKED[index]! });
      await disliked.getByRole('button', { name: /^Sửa câu trả lời của/ }).click();
      const editor = disliked.locator('form.edit-answer-form');
      const fixed = `Câu trả lời đã sửa từ bảng điều khiển (${viewport.name}).`;
      await editor.getByRole('textbox').fill(fixed);
      await editor.getByRole('button', { name: 'Xem trước' }).click();
      await expect.poll(() => editor.locator('.try-result').innerText()).toContain(fixed);
      await shotAndFit(page, viewport.name, 'sua-cau-tra-loi');
      await editor.getByRole('button', { name: 'Lưu câu trả lời' }).click();
      await expect.poll(() => page.locator('#inbox-message').innerText(), { timeout: 10_000 }).toContain('Đã lưu câu trả lời mới');
      const reply = await postJson(`${running.url}/api/chat`, { sessionId: `after-fix-${viewport.name}`, text: DISLIKED[index] });
      expect(reply.json.replies[0].text).toContain(fixed);
      await shotAndFit(page, viewport.name, 'hop-thu');

      await openTab(page, 'Sức khỏe nội dung');
      await expect.poll(() => page.locator('#health-down').innerText()).toContain('👎');
      await shotAndFit(page, viewport.name, 'suc-khoe');

      // Statistics: charts drawn by Chart.js, titled, with intent titles (not ids) in the table view.
      await openTab(page, 'Thống kê');
      await page.locator('#chart-intents').waitFor();
      await expect.poll(() => page.evaluate(() => document.querySelectorAll('#charts canvas').length)).toBe(7);
      const captions = await page.locator('#charts figcaption').allInnerTexts();
      expect(captions).toContain('Ý định được hỏi nhiều nhất');
      expect(captions).toContain('Tin nhắn mỗi ngày theo kênh');
      const intents = page.locator('#fig-intents');
      await intents.getByRole('button', { name: 'Xem dạng bảng' }).click();
      const table = await intents.locator('table').innerText();
      expect(table).toContain('VNeID');
      expect(table).not.toMatch(/\b[a-z]+(-[a-z0-9]+){2,}\b/); // no ids like dvc-tra-cuu-ho-so
      expect(await page.locator('#chart-intents').getAttribute('aria-label')).toMatch(/^Ý định được hỏi nhiều nhất: /);
      expect(await page.locator('#stats-csv').getAttribute('href')).toMatch(/^\/admin\/api\/stats\.csv\?from=/);
      await shotAndFit(page, viewport.name, 'thong-ke');
      await context.close();
    });
  }

  it('no English word reaches the console (Vietnamese mode) or the broadcast tool\'s errors', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${running.url}/admin`);
    const found: Record<string, string[]> = { 'sign-in': englishWords(await readableText(page)) };
    await page.getByLabel('Mã quản trị (ADMIN_TOKEN)').fill('sai-ma-quan-tri-0123456789');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.locator('#signin-error').innerText()).not.toBe('');
    found['sign-in-error'] = englishWords(await readableText(page));
    await page.getByLabel('Mã quản trị (ADMIN_TOKEN)').fill(TOKEN);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.locator('#console').waitFor();
    await expect.poll(() => page.locator('#audience-count').innerText()).toBe('3');
    await page.getByLabel('Địa chỉ (https://)').fill('http://khong-an-toan.vn');
    await page.getByLabel('Nút liên kết: nhãn').fill('Xem');
    await page.getByRole('button', { name: 'Lưu nháp' }).click();
    await expect.poll(() => page.locator('#compose-error').innerText()).not.toBe('');
    found.campaigns = englishWords(await readableText(page));
    for (const [tab, ready] of [['Câu hỏi chưa trả lời', '#inbox li'], ['Thử câu hỏi', '#try-form'], ['Sức khỏe nội dung', '#health-stale li'], ['Thống kê', '#chart-days']] as const) {
      await openTab(page, new RegExp(tab));
      await page.locator(ready).first().waitFor();
      if (tab === 'Thử câu hỏi') {
        await page.getByLabel('Câu hỏi', { exact: true }).fill('xổ số hôm nay');
        await page.getByRole('button', { name: 'Thử', exact: true }).click();
        await page.locator('#try-result .decision').waitFor();
      }
      found[tab] = englishWords(await readableText(page));
    }
    await context.close();

    // The broadcast tool: every way it can fail, as an official would meet it.
    const dir = mkdtempSync(join(tmpdir(), 'thong-bao-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'title: ""\ntext:\n  vi: ""\nlink:\n  label: x\n  url: http://khong-an-toan\nbogus: 1\n');
    const nobody = join(dir, 'nobody.yaml');
    writeFileSync(nobody, 'title: Tin địa phương\ntext:\n  vi: Lịch tiếp dân tuần này\naudience:\n  topics: [dia-phuong]\n');
    const typo = join(dir, 'typo.yaml');
    writeFileSync(typo, 'title: Sai chủ đề\ntext:\n  vi: Thử\naudience:\n  topics: [an-toan-mnag]\n');
    const env = { ADMIN_TOKEN: TOKEN, ADMIN_URL: running.url };
    const runs = await Promise.all([
      broadcast([], env),
      broadcast([nobody], { ADMIN_TOKEN: '' }),
      broadcast([bad], env),
      broadcast([nobody], { ADMIN_TOKEN: TOKEN, ADMIN_URL: 'http://127.0.0.1:9' }),
      broadcast([nobody], env),
      broadcast([typo], env),
    ]);
    for (const run of runs) expect(run.code, run.stderr).toBe(1);
    expect(runs[1].stderr).toContain('Chưa đặt ADMIN_TOKEN cho lệnh này');
    expect(runs[2].stderr).toMatch(/bad\.yaml:6: Đường link phải bắt đầu bằng https:\/\//);
    expect(runs[2].stderr).toMatch(/bad\.yaml:3: Nội dung tiếng Việt không được để trống\./);
    expect(runs[3].stderr).toContain('Không kết nối được máy chủ');
    expect(runs[4].stderr).toContain('Máy chủ từ chối (400): Không gửi được: chưa có ai đăng ký nhận tin dia-phuong');
    expect(runs[5].stderr).toContain('Không có chủ đề an-toan-mnag');
    runs.forEach((run, i) => (found[`cli-${i}`] = englishWords(run.stderr + run.stdout)));
    expect(Object.fromEntries(Object.entries(found).filter(([, words]) => words.length > 0))).toEqual({});
  });
});

function broadcast(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/broadcast.ts', ...args], { cwd: PROJECT_ROOT, env: { ...process.env, CONSOLE_LANG: '', LANG: 'en_US.UTF-8', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
