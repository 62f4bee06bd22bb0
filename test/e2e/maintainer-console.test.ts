// The dashboard and the inbox in real headless Chromium: sign in, see the charts, act on an inbox group.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { PROJECT_ROOT } from '../../src/knowledge/paths.js';
import { postJson, startApp, type RunningApp } from '../support/app.js';
import { browserAvailable, launchBrowser } from '../support/browser.js';

const available = browserAvailable();
const ADMIN = 'maintainer-console-token-0123';
let running: RunningApp;
let browser: Browser;
let intentsDir: string;

beforeAll(async () => {
  if (!available) return;
  intentsDir = mkdtempSync(join(tmpdir(), 'intents-'));
  cpSync(join(PROJECT_ROOT, 'intents'), intentsDir, { recursive: true });
  running = await startApp({ ADMIN_TOKEN: ADMIN, INTENTS_DIR: intentsDir });
  for (const [i, text] of ['đổi giấy phép lái xe online ở đâu', 'đổi giấy phép lái xe online ở đâu', 'vneid là gì', 'nộp hồ sơ trực tuyến thế nào'].entries()) {
    await postJson(`${running.url}/api/chat`, { sessionId: `console-user-${i}`, text });
  }
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await running?.stop();
});

describe.skipIf(!available)('maintainer console', () => {
  it('shows the dashboard charts, then teaches the bot a question from the inbox', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 1200 }, locale: 'vi-VN' });
    await page.goto(`${running.url}/admin`);
    await page.getByLabel('Mã quản trị (ADMIN_TOKEN)').fill(ADMIN);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.locator('#console').waitFor();

    await page.getByRole('button', { name: 'Thống kê' }).click();
    await page.locator('#chart-days').waitFor();
    expect(await page.locator('#stats-summary').innerText()).toContain('Tin nhắn');
    expect(await page.locator('#chart-days').getAttribute('aria-label')).toMatch(/^Tin nhắn mỗi ngày theo kênh: .* 4$/);
    expect(await page.locator('#fig-intents table tr').count()).toBeGreaterThanOrEqual(3); // header + 2 intents
    expect(await page.locator('#fig-unanswered table').innerText()).toContain('giấy phép lái xe');
    expect(await page.locator('#chart-checks').getAttribute('aria-label')).toMatch(/Cảnh báo 0/);
    expect(await page.locator('#chart-domains').getAttribute('aria-label')).toContain('Chưa có dữ liệu');

    await page.getByRole('button', { name: /Câu hỏi chưa trả lời/ }).click();
    const group = page.locator('#inbox li', { hasText: 'giấy phép lái xe online' });
    await group.waitFor();
    expect(await group.innerText()).toContain('2 lần, 2 người hỏi');
    await group.getByPlaceholder('Tìm ý định khác (mã hoặc tên)…').fill('dvc-thu-tuc-khac');
    await group.getByRole('button', { name: 'Thêm vào ý định này' }).click();
    await expect.poll(() => page.locator('#inbox-message').innerText(), { timeout: 60_000 }).toContain('Trợ lý đã học lại');
    await expect.poll(() => page.locator('#inbox li', { hasText: 'giấy phép lái xe online' }).count()).toBe(0);
    expect(readFileSync(join(intentsDir, 'dich-vu-cong.yaml'), 'utf8')).toContain('- đổi giấy phép lái xe online ở đâu');

    const { json } = await postJson(`${running.url}/api/chat`, { sessionId: 'console-user-after', text: 'đổi giấy phép lái xe online ở đâu' });
    expect(json.replies[0].intent).toBe('dvc-thu-tuc-khac');
    await page.close();
  }, 150_000); // adding a question retrains the model
});
