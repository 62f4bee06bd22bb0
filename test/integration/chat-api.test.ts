// The web chat API over HTTP on loopback, against the real server and a real SQLite file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { postJson, startApp, type RunningApp } from '../support/app.js';
import { findClarifying } from '../support/clarifying.js';

let running: RunningApp;
beforeAll(async () => {
  running = await startApp();
});
afterAll(async () => {
  await running?.stop();
});

const chat = (body: unknown, headers?: Record<string, string>) => postJson(`${running.url}/api/chat`, body, headers);

describe('POST /api/chat', () => {
  it('answers an unaccented teencode question with the right intent and the official link', async () => {
    const { status, json } = await chat({ sessionId: 'session-0001', text: 'ko bit nop ho so online ntn' });
    expect(status).toBe(200);
    expect(json.replies[0]).toMatchObject({ kind: 'answer', intent: 'dvc-nop-ho-so' });
    expect(json.replies[0].links).toContainEqual(expect.objectContaining({ url: 'https://dichvucong.gov.vn' }));
  });

  it('stores state in a SQLite file under the data folder', async () => {
    expect(existsSync(join(running.dataDir, 'tro-ly-so.sqlite'))).toBe(true);
  });

  it('a suggestion choice answers that intent', async () => {
    const { json } = await chat({ sessionId: 'session-0002', choice: 'kiem-tra-website' });
    expect(json.replies[0].intent).toBe('kiem-tra-website');
    expect(json.replies[0].links[0].url).toBe('https://tinnhiemmang.vn/website-lua-dao');
  });

  it.each([
    ['malformed JSON', '{"sessionId": "abc', 400, 'invalid_json'],
    ['empty body', '', 400, 'invalid_json'],
    ['missing sessionId', { text: 'chào' }, 400, 'invalid_request'],
    ['bad sessionId', { sessionId: '../../etc', text: 'chào' }, 400, 'invalid_request'],
    ['neither text nor choice', { sessionId: 'session-0003' }, 400, 'invalid_request'],
    ['text of the wrong type', { sessionId: 'session-0003', text: 42 }, 400, 'invalid_request'],
    ['text over 4000 characters', { sessionId: 'session-0003', text: 'x'.repeat(4001) }, 400, 'invalid_request'],
    ['a JSON array', [1, 2], 400, 'invalid_request'],
  ])('refuses %s with a clear JSON error', async (_name, body, status, code) => {
    const response = await chat(body);
    expect(response.status).toBe(status);
    expect(response.json.error.code).toBe(code);
    expect(typeof response.json.error.message).toBe('string');
  });

  it('refuses a body over 16 KB with 413', async () => {
    const response = await chat({ sessionId: 'session-0004', text: 'a'.repeat(20_000) });
    expect(response.status).toBe(413);
    expect(response.json.error.code).toBe('payload_too_large');
  });

  it('refuses a non-JSON content type with 415', async () => {
    const response = await postJson(`${running.url}/api/chat`, 'text=hello', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(response.status).toBe(415);
    expect(response.json.error.code).toBe('unsupported_media_type');
  });

  it.each([
    ['only emoji', '😀🙏🎉'],
    ['zero-width characters', '\u200B\u200C\u200D\uFEFF'],
    ['RTL marks', '\u202Eغير\u202C \u200F'],
    ['HTML', '<img src=x onerror=alert(1)>'],
    ['control characters', '\u0000\u0007\u001b[31m'],
  ])('gives a sensible reply to %s', async (_name, text) => {
    const { status, json } = await chat({ sessionId: 'session-0005', text });
    expect(status).toBe(200);
    expect(json.replies[0].kind).toBe('fallback');
    expect(json.replies[0].text.length).toBeGreaterThan(10);
  });

  it('answers the same question the same way when it arrives twice', async () => {
    const a = await chat({ sessionId: 'session-0006', text: 'vneid là gì' });
    const b = await chat({ sessionId: 'session-0006', text: 'vneid là gì' });
    expect(a.json.replies[0].intent).toBe('vneid-la-gi');
    expect(b.json.replies).toEqual(a.json.replies);
  });
});

describe('other routes', () => {
  it('GET /healthz reports ok', async () => {
    const response = await fetch(`${running.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', intents: expect.any(Number) });
  });

  it('GET / serves the Vietnamese chat page with local assets and a strict CSP', async () => {
    const response = await fetch(`${running.url}/`);
    const html = await response.text();
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('trợ lý tự động');
    expect(html).not.toMatch(/https?:\/\/(?!localhost)[^"'\s]*\.(js|css)/);
    for (const asset of ['chat.js', 'chat.css', 'icon.svg']) expect((await fetch(`${running.url}/assets/${asset}`)).status).toBe(200);
  });

  it('unknown paths and assets get a JSON 404', async () => {
    for (const path of ['/nope', '/assets/../package.json', '/assets/secret.env']) {
      const response = await fetch(`${running.url}${path}`);
      expect(response.status, path).toBe(404);
      expect((await response.json()).error.code).toBe('not_found');
    }
  });

  it('a wrong method gets a JSON 404', async () => {
    const response = await fetch(`${running.url}/api/chat`);
    expect(response.status).toBe(404);
  });
});

describe('state across a restart', () => {
  it('a clarifying question can be answered with "1" after the server restarts', async () => {
    const { startApp: start } = await import('../support/app.js');
    const first = await start();
    const { session: sessionId, offered } = await findClarifying(async (session, text) => (await postJson(`${first.url}/api/chat`, { sessionId: session, text })).json.replies[0]);
    expect(offered.length).toBeGreaterThanOrEqual(2);
    await first.stop({ keepData: true });
    const second = await start({}, first.dataDir);
    try {
      const { json } = await postJson(`${second.url}/api/chat`, { sessionId, text: '1' });
      expect(json.replies[0]).toMatchObject({ kind: 'answer', intent: offered[0] });
    } finally {
      await second.stop();
    }
  });
});
