// The web chat in real headless Chromium against the real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from '../support/app.js';
import { browserAvailable, launchBrowser } from '../support/browser.js';

const available = browserAvailable();
let running: RunningApp;
let browser: Browser;

beforeAll(async () => {
  if (!available) return;
  running = await startApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await running?.stop();
});

async function openChat(): Promise<{ page: Page; dialogs: string[] }> {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(running.url);
  await page.locator('#log li.bot').first().waitFor(); // the welcome
  return { page, dialogs };
}

async function ask(page: Page, text: string): Promise<void> {
  const before = await page.locator('#log li.bot').count();
  await page.getByLabel('Câu hỏi của bạn').fill(text);
  await page.keyboard.press('Enter');
  await page.locator('#log li.bot').nth(before).waitFor();
}

describe.skipIf(!available)('web chat page', () => {
  it('answers "chuyen doi so la gi", then a clicked suggestion answers its own question', async () => {
    const { page } = await openChat();
    expect(await page.locator('#automated-note').innerText()).toContain('trợ lý tự động');

    await ask(page, 'chuyen doi so la gi');
    const answer = await page.locator('#log li.bot').last().innerText();
    expect(answer).toContain('không gian số');

    const chip = page.locator('#suggestions button').first();
    const label = await chip.innerText();
    expect(label.length).toBeGreaterThan(3);
    const before = await page.locator('#log li.bot').count();
    await chip.click();
    await page.locator('#log li.bot').nth(before).waitFor();
    expect(await page.locator('#log li.user').last().innerText()).toContain(label);
    const second = await page.locator('#log li.bot').last().innerText();
    expect(second).not.toBe(answer);
    expect(second.length).toBeGreaterThan(50);
    await page.close();
  });

  it('renders links as clickable https links', async () => {
    const { page } = await openChat();
    await ask(page, 'nop ho so truc tuyen o dau');
    const link = page.locator('#log li.bot').last().locator('a[href="https://dichvucong.gov.vn"]');
    expect(await link.count()).toBe(1);
    expect(await link.getAttribute('rel')).toContain('noopener');
    await page.close();
  });

  it('never renders user text as HTML', async () => {
    const { page, dialogs } = await openChat();
    const hostile = '<img src=x onerror=alert(1)>';
    await ask(page, hostile);
    expect(await page.locator('#log img').count()).toBe(0);
    expect(await page.locator('#log li.user').last().innerText()).toContain(hostile);
    await page.waitForTimeout(200);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('is usable by keyboard: the input is labelled and replies are announced', async () => {
    const { page } = await openChat();
    expect(await page.locator('#log').getAttribute('aria-live')).toBe('polite');
    await page.keyboard.press('Tab');
    await page.getByLabel('Câu hỏi của bạn').focus();
    await page.keyboard.type('otp');
    await page.keyboard.press('Enter');
    await page.locator('#log li.bot').nth(1).waitFor();
    expect(await page.locator('#suggestions button').count()).toBeGreaterThan(0);
    await page.close();
  });
});
