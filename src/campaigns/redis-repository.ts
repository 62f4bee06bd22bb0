// Campaign records in Redis, shared by every server process. Each state change is one Lua script, so two
// processes can never both move the same recipient from pending to sending, and the counts stay exact.
import { Redis } from 'ioredis';
import type { CampaignRepository, NewRecipient } from './repository.js';
import type { Campaign, CampaignCounts, Recipient } from './types.js';

const P = 'tro-ly-so:campaign';
const INDEX = `${P}s`;
const campaignKey = (id: string) => `${P}:${id}`;
const recipientsKey = (id: string) => `${P}:${id}:r`;
const countsKey = (id: string) => `${P}:${id}:n`;

type StoredRecipient = Omit<Recipient, 'campaignId' | 'key'>;

/** Moves one recipient between states if it is in `from`; keeps the per-status counts in step. */
const TRANSITION = `
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return 0 end
local r = cjson.decode(raw)
local allowed = false
for s in string.gmatch(ARGV[2], '[^,]+') do if r.status == s then allowed = true end end
if not allowed then return 0 end
local patch = cjson.decode(ARGV[3])
redis.call('HINCRBY', KEYS[2], r.status, -1)
for k, v in pairs(patch) do r[k] = v end
if patch.attemptsDelta then r.attempts = r.attempts + patch.attemptsDelta; r.attemptsDelta = nil end
redis.call('HINCRBY', KEYS[2], r.status, 1)
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(r))
return 1`;

/** Compare-and-set of a campaign's status. */
const SET_STATUS = `
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local c = cjson.decode(raw)
local allowed = false
for s in string.gmatch(ARGV[1], '[^,]+') do if c.status == s then allowed = true end end
if not allowed then return 0 end
local extra = cjson.decode(ARGV[2])
for k, v in pairs(extra) do c[k] = v end
c.status = ARGV[3]
redis.call('SET', KEYS[1], cjson.encode(c))
return 1`;

/** Adds recipients that are not there yet, counting them as pending. */
const ADD = `
local added = 0
for i = 1, #ARGV, 2 do
  if redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[i + 1]) == 1 then added = added + 1 end
end
redis.call('HINCRBY', KEYS[2], 'pending', added)
return added`;

export function createRedisCampaignRepository(url: string): CampaignRepository {
  const redis = new Redis(url, { maxRetriesPerRequest: 3, lazyConnect: false });
  redis.on('error', () => {}); // reconnects by itself; commands report failures
  const transition = (id: string, key: string, from: string, patch: Record<string, unknown>) =>
    redis.eval(TRANSITION, 2, recipientsKey(id), countsKey(id), key, from, JSON.stringify(patch)) as Promise<number>;
  const read = (id: string, key: string, raw: string): Recipient => ({ ...(JSON.parse(raw) as StoredRecipient), campaignId: id, key });

  return {
    async saveCampaign(c) {
      await redis.multi().set(campaignKey(c.id), JSON.stringify(c)).zadd(INDEX, c.createdAt, c.id).exec();
    },
    async getCampaign(id) {
      const raw = await redis.get(campaignKey(id));
      return raw ? (JSON.parse(raw) as Campaign) : undefined;
    },
    async listCampaigns() {
      const ids = await redis.zrevrange(INDEX, 0, -1);
      if (ids.length === 0) return [];
      const raws = await redis.mget(ids.map(campaignKey));
      return raws.flatMap((raw) => (raw ? [JSON.parse(raw) as Campaign] : []));
    },
    async setStatus(id, from, to, extra = {}) {
      return (await redis.eval(SET_STATUS, 1, campaignKey(id), from.join(','), JSON.stringify(extra), to)) === 1;
    },
    async addRecipients(id, recipients: readonly NewRecipient[]) {
      const now = Date.now();
      for (let i = 0; i < recipients.length; i += 500) {
        const args = recipients.slice(i, i + 500).flatMap((r) => [r.key, JSON.stringify({ channel: r.channel, chatId: r.chatId, locale: r.locale, status: 'pending', attempts: 0, notBefore: 0, updatedAt: now } satisfies StoredRecipient)]);
        await redis.eval(ADD, 2, recipientsKey(id), countsKey(id), ...args);
      }
    },
    async getRecipient(id, key) {
      const raw = await redis.hget(recipientsKey(id), key);
      return raw ? read(id, key, raw) : undefined;
    },
    async due(id, channel, limit, now) {
      const out: Recipient[] = [];
      let cursor = '0';
      do {
        const [next, flat] = await redis.hscan(recipientsKey(id), cursor, 'COUNT', 1000);
        cursor = next;
        for (let i = 0; i < flat.length && out.length < limit; i += 2) {
          const r = read(id, flat[i]!, flat[i + 1]!);
          if (r.channel === channel && r.status === 'pending' && r.notBefore <= now) out.push(r);
        }
      } while (cursor !== '0' && out.length < limit);
      return out;
    },
    async markSending(id, key, now) {
      return (await transition(id, key, 'pending', { status: 'sending', updatedAt: now })) === 1;
    },
    async finish(id, key, status, now, reason) {
      await transition(id, key, 'sending', { status, updatedAt: now, attemptsDelta: 1, ...(reason ? { reason } : {}) });
    },
    async retryLater(id, key, notBefore, now, reason, countAttempt) {
      await transition(id, key, 'sending', { status: 'pending', notBefore, updatedAt: now, reason, attemptsDelta: countAttempt ? 1 : 0 });
    },
    async failInterrupted(id, now) {
      let n = 0;
      for await (const r of this.recipients(id)) {
        if (r.status === 'sending') n += await transition(id, r.key, 'sending', { status: 'failed', updatedAt: now, reason: 'interrupted: the server stopped during the send; not resent to avoid a duplicate' });
      }
      return n;
    },
    async counts(id): Promise<CampaignCounts> {
      const c = await redis.hgetall(countsKey(id));
      const get = (k: string) => Number(c[k] ?? 0);
      const sent = get('sent');
      const failed = get('failed');
      const blocked = get('blocked');
      const skipped = get('skipped');
      const pending = get('pending') + get('sending');
      return { total: sent + failed + blocked + skipped + pending, sent, failed, blocked, skipped, pending };
    },
    async pendingChannels(id) {
      const due = new Map<string, number>();
      for await (const r of this.recipients(id)) if (r.status === 'pending') due.set(r.channel, Math.min(due.get(r.channel) ?? Infinity, r.notBefore));
      return [...due].map(([channel, dueAt]) => ({ channel, dueAt }));
    },
    async *recipients(id) {
      let cursor = '0';
      const all: Recipient[] = [];
      do {
        const [next, flat] = await redis.hscan(recipientsKey(id), cursor, 'COUNT', 1000);
        cursor = next;
        for (let i = 0; i < flat.length; i += 2) all.push(read(id, flat[i]!, flat[i + 1]!));
      } while (cursor !== '0');
      all.sort((a, b) => (a.channel === b.channel ? (a.key < b.key ? -1 : 1) : a.channel < b.channel ? -1 : 1));
      yield* all;
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
