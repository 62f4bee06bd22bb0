// Starts the real app on a loopback port with its own temporary data folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createApp, type App, type AppOptions } from '../../src/app.js';
import { parseConfig } from '../../src/config/env.js';

export interface RunningApp {
  readonly app: App;
  readonly url: string;
  readonly dataDir: string;
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export async function startApp(env: Record<string, string> = {}, dataDir = mkdtempSync(join(tmpdir(), 'tro-ly-so-')), options: AppOptions = {}): Promise<RunningApp> {
  // Tests are one client on loopback making many requests: the per-address web chat limits are lifted unless a
  // test sets them (the tests of those limits do).
  const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', WEB_CHAT_RATE_PER_MINUTE: '1000000', WEB_NEW_SESSIONS_PER_HOUR: '1000000', ...(process.env.MODEL_CACHE_DIR ? { MODEL_CACHE_DIR: process.env.MODEL_CACHE_DIR } : {}), ...env });
  const app = await createApp(config, { logger: pino({ level: 'silent' }), ...options });
  const address = await app.server.listen({ port: 0, host: '127.0.0.1' });
  await app.start();
  return {
    app,
    url: address,
    dataDir,
    async stop(options = {}) {
      await app.close();
      if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any; headers: Headers }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, json, headers: response.headers };
}
