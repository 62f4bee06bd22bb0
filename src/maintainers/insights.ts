// What maintainers learn from conversations: the unanswered inbox (fallbacks, unresolved clarifications,
// answers marked unhelpful), grouped and counted, and daily statistics. Questions are stored masked; people
// only as salted hashes, to count distinct askers. Nothing here can lead back to a chat.
import { createHash, randomBytes } from 'node:crypto';
import type Keyv from 'keyv';
import { maskPersonalData } from './mask.js';

export type InboxReason = 'fallback' | 'unresolved' | 'unhelpful';

export interface Candidate {
  readonly intent: string;
  readonly score: number;
}

export type InsightEvent =
  | { readonly kind: 'answer'; readonly channel: string; readonly intent: string; readonly at: number }
  | { readonly kind: 'clarify'; readonly channel: string; readonly at: number }
  | { readonly kind: 'inbox'; readonly reason: InboxReason; readonly channel: string; readonly text: string; readonly normalized: string; readonly candidates: readonly Candidate[]; readonly asker: string; readonly at: number }
  | { readonly kind: 'feedback'; readonly channel: string; readonly intent: string; readonly helpful: boolean; readonly at: number }
  /** A scam check: its verdict and the registrable domains it flagged (never numbers or message text). */
  | { readonly kind: 'check'; readonly channel: string; readonly verdict: string; readonly domains: readonly string[]; readonly at: number };

export interface InboxGroup {
  readonly id: string;
  readonly normalized: string;
  /** Masked examples, most recent first (at most 5 distinct). */
  readonly examples: readonly string[];
  readonly count: number;
  readonly askers: number;
  readonly reasons: Readonly<Partial<Record<InboxReason, number>>>;
  readonly channels: Readonly<Record<string, number>>;
  readonly candidates: readonly Candidate[];
  readonly firstAt: number;
  readonly lastAt: number;
  readonly status: 'open' | 'ignored' | 'added';
  readonly resolvedAt?: number;
  readonly resolution?: string;
}

interface StoredGroup extends Omit<InboxGroup, 'askers' | 'count'> {
  readonly askerHashes: readonly string[];
  /** When each question arrived; retention drops old ones. */
  readonly times: readonly number[];
}

export interface DayStats {
  readonly channels: Record<string, { messages: number; answered: number; fallback: number; clarify: number }>;
  readonly intents: Record<string, number>;
  readonly feedback: Record<string, { up: number; down: number }>;
  /** Scam checks by verdict, and flagged registrable domains (absent in days before the scam check existed). */
  checks?: Record<string, number>;
  flaggedDomains?: Record<string, number>;
}

export interface Insights {
  record(event: InsightEvent): Promise<void>;
  /** A salted hash of channel:userId: counts distinct askers without storing who they are. */
  askerHash(channel: string, userId: string): Promise<string>;
  inbox(options?: { status?: InboxGroup['status'] | 'all' }): Promise<InboxGroup[]>;
  group(id: string): Promise<InboxGroup | undefined>;
  resolve(id: string, status: 'ignored' | 'added', resolution: string, at: number): Promise<InboxGroup | undefined>;
  days(from: string, to: string): Promise<{ day: string; stats: DayStats }[]>;
  /** Deletes inbox records older than the retention; returns how many questions were dropped. */
  purge(now: number): Promise<number>;
}

const MAX_EXAMPLES = 5;
const MAX_TIMES = 1000;
const MAX_ASKERS = 1000;
/** Token overlap above which two questions count as the same question. */
const NEAR_DUPLICATE = 0.8;

