// Issue 10, items 3 and 5: an inbox action that would break the knowledge is refused before any file is written
// (so the next start always succeeds); a successful one reloads once, not twice (explicit reload + watcher).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { PROJECT_ROOT } from '../../src/knowledge/paths.js';
import { postJson, startApp, type RunningApp } from '../support/app.js';
import { smallIntentsCopy } from '../support/small-intents.js';

const ADMIN = 'maintainer-token-0123456789';
let running: RunningApp;
let intentsDir: string;

beforeAll(async () => {
  // A few intent files: each edit below retrains, in a second or two on these instead of half a minute.
  intentsDir = smallIntentsCopy();
  running = await startApp({ ADMIN_TOKEN: ADMIN, INTENTS_DIR: intentsDir, WATCH_KNOWLEDGE: 'true' });
});
afterAll(async () => {
  await running?.stop();
});

async function admin(method: string, path: string, body?: unknown) {
  const response = await fetch(`${running.url}/admin/api${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) };
}

const snapshot = () => readdirSync(intentsDir).sort().map((f) => `${f}\n${readFileSync(join(intentsDir, f), 'utf8')}`).join('\n---\n');
const startsCleanly = () => loadKnowledge({ intentsDir, localityFile: join(PROJECT_ROOT, 'config/locality.yaml'), rootDir: PROJECT_ROOT });

async function groupFor(sessionId: string, text: string) {
  await postJson(`${running.url}/api/chat`, { sessionId, text });
  const groups = (await admin('GET', '/inbox')).json.groups as { id: string; examples: string[] }[];
  const group = groups.find((g) => g.examples.includes(text));
  expect(group, text).toBeDefined();
  return group!;
}

describe('inbox actions are checked before anything is written', () => {
  it('emoji only, or a question that belongs to another intent: refused, files untouched, the next start succeeds', async () => {
    const emoji = await groupFor('emoji-asker-1', '🙏🙏🙏');
    const nonsense = await groupFor('nonsense-asker-1', 'qwzx plorb vantrex kumquat');
    const file = parse(readFileSync(join(intentsDir, 'dich-vu-cong.yaml'), 'utf8')) as { intents: { id: string; utterances: { vi: string[] } }[] };
    const [first, second] = file.intents;
    const before = snapshot();

    const added = await admin('POST', `/inbox/${emoji.id}/add`, { intent: first!.id });
    expect(added.status).toBe(400);
    expect(snapshot()).toBe(before);

    const taken = await admin('POST', `/inbox/${nonsense.id}/add`, { intent: second!.id, text: first!.utterances.vi[0] });
    expect(taken.status).toBe(400);
    expect(snapshot()).toBe(before);

    const created = await admin('POST', `/inbox/${emoji.id}/new`, { id: 'y-dinh-emoji', answer: 'Trả lời.', source: 'Nguồn' });
    expect(created.status).toBe(400);
    expect(snapshot()).toBe(before);

    expect(() => startsCleanly()).not.toThrow();
    expect((await admin('GET', '/inbox')).json.groups.some((g: { id: string }) => g.id === emoji.id)).toBe(true); // still open
  });

  it('a good action is written, reloads once (not again through the file watcher), and the next start succeeds', async () => {
    const group = await groupFor('good-asker-1', 'đổi giấy phép lái xe online ở đâu');
    const reloadsBefore = (await admin('GET', '/knowledge')).json.reloads as number;
    const added = await admin('POST', `/inbox/${group.id}/add`, { intent: 'dvc-thu-tuc-khac' });
    expect(added.status).toBe(200);
    expect(added.json.ok).toBe(true);
    // Give the file watcher (300 ms debounce) every chance to start a second reload.
    await new Promise((r) => setTimeout(r, 1500));
    for (let i = 0; i < 100 && (await admin('GET', '/knowledge')).json.reloads === reloadsBefore; i++) await new Promise((r) => setTimeout(r, 100));
    expect((await admin('GET', '/knowledge')).json.reloads).toBe(reloadsBefore + 1);
    expect(() => startsCleanly()).not.toThrow();
  });
});
