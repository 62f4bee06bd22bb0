// The scam-check lists reload live like the intents: a maintainer adds a reported domain, the running bot warns
// about it after POST /admin/api/reload; a broken lists file keeps the last good lists and names file and line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/knowledge/paths.js';
import { SCAM_RULES_FILE } from '../../src/scamcheck/rules.js';
import { postJson, startApp, type RunningApp } from '../support/app.js';

const ADMIN = 'admin-token-for-scam-reload-tests';
let running: RunningApp;
let intentsDir: string;

beforeAll(async () => {
  intentsDir = mkdtempSync(join(tmpdir(), 'intents-scam-'));
  cpSync(join(PROJECT_ROOT, 'intents'), intentsDir, { recursive: true });
  running = await startApp({ ADMIN_TOKEN: ADMIN, INTENTS_DIR: intentsDir, WATCH_KNOWLEDGE: 'false' });
}, 180_000);
afterAll(async () => {
  await running?.stop();
});

const reload = async () => (await postJson(`${running.url}/admin/api/reload`, {}, { authorization: `Bearer ${ADMIN}` })).json;
const checkOf = async (text: string) => (await postJson(`${running.url}/api/chat`, { sessionId: 'scam-reload-1', text })).json.replies[0].check;

describe('live reload of the lists', () => {
  it('a domain added to reported_domains is warned about after a reload; a broken file keeps the last good lists', async () => {
    expect(await checkOf('link này có an toàn không https://mua-sam-gia-re.example')).toMatchObject({ verdict: 'unknown' });
    const file = join(intentsDir, SCAM_RULES_FILE);
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('reported_domains: []', 'reported_domains:\n  - mua-sam-gia-re.example'));
    expect((await reload()).ok).toBe(true);
    expect(await checkOf('link này có an toàn không https://mua-sam-gia-re.example')).toEqual({ kind: 'url', verdict: 'warning', signals: ['reported'] });

    writeFileSync(file, original.replace('reported_domains: []', 'reported_domains: [https://sai]'));
    const failed = await reload();
    expect(failed.ok).toBe(false);
    expect(failed.error.issues[0]).toMatchObject({ file: expect.stringContaining(SCAM_RULES_FILE), line: expect.any(Number) });
    expect(await checkOf('https://mua-sam-gia-re.example')).toMatchObject({ verdict: 'warning' });
  }, 300_000);
});
