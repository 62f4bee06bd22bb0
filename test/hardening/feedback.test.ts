// Issue 10, item 6: every web chat answer carries the choices its own 👍/👎 send back, so feedback names the answer
// it rates (not the latest one); answers reached through a suggestion can be rated too; an expired choice gets a
// polite note.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, startApp, type RunningApp } from '../support/app.js';

const ADMIN = 'feedback-admin-token-0123456789';
let running: RunningApp;
beforeAll(async () => {
  running = await startApp({ ADMIN_TOKEN: ADMIN, WATCH_KNOWLEDGE: 'false' });
});
afterAll(async () => {
  await running?.stop();
});

const chat = async (sessionId: string, body: Record<string, unknown>) => (await postJson(`${running.url}/api/chat`, { sessionId, ...body })).json.replies as any[];
const admin = async (path: string) => (await (await fetch(`${running.url}/admin/api${path}`, { headers: { authorization: `Bearer ${ADMIN}` } })).json());
const feedbackFor = async (intent: string) => ((await admin('/stats')).feedback as { intent: string; up: number; down: number }[]).find((f) => f.intent === intent) ?? { up: 0, down: 0 };

describe('feedback names the answer it rates', () => {
  it('👎 on an earlier answer counts against that answer and sends its question to the inbox', async () => {
    const [first] = await chat('rating-session-1', { text: 'vneid là gì vậy ad' });
    const [second] = await chat('rating-session-1', { text: 'ko bit nop ho so online ntn' });
    expect(first.kind).toBe('answer');
    expect(second.kind).toBe('answer');
    expect(first.intent).not.toBe(second.intent);
    expect(first.feedback).toEqual({ up: expect.any(String), down: expect.any(String) });
    expect(first.feedback.down).not.toBe(second.feedback.down);

    const [note] = await chat('rating-session-1', { choice: first.feedback.down });
    expect(note.text).toContain('chuyển cho cán bộ');
    expect(await feedbackFor(first.intent)).toMatchObject({ down: 1 });
    expect(await feedbackFor(second.intent)).toMatchObject({ up: 0, down: 0 });
    const inbox = (await admin('/inbox')).groups as { examples: string[]; reasons: { unhelpful?: number } }[];
    expect(inbox.some((g) => g.reasons.unhelpful && g.examples.includes('vneid là gì vậy ad'))).toBe(true);

    // The later answer can still be rated on its own.
    await chat('rating-session-1', { choice: second.feedback.up });
    expect(await feedbackFor(second.intent)).toMatchObject({ up: 1 });
  });

  it('an answer reached through a suggestion carries feedback; a used or unknown choice gets a polite note', async () => {
    const [answer] = await chat('rating-session-2', { text: 'ko bit nop ho so online ntn' });
    const suggestion = answer.suggestions[0];
    const [picked] = await chat('rating-session-2', { choice: suggestion.id });
    expect(picked).toMatchObject({ kind: 'answer', intent: suggestion.id });
    expect(picked.feedback).toEqual({ up: expect.stringMatching(/^fb:up:/), down: expect.stringMatching(/^fb:down:/) });
    const before = (await feedbackFor(suggestion.id)).up;
    await chat('rating-session-2', { choice: picked.feedback.up });
    expect((await feedbackFor(suggestion.id)).up).toBe(before + 1);

    const [again] = await chat('rating-session-2', { choice: picked.feedback.up }); // already rated
    expect(again.text).toMatch(/hết hạn/);
    const [unknown] = await chat('rating-session-3', { choice: 'fb:down:00000000' });
    expect(unknown.text).toMatch(/hết hạn/);
    expect((await feedbackFor(suggestion.id)).up).toBe(before + 1);
  });
});
