// Issue 10, item 9: console sessions end when ADMIN_TOKEN changes; wrong tokens are limited per address and per
// token on the API and the sign-in (TRUST_PROXY: behind the proxy each official counts apart); unknown /admin/api
// paths answer 401 before 404; the cookie is Secure behind TLS even without PUBLIC_URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type RunningApp } from '../support/app.js';

const TOKEN = 'admin-token-first-0123456789';
const OTHER = 'admin-token-second-0123456789';

const signIn = (app: RunningApp, token: string, headers: Record<string, string> = {}) =>
  fetch(`${app.url}/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ token }) });
const api = (app: RunningApp, path: string, headers: Record<string, string>) => fetch(`${app.url}/admin/api${path}`, { headers });
const cookieOf = (response: Response) => response.headers.get('set-cookie')!.split(';')[0]!;

describe('admin sessions', () => {
  it('survive a restart with the same token, end when ADMIN_TOKEN changes', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'admin-'));
    const first = await startApp({ ADMIN_TOKEN: TOKEN, WATCH_KNOWLEDGE: 'false' }, dataDir);
    const signedIn = await signIn(first, TOKEN);
    expect(signedIn.status).toBe(200);
    const cookie = cookieOf(signedIn);
    expect((await api(first, '/session', { cookie })).status).toBe(200);
    await first.stop({ keepData: true });

    const same = await startApp({ ADMIN_TOKEN: TOKEN, WATCH_KNOWLEDGE: 'false' }, dataDir);
    expect((await api(same, '/session', { cookie })).status).toBe(200);
    await same.stop({ keepData: true });

    const changed = await startApp({ ADMIN_TOKEN: OTHER, WATCH_KNOWLEDGE: 'false' }, dataDir);
    try {
      expect((await api(changed, '/session', { cookie })).status).toBe(401);
      expect((await api(changed, '/campaigns', { cookie })).status).toBe(401);
    } finally {
      await changed.stop();
    }
  }, 240_000); // three starts, each training the model
});

describe('attempt limits, route enumeration, Secure cookie', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ ADMIN_TOKEN: TOKEN, TRUST_PROXY: 'true', WATCH_KNOWLEDGE: 'false' });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('the Bearer API: 5 wrong tokens from one address, then 429 (even the right token); other addresses unaffected', async () => {
    const from = (ip: string, token: string) => api(app, '/campaigns', { authorization: `Bearer ${token}`, 'x-forwarded-for': ip });
    for (let i = 0; i < 5; i++) expect((await from('203.0.113.10', `wrong-token-number-${i}-xxxxxx`)).status).toBe(401);
    expect((await from('203.0.113.10', 'wrong-token-number-6-xxxxxx')).status).toBe(429);
    expect((await from('203.0.113.10', TOKEN)).status).toBe(429);
    expect((await from('198.51.100.20', TOKEN)).status).toBe(200);
  });

  it('one wrong token tried from many addresses is limited per token', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await api(app, '/campaigns', { authorization: 'Bearer the-same-wrong-token-000000', 'x-forwarded-for': `192.0.2.${i + 1}` })).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
  });

  it('sign-in behind the proxy: wrong tries by one client do not lock out another official', async () => {
    for (let i = 0; i < 5; i++) expect((await signIn(app, `bad-sign-in-${i}-xxxxxxxxxxxx`, { 'x-forwarded-for': '203.0.113.50' })).status).toBe(401);
    expect((await signIn(app, 'bad-sign-in-x-xxxxxxxxxxxx', { 'x-forwarded-for': '203.0.113.50' })).status).toBe(429);
    expect((await signIn(app, TOKEN, { 'x-forwarded-for': '198.51.100.60' })).status).toBe(200);
  });

  it('unknown /admin/api paths: 401 without credentials, 404 with them', async () => {
    for (const path of ['/nope', '/campaigns/x/explode', '/users', '/inbox/zzz/unknown-action']) {
      expect((await api(app, path, { 'x-forwarded-for': '198.51.100.70' })).status, path).toBe(401);
      expect((await api(app, path, { authorization: `Bearer ${TOKEN}`, 'x-forwarded-for': '198.51.100.70' })).status, path).toBe(404);
    }
  });

  it('the session cookie is Secure when the request came over https through the proxy, even without PUBLIC_URL', async () => {
    const overTls = await signIn(app, TOKEN, { 'x-forwarded-for': '198.51.100.80', 'x-forwarded-proto': 'https' });
    expect(overTls.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    expect(overTls.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(overTls.headers.get('set-cookie')).toMatch(/SameSite=Strict/i);
    const plain = await signIn(app, TOKEN, { 'x-forwarded-for': '198.51.100.81' });
    expect(plain.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
  });
});
