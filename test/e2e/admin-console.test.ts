// The admin console in real headless Chromium: sign in, compose, preview, send to a small audience,
// watch it reach done, download the CSV. A wrong token is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { startFakeZalo, type FakeZalo } from '../support/fake-zalo.js';
import { startApp, type RunningApp } from '../support/app.js';
import { browserAvailable, launchBrowser } from '../support/browser.js';
import { seedSubscribers } from '../support/subscribers.js';

const available = browserAvailable();
const ADMIN = 'admin-console-token-0123456789';
let telegram: FakeTelegram;
let zalo: FakeZalo;
let running: RunningApp;
let browser: Browser;

beforeAll(async () => {
  if (!available) return;
  telegram = await startFakeTelegram();
  zalo = await startFakeZalo();
  running = await startApp({
    ADMIN_TOKEN: ADMIN, PUBLIC_URL: 'https://x.example.gov.vn',
    TELEGRAM_BOT_TOKEN: '123456:AAbbCCddEEffGGhhIIjjKKllMMnn', TELEGRAM_API_ROOT: telegram.url, TELEGRAM_WEBHOOK_SECRET: 'telegram-webhook-secret-0123456789',
    ZALO_BOT_TOKEN: '1234567890:zalo-test-token', ZALO_WEBHOOK_SECRET: 'zalo-secret-123', ZALO_API_BASE: zalo.url,
  });
  await seedSubscribers(running.app.users, { telegram: 6, zalo: 4 });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await running?.stop();
  await telegram?.close();
  await zalo?.close();
});

describe.skipIf(!available)('admin console', () => {
  it('refuses a wrong token', async () => {
    const page = await browser.newPage({ locale: 'vi-VN' });
    await page.goto(`${running.url}/admin`);
    await page.getByLabel('Mã quản trị (ADMIN_TOKEN)').fill('not-the-right-token');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.locator('#signin-error').innerText()).toContain('không đúng');
    expect(await page.locator('#console').isHidden()).toBe(true);
    await page.close();
  });

  it('sign in, compose with a live preview, see the audience, send, watch it reach done, download the CSV', async () => {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 390, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${running.url}/admin`);
    await page.getByLabel('Mã quản trị (ADMIN_TOKEN)').fill(ADMIN);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.locator('#console').waitFor();

    await page.getByLabel('Tiêu đề (chỉ cán bộ thấy)').fill('Tuần lễ phòng chống lừa đảo');
    await page.getByLabel('Nội dung tiếng Việt').fill('Không cung cấp mã OTP cho bất kỳ ai, kể cả người xưng là công an.');
    await page.getByLabel('Nút liên kết: nhãn').fill('Kiểm tra trang web');
    await page.getByLabel('Địa chỉ (https://)').fill('https://tinnhiemmang.vn/website-lua-dao');
    await expect.poll(() => page.locator('#preview-telegram').innerText()).toContain('Không cung cấp mã OTP');
    await expect.poll(() => page.locator('#preview-telegram').innerText()).toContain('Kiểm tra trang web');
    await expect.poll(() => page.locator('#preview-zalo').innerText()).toContain('https://tinnhiemmang.vn/website-lua-dao');
    expect(await page.locator('#preview-zalo').innerText()).toContain('trả lời "hủy"');
    await expect.poll(() => page.locator('#audience-count').innerText()).toBe('10');
    await page.getByLabel('Zalo').uncheck();
    await expect.poll(() => page.locator('#audience-count').innerText()).toBe('6');

    await page.getByRole('button', { name: 'Gửi…' }).click();
    expect(await page.locator('#confirm-text').innerText()).toContain('tới 6 người');
    await page.getByRole('button', { name: 'Xác nhận gửi' }).click();

    const item = page.locator('#campaigns li.campaign').first();
    await expect.poll(() => item.getAttribute('data-status'), { timeout: 20_000 }).toBe('done');
    expect(await item.innerText()).toContain('Đã gửi xong: 6 người nhận');
    expect(await item.locator('progress').getAttribute('aria-label')).toBe('Tiến độ: 6/6');
    expect(telegram.sent()).toHaveLength(6);
    expect(zalo.sent()).toHaveLength(0);

    const [download] = await Promise.all([page.waitForEvent('download'), item.getByRole('link', { name: 'Tải báo cáo CSV' }).click()]);
    const csv = readFileSync((await download.path()), 'utf8');
    expect(csv.split('\n')[0]).toBe('recipient_ref,channel,locale,status,attempts,reason,updated_at');
    expect(csv.trim().split('\n').slice(1).filter((l) => l.includes(',sent,'))).toHaveLength(6);
    await context.close();
  });

  it('the console API refuses a state change without the CSRF token', async () => {
    const login = await fetch(`${running.url}/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: ADMIN }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    for (const attribute of [/HttpOnly/, /SameSite=Strict/, /Secure/]) expect(login.headers.get('set-cookie')).toMatch(attribute);
    const list = await fetch(`${running.url}/admin/api/campaigns`, { headers: { cookie } });
    expect(list.status).toBe(200);
    const create = await fetch(`${running.url}/admin/api/campaigns`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ title: 'x', text: { vi: 'y' } }) });
    expect(create.status).toBe(403);
    const { csrf } = (await login.json()) as { csrf: string };
    const ok = await fetch(`${running.url}/admin/api/campaigns`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify({ title: 'x', text: { vi: 'y' }, draft: true }) });
    expect(ok.status).toBe(201);
  });

  it('rate-limits failed sign-ins', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      statuses.push((await fetch(`${running.url}/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: `wrong-${i}` }) })).status);
    }
    expect(statuses.slice(0, 4).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
