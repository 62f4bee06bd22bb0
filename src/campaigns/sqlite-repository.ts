// Campaign records in the same SQLite file as the rest of the state (tables next to Keyv's).
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CampaignRepository, NewRecipient } from './repository.js';
import type { Campaign, CampaignCounts, Recipient, RecipientStatus } from './types.js';

interface RecipientRow {
  campaign_id: string;
  key: string;
  channel: string;
  chat_id: string;
  locale: 'vi' | 'en';
  status: RecipientStatus;
  reason: string | null;
  attempts: number;
  not_before: number;
  updated_at: number;
}

const toRecipient = (r: RecipientRow): Recipient => ({
  campaignId: r.campaign_id, key: r.key, channel: r.channel, chatId: r.chat_id, locale: r.locale, status: r.status,
  ...(r.reason ? { reason: r.reason } : {}), attempts: r.attempts, notBefore: r.not_before, updatedAt: r.updated_at,
});

export function createSqliteCampaignRepository(file: string): CampaignRepository {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('secure_delete = ON');
  db.exec(`
    CREATE TABLE IF NOT EXISTS campaigns (id TEXT PRIMARY KEY, status TEXT NOT NULL, data TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS campaign_recipients (
      campaign_id TEXT NOT NULL, key TEXT NOT NULL, channel TEXT NOT NULL, chat_id TEXT NOT NULL, locale TEXT NOT NULL,
      status TEXT NOT NULL, reason TEXT, attempts INTEGER NOT NULL DEFAULT 0, not_before INTEGER NOT NULL DEFAULT 0, updated_at INTEGER NOT NULL,
      PRIMARY KEY (campaign_id, key));
    CREATE INDEX IF NOT EXISTS campaign_recipients_next ON campaign_recipients (campaign_id, channel, status, not_before, key);
  `);
  const q = {
    save: db.prepare<[string, string, string]>('INSERT INTO campaigns (id, status, data) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET status = excluded.status, data = excluded.data'),
    get: db.prepare<[string], { data: string; status: string }>('SELECT data, status FROM campaigns WHERE id = ?'),
    list: db.prepare<[], { data: string; status: string }>('SELECT data, status FROM campaigns'),
    insert: db.prepare('INSERT OR IGNORE INTO campaign_recipients (campaign_id, key, channel, chat_id, locale, status, updated_at) VALUES (?, ?, ?, ?, ?, \'pending\', ?)'),
    due: db.prepare<[string, string, number, number], RecipientRow>("SELECT * FROM campaign_recipients WHERE campaign_id = ? AND channel = ? AND status = 'pending' AND not_before <= ? ORDER BY not_before, key LIMIT ?"),
    mark: db.prepare<[number, string, string]>("UPDATE campaign_recipients SET status = 'sending', updated_at = ? WHERE campaign_id = ? AND key = ? AND status = 'pending'"),
    finish: db.prepare<[string, string | null, number, string, string]>("UPDATE campaign_recipients SET status = ?, reason = ?, attempts = attempts + 1, updated_at = ? WHERE campaign_id = ? AND key = ? AND status = 'sending'"),
    retry: db.prepare<[number, string, number, number, string, string]>("UPDATE campaign_recipients SET status = 'pending', not_before = ?, reason = ?, attempts = attempts + ?, updated_at = ? WHERE campaign_id = ? AND key = ? AND status = 'sending'"),
    interrupted: db.prepare<[number, string]>("UPDATE campaign_recipients SET status = 'failed', reason = 'interrupted: the server stopped during the send; not resent to avoid a duplicate', updated_at = ? WHERE campaign_id = ? AND status = 'sending'"),
    counts: db.prepare<[string], { status: string; n: number }>('SELECT status, COUNT(*) AS n FROM campaign_recipients WHERE campaign_id = ? GROUP BY status'),
    pendingChannels: db.prepare<[string], { channel: string; due_at: number }>("SELECT channel, MIN(not_before) AS due_at FROM campaign_recipients WHERE campaign_id = ? AND status IN ('pending') GROUP BY channel"),
    all: db.prepare<[string], RecipientRow>('SELECT * FROM campaign_recipients WHERE campaign_id = ? ORDER BY channel, key'),
    forget: db.prepare<[string]>('DELETE FROM campaign_recipients WHERE key = ?'),
    one: db.prepare<[string, string], RecipientRow>('SELECT * FROM campaign_recipients WHERE campaign_id = ? AND key = ?'),
  };
  const read = (row: { data: string; status: string }): Campaign => ({ ...(JSON.parse(row.data) as Campaign), status: row.status as Campaign['status'] });
  const setStatus = db.transaction((id: string, from: readonly string[], to: string, extra: Record<string, number>) => {
    const row = q.get.get(id);
    if (!row || !from.includes(row.status)) return false;
    q.save.run(id, to, JSON.stringify({ ...read(row), ...extra, status: to }));
    return true;
  });
  const addMany = db.transaction((campaignId: string, recipients: readonly NewRecipient[], now: number) => {
    for (const r of recipients) q.insert.run(campaignId, r.key, r.channel, r.chatId, r.locale, now);
  });

  return {
    async saveCampaign(c) {
      q.save.run(c.id, c.status, JSON.stringify(c));
    },
    async getCampaign(id) {
      const row = q.get.get(id);
      return row ? read(row) : undefined;
    },
    async listCampaigns() {
      return q.list.all().map(read).sort((a, b) => b.createdAt - a.createdAt);
    },
    async setStatus(id, from, to, extra = {}) {
      return setStatus(id, from, to, extra);
    },
    async addRecipients(campaignId, recipients) {
      addMany(campaignId, recipients, Date.now());
    },
    async getRecipient(campaignId, key) {
      const row = q.one.get(campaignId, key);
      return row ? toRecipient(row) : undefined;
    },
    async due(campaignId, channel, limit, now) {
      return q.due.all(campaignId, channel, now, limit).map(toRecipient);
    },
    async markSending(campaignId, key, now) {
      return q.mark.run(now, campaignId, key).changes === 1;
    },
    async finish(campaignId, key, status, now, reason) {
      q.finish.run(status, reason ?? null, now, campaignId, key);
    },
    async retryLater(campaignId, key, notBefore, now, reason, countAttempt) {
      q.retry.run(notBefore, reason, countAttempt ? 1 : 0, now, campaignId, key);
    },
    async failInterrupted(campaignId, now) {
      return q.interrupted.run(now, campaignId).changes;
    },
    async counts(campaignId): Promise<CampaignCounts> {
      const by = Object.fromEntries(q.counts.all(campaignId).map((r) => [r.status, r.n])) as Record<string, number>;
      const get = (k: string) => by[k] ?? 0;
      return { total: Object.values(by).reduce((a, b) => a + b, 0), sent: get('sent'), failed: get('failed'), blocked: get('blocked'), skipped: get('skipped'), pending: get('pending') + get('sending') };
    },
    async pendingChannels(campaignId) {
      return q.pendingChannels.all(campaignId).map((r) => ({ channel: r.channel, dueAt: r.due_at }));
    },
    async forget(channel, userId) {
      q.forget.run(`${channel}:${userId}`);
    },
    async *recipients(campaignId) {
      for (const row of q.all.iterate(campaignId)) yield toRecipient(row);
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
