// Issue 10, item 2: the inbox's cost is bounded: a new question looks up near-duplicates in an index (no scan of
// every group), the number of groups is capped (least-asked, oldest dropped first), and the web chat caps requests
// and new sessions per address (TRUST_PROXY decides which address).
import { afterAll, describe, expect, it } from 'vitest';
import Keyv from 'keyv';
import { createInsights } from '../../src/maintainers/insights.js';
import { postJson, startApp, type RunningApp } from '../support/app.js';

/** Keyv's own in-memory Map, counting how often every entry is walked. */
class CountingMap<K, V> extends Map<K, V> {
  scans = 0;
  override entries(): MapIterator<[K, V]> {
    this.scans += 1;
    return super.entries();
  }
  override [Symbol.iterator](): MapIterator<[K, V]> {
    this.scans += 1;
    return super[Symbol.iterator]();
  }
  override keys(): MapIterator<K> {
    this.scans += 1;
    return super.keys();
  }
}

function setup(maxGroups = 5000) {
  const map = new CountingMap<string, unknown>();
  const insights = createInsights({ inbox: new Keyv({ store: map }), stats: new Keyv(), meta: new Keyv(), retentionDays: 90, maxGroups });
  const ask = (text: string, at: number, asker = 'a') => insights.record({ kind: 'inbox', reason: 'fallback', channel: 'web', text, normalized: text, candidates: [], asker, at });
  return { map, insights, ask };
}

describe('inbox grouping and size', () => {
  it('near-duplicates are still grouped, through the index: no walk over every group per question', async () => {
    const { map, insights, ask } = setup();
    await ask('doi giay phep lai xe online o dau', 1);
    const scansAfterFirst = map.scans;
    for (let i = 0; i < 300; i++) await ask(`cau hoi vo nghia so ${i} xyz${i} qwe${i}`, 10 + i, `s${i}`);
    await ask('doi giay phep lai xe online o dau nhe', 1000, 'b'); // 7 of 8 words shared with the first
    expect(map.scans).toBe(scansAfterFirst); // the index was built once, at the first question
    const groups = await insights.inbox();
    const licence = groups.find((g) => g.normalized === 'doi giay phep lai xe online o dau');
    expect(licence).toMatchObject({ count: 2, askers: 2 });
    expect(groups).toHaveLength(301);
  });

  it('keeps at most the configured number of groups, dropping the least-asked, oldest first', async () => {
    const { insights, ask } = setup(10);
    for (let i = 0; i < 10; i++) await ask(`chu de rieng ${i} abc${i}`, 100 + i);
    await ask('chu de rieng 0 abc0', 200); // asked twice: kept
    await ask('chu de rieng 1 abc1', 201);
    await ask('cau hoi moi nhat xyz', 300); // the 11th group: over the limit
    const groups = await insights.inbox({ status: 'all' });
    expect(groups.length).toBeLessThanOrEqual(10);
    const kept = new Set(groups.map((g) => g.normalized));
    expect(kept.has('cau hoi moi nhat xyz')).toBe(true);
    expect(kept.has('chu de rieng 0 abc0')).toBe(true);
    expect(kept.has('chu de rieng 1 abc1')).toBe(true);
    expect(kept.has('chu de rieng 2 abc2')).toBe(false); // asked once, the oldest of those
    // Grouping still works for what is left after the drop.
    await ask('chu de rieng 9 abc9', 400);
    expect((await insights.inbox()).find((g) => g.normalized === 'chu de rieng 9 abc9')?.count).toBe(2);
  });
});

describe('the inbox limit from configuration', () => {
  it('INBOX_MAX_GROUPS reaches the running server', async () => {
    const app = await startApp({ INBOX_MAX_GROUPS: '10', WATCH_KNOWLEDGE: 'false' });
    try {
      for (let i = 0; i < 14; i++) {
        const r = await postJson(`${app.url}/api/chat`, { sessionId: `limit-session-${i}`, text: `zorplu vexqua${i} mibtral${i} konfyx${i}` });
        expect(r.status).toBe(200);
      }
      const groups = await app.app.insights.inbox({ status: 'all' });
      expect(groups.length).toBeGreaterThan(0);
      expect(groups.length).toBeLessThanOrEqual(10);
    } finally {
      await app.stop();
    }
  });
});

describe('web chat limits per address', () => {
  const apps: RunningApp[] = [];
  afterAll(async () => {
    for (const a of apps) await a.stop();
  });
  const chat = (app: RunningApp, sessionId: string, forwardedFor?: string) =>
    postJson(`${app.url}/api/chat`, { sessionId, text: 'xin chào' }, forwardedFor ? { 'x-forwarded-for': forwardedFor } : {});

  it('new sessions per address are capped; known sessions keep working; behind a trusted proxy each client counts apart', async () => {
    const app = await startApp({ WEB_NEW_SESSIONS_PER_HOUR: '5', TRUST_PROXY: 'true', WATCH_KNOWLEDGE: 'false' });
    apps.push(app);
    for (let i = 0; i < 5; i++) expect((await chat(app, `session-aaa-${i}`, '203.0.113.7')).status).toBe(200);
    const refused = await chat(app, 'session-aaa-new', '203.0.113.7');
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe('too_many_requests');
    expect((await chat(app, 'session-aaa-0', '203.0.113.7')).status).toBe(200); // an existing conversation goes on
    expect((await chat(app, 'session-bbb-0', '198.51.100.9')).status).toBe(200); // another citizen behind the proxy
  });

  it('without TRUST_PROXY a forged X-Forwarded-For does not escape the cap; requests per minute are capped too', async () => {
    const app = await startApp({ WEB_NEW_SESSIONS_PER_HOUR: '3', WEB_CHAT_RATE_PER_MINUTE: '8', WATCH_KNOWLEDGE: 'false' });
    apps.push(app);
    for (let i = 0; i < 3; i++) expect((await chat(app, `session-ccc-${i}`, `10.0.0.${i}`)).status).toBe(200);
    expect((await chat(app, 'session-ccc-new', '10.0.0.99')).status).toBe(429);
    let last = 0;
    for (let i = 0; i < 6; i++) last = (await chat(app, 'session-ccc-0')).status;
    expect(last).toBe(429);
  });
});