export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function createInsights(options: { inbox: Keyv; stats: Keyv; meta: Keyv; retentionDays: number }): Insights {
  const locks = new Map<string, Promise<unknown>>();
  /** Updates of one key happen one after another in this process (read-modify-write). */
  const serial = <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const previous = locks.get(key) ?? Promise.resolve();
    const next = previous.catch(() => {}).then(task);
    locks.set(key, next);
    void next.finally(() => {
      if (locks.get(key) === next) locks.delete(key);
    }).catch(() => {});
    return next;
  };
  let salt: Promise<string> | undefined;
  const getSalt = () =>
    (salt ??= (async () => {
      const existing = (await options.meta.get('asker-salt')) as string | undefined;
      if (existing) return existing;
      const fresh = randomBytes(32).toString('hex');
      await options.meta.set('asker-salt', fresh);
      return fresh;
    })());

  const view = (g: StoredGroup): InboxGroup => {
    const { askerHashes, times, ...rest } = g;
    return { ...rest, count: times.length, askers: askerHashes.length };
  };

  async function allGroups(): Promise<StoredGroup[]> {
    const out: StoredGroup[] = [];
    if (!options.inbox.iterator) return out;
    for await (const [, value] of options.inbox.iterator(undefined)) if (value) out.push(value as StoredGroup);
    return out;
  }

  async function addToInbox(e: Extract<InsightEvent, { kind: 'inbox' }>): Promise<void> {
    const masked = maskPersonalData(e.text).trim().slice(0, 500);
    const normalized = e.normalized || masked.toLowerCase();
    await serial('inbox', async () => {
      let group = (await options.inbox.get(groupId(normalized))) as StoredGroup | undefined;
      if (!group) {
        const tokens = new Set(normalized.split(' '));
        group = (await allGroups()).find((g) => g.status === 'open' && similarity(tokens, new Set(g.normalized.split(' '))) >= NEAR_DUPLICATE);
      }
      const base: StoredGroup = group ?? {
        id: groupId(normalized), normalized, examples: [], reasons: {}, channels: {}, candidates: [], firstAt: e.at, lastAt: e.at, status: 'open', askerHashes: [], times: [],
      };
      const updated: StoredGroup = {
        ...base,
        // A question asked again after being ignored or added comes back to the inbox.
        status: 'open',
        examples: [masked, ...base.examples.filter((x) => x !== masked)].slice(0, MAX_EXAMPLES),
        reasons: { ...base.reasons, [e.reason]: (base.reasons[e.reason] ?? 0) + 1 },
        channels: { ...base.channels, [e.channel]: (base.channels[e.channel] ?? 0) + 1 },
        candidates: e.candidates.slice(0, 3),
        lastAt: e.at,
        askerHashes: base.askerHashes.includes(e.asker) ? base.askerHashes : [...base.askerHashes, e.asker].slice(-MAX_ASKERS),
        times: [...base.times, e.at].slice(-MAX_TIMES),
      };
      await options.inbox.set(updated.id, updated);
    });
  }

  async function addToDay(day: string, change: (s: DayStats) => void): Promise<void> {
    await serial(`day:${day}`, async () => {
      const stats = ((await options.stats.get(day)) as DayStats | undefined) ?? { channels: {}, intents: {}, feedback: {} };
      change(stats);
      await options.stats.set(day, stats);
    });
  }

  const channelOf = (s: DayStats, channel: string) => (s.channels[channel] ??= { messages: 0, answered: 0, fallback: 0, clarify: 0 });

  return {
    async askerHash(channel, userId) {
      return createHash('sha256').update(`${await getSalt()}\u0000${channel}:${userId}`).digest('hex').slice(0, 16);
    },
    async record(e) {
      const day = dayOf(e.at);
      if (e.kind === 'answer') {
        await addToDay(day, (s) => {
          const c = channelOf(s, e.channel);
          c.messages += 1;
          c.answered += 1;
          s.intents[e.intent] = (s.intents[e.intent] ?? 0) + 1;
        });
      } else if (e.kind === 'clarify') {
        await addToDay(day, (s) => {
          const c = channelOf(s, e.channel);
          c.messages += 1;
          c.clarify += 1;
        });
      } else if (e.kind === 'check') {
        await addToDay(day, (s) => countCheck(s, channelOf(s, e.channel), e));
      } else if (e.kind === 'feedback') {
        await addToDay(day, (s) => {
          const f = (s.feedback[e.intent] ??= { up: 0, down: 0 });
          if (e.helpful) f.up += 1;
          else f.down += 1;
        });
      } else {
        if (e.reason === 'fallback') {
          await addToDay(day, (s) => {
            const c = channelOf(s, e.channel);
            c.messages += 1;
            c.fallback += 1;
          });
        }
        await addToInbox(e);
      }
    },
    async inbox(opts = {}) {
      const status = opts.status ?? 'open';
      return (await allGroups())
        .filter((g) => status === 'all' || g.status === status)
        .map(view)
        .sort((a, b) => b.count - a.count || b.lastAt - a.lastAt);
    },
    async group(id) {
      const g = (await options.inbox.get(id)) as StoredGroup | undefined;
      return g ? view(g) : undefined;
    },
    async resolve(id, status, resolution, at) {
      return serial('inbox', async () => {
        const g = (await options.inbox.get(id)) as StoredGroup | undefined;
        if (!g) return undefined;
        const updated: StoredGroup = { ...g, status, resolution, resolvedAt: at };
        await options.inbox.set(id, updated);
        return view(updated);
      });
    },
    async days(from, to) {
      const out: { day: string; stats: DayStats }[] = [];
      for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
        const day = dayOf(t);
        out.push({ day, stats: ((await options.stats.get(day)) as DayStats | undefined) ?? { channels: {}, intents: {}, feedback: {} } });
        if (out.length > 400) break;
      }
      return out;
    },
    async purge(now) {
      const cutoff = now - options.retentionDays * 86_400_000;
      let dropped = 0;
      await serial('inbox', async () => {
        for (const g of await allGroups()) {
          const kept = g.times.filter((t) => t >= cutoff);
          if (kept.length === g.times.length) continue;
          dropped += g.times.length - kept.length;
          if (kept.length === 0) await options.inbox.delete(g.id);
          else await options.inbox.set(g.id, { ...g, times: kept });
        }
      });
      // Daily statistics hold no questions, only counts; they are kept for the dashboard.
      return dropped;
    },
  };
}

/** Distinct flagged domains kept per day: enough for a top list, bounded against a flood of random names. */
const MAX_FLAGGED_DOMAINS = 500;

/** A check is an answered message (so messages = answered + fallback + clarify still holds), counted by verdict. */
function countCheck(s: DayStats, channel: { messages: number; answered: number }, e: Extract<InsightEvent, { kind: 'check' }>): void {
  channel.messages += 1;
  channel.answered += 1;
  const checks = (s.checks ??= {});
  checks[e.verdict] = (checks[e.verdict] ?? 0) + 1;
  const domains = (s.flaggedDomains ??= {});
  for (const d of e.domains) {
    if (d in domains || Object.keys(domains).length < MAX_FLAGGED_DOMAINS) domains[d] = (domains[d] ?? 0) + 1;
  }
}

function groupId(normalized: string): string {
  return createHash('sha256').update(normalized).digest('hex').slice(0, 12);
}

function similarity(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const t of a) if (b.has(t)) shared += 1;
  return shared / Math.max(1, a.size + b.size - shared);
}
