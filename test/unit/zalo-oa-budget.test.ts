// The OA reply budget and the monthly quota on a fake clock: real Keyv stores and a real SQLite claim table.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Keyv from 'keyv';
import { afterEach, describe, expect, it } from 'vitest';
import { createReplyBudget, REPLY_WINDOW_MS } from '../../src/channels/zalo-oa/budget.js';
import { createMonthlyQuota, vietnamMonth } from '../../src/channels/zalo-oa/quota.js';
import { expectedMac, signatureMatches } from '../../src/channels/zalo-oa/signature.js';
import { createSqliteStore, type Store } from '../../src/store/store.js';

const HOUR = 60 * 60 * 1000;
let store: Store | undefined;
let dir: string | undefined;
afterEach(async () => {
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  store = undefined;
  dir = undefined;
});

describe('OA reply budget', () => {
  it('8 replies in 48 hours, each answering the last message; none after the window closes', async () => {
    let t = Date.parse('2026-11-29T08:00:00Z');
    const budget = createReplyBudget(new Keyv(), () => t);
    expect(await budget.check('u1')).toEqual({ ok: false, reason: 'window-closed' }); // never wrote: proactive, not a reply
    await budget.inbound('u1', 'm1');
    for (let i = 0; i < 8; i += 1) {
      expect(await budget.check('u1')).toEqual({ ok: true, replyTo: 'm1' });
      await budget.spend('u1');
      t += HOUR;
    }
    expect(await budget.check('u1')).toEqual({ ok: false, reason: 'budget-used' });
    await budget.inbound('u1', 'm2'); // writing again renews the window, not the count within 48 hours
    expect(await budget.check('u1')).toEqual({ ok: false, reason: 'budget-used' });
    t += 41 * HOUR; // the first replies are now more than 48 hours old
    expect(await budget.check('u1')).toEqual({ ok: true, replyTo: 'm2' });
    expect(await budget.left('u1')).toBe(2); // the replies sent at hours 0 and 1 have aged out
    t += REPLY_WINDOW_MS; // 48 hours without a message from the person
    expect(await budget.check('u1')).toEqual({ ok: false, reason: 'window-closed' });
  });
});

describe('OA monthly quota', () => {
  it('allows the configured number per Vietnamese calendar month, then "ngoài hạn mức"', async () => {
    dir = mkdtempSync(join(tmpdir(), 'oa-quota-'));
    store = createSqliteStore(dir);
    let t = Date.parse('2026-11-30T16:30:00Z'); // 23:30 on 30 November in Vietnam
    const quota = createMonthlyQuota({ store, kv: store.namespace('zalo-oa'), monthly: 2, now: () => t });
    expect(await quota.remaining()).toBe(2);
    expect(await quota.take()).toEqual({ ok: true });
    expect(await quota.take()).toEqual({ ok: true });
    expect(await quota.take()).toEqual({ ok: false, reason: 'ngoài hạn mức' });
    expect(await quota.remaining()).toBe(0);
    t += HOUR; // 00:30 on 1 December in Vietnam (still November in UTC)
    expect(vietnamMonth(t)).toBe('2026-12');
    expect(await quota.take()).toEqual({ ok: true });
  });

  it('concurrent takes never exceed the quota', async () => {
    dir = mkdtempSync(join(tmpdir(), 'oa-quota-'));
    store = createSqliteStore(dir);
    const quota = createMonthlyQuota({ store, kv: store.namespace('zalo-oa'), monthly: 5 });
    const verdicts = await Promise.all(Array.from({ length: 12 }, () => quota.take()));
    expect(verdicts.filter((v) => v.ok)).toHaveLength(5);
  });
});

describe('OA webhook signature', () => {
  it('is sha256(app id + raw body + timestamp + secret), compared on the exact bytes', () => {
    const raw = '{"event_name":"user_send_text","timestamp":"1732867200000","sender":{"id":"123"}}';
    const mac = expectedMac('42', raw, '1732867200000', 's3cret');
    expect(signatureMatches(`mac=${mac}`, raw, '42', 's3cret')).toBe(true);
    expect(signatureMatches(`mac=${mac.toUpperCase()}`, raw, '42', 's3cret')).toBe(true);
    expect(signatureMatches(`mac=${mac}`, raw.replace('123', '124'), '42', 's3cret')).toBe(false);
    expect(signatureMatches(mac, raw, '42', 's3cret')).toBe(false);
    expect(signatureMatches(`mac=${mac}`, '{"no":"timestamp"}', '42', 's3cret')).toBe(false);
    expect(signatureMatches(undefined, raw, '42', 's3cret')).toBe(false);
  });
});
