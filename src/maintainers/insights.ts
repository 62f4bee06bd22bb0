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
  /** An answer given with little confidence: the masked question, for maintainers to check the answer fits. */
  | { readonly kind: 'low-score'; readonly channel: string; readonly intent: string; readonly score: number; readonly text: string; readonly normalized: string; readonly at: number }
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

/** A question answered with a low score (masked), the latest of its kind. */
export interface LowScoreAnswer {
  readonly text: string;
  readonly normalized: string;
  readonly intent: string;
  readonly score: number;
  readonly count: number;
  readonly lastAt: number;
}

/** Low-score answers kept, most recent first. */
const MAX_LOW_SCORES = 100;

export interface Insights {
  record(event: InsightEvent): Promise<void>;
  /** Questions answered with a low score, most recent first (masked, within the inbox retention). */
  lowScores(): Promise<LowScoreAnswer[]>;
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

/** Groups kept at most by default; beyond it the oldest, least-asked groups are dropped first. */
export const DEFAULT_MAX_GROUPS = 5000;

/**
 * Prefix filtering for near-duplicates: if two token sets share at least NEAR_DUPLICATE of their union, then in any
 * one fixed order of tokens their first |x| - ceil(0.8·|x|) + 1 tokens intersect. So a group is indexed under those
 * few tokens only, and a question looks only at the groups under its own prefix: never a scan of every group.
 * The order puts rare tokens first (by how many groups had them when the index was last built), so common words
 * ("là", "gì") are almost never in a prefix and no posting list grows with the flood.
 */
function prefixTokens(tokens: readonly string[], rank: ReadonlyMap<string, number>): string[] {
  const sorted = [...new Set(tokens)].sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
  return sorted.slice(0, sorted.length - Math.ceil(NEAR_DUPLICATE * sorted.length) + 1);
}

/** Atomic counters (the store's HINCRBY): statistics from several processes add up without lost updates. */
export interface Counters {
  increment(hash: string, by: Readonly<Record<string, number>>): Promise<void>;
  counters(hash: string): Promise<Record<string, number>>;
}

export function createInsights(options: { inbox: Keyv; stats: Keyv; meta: Keyv; retentionDays: number; maxGroups?: number; counters?: Counters }): Insights {
  const maxGroups = options.maxGroups ?? DEFAULT_MAX_GROUPS;
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

  /**
   * This process's index of the groups: prefix token → open group ids (for near-duplicates), and each group's
   * count and last time (to drop the oldest, least-asked when there are too many). Built once from the store.
   */
  interface Indexed {
    tokens: Set<string>;
    prefix: string[];
    open: boolean;
    count: number;
    lastAt: number;
  }
  interface Index {
    groups: Map<string, Indexed>;
    byToken: Map<string, Set<string>>;
    /** Token → number of groups that had it at the last build (the order of prefixes). */
    rank: Map<string, number>;
    builtAt: number;
    /** Groups added since the last build. */
    added: number;
  }
  let index: Promise<Index> | undefined;
  const getIndex = () =>
    (index ??= (async () => {
      const built: Index = { groups: new Map(), byToken: new Map(), rank: new Map(), builtAt: 0, added: 0 };
      for (const g of await allGroups()) indexGroup(built, g);
      rebuild(built);
      return built;
    })().catch((error: unknown) => {
      index = undefined; // the store was down: build it again next time
      throw error;
    }));
  function post(ix: Index, id: string, entry: Indexed): void {
    if (!entry.open) return;
    for (const t of entry.prefix) {
      let ids = ix.byToken.get(t);
      if (!ids) ix.byToken.set(t, (ids = new Set()));
      ids.add(id);
    }
  }
  /** A new order from today's token counts, and every prefix again (in memory; when the groups have doubled). */
  function rebuild(ix: Index): void {
    ix.rank = new Map();
    for (const entry of ix.groups.values()) for (const t of entry.tokens) ix.rank.set(t, (ix.rank.get(t) ?? 0) + 1);
    ix.byToken = new Map();
    for (const [id, entry] of ix.groups) {
      entry.prefix = prefixTokens([...entry.tokens], ix.rank);
      post(ix, id, entry);
    }
    ix.builtAt = ix.groups.size;
    ix.added = 0;
  }
  function indexGroup(ix: Index, g: StoredGroup): void {
    unindexGroup(ix, g.id);
    const tokens = g.normalized.split(' ').filter(Boolean);
    const entry: Indexed = { tokens: new Set(tokens), prefix: prefixTokens(tokens, ix.rank), open: g.status === 'open', count: g.times.length, lastAt: g.lastAt };
    ix.groups.set(g.id, entry);
    post(ix, g.id, entry);
    ix.added += 1;
    // Amortised: a rebuild costs one pass over the groups, and comes only after as many additions.
    if (ix.added >= Math.max(16, ix.builtAt)) rebuild(ix);
  }
  function unindexGroup(ix: Index, id: string): void {
    const old = ix.groups.get(id);
    if (!old) return;
    ix.groups.delete(id);
    for (const t of old.prefix) {
      const ids = ix.byToken.get(t);
      ids?.delete(id);
      if (ids?.size === 0) ix.byToken.delete(t);
    }
  }
  /** Over the limit: drop the least-asked, then oldest, groups down to 90% of it (in one go, so rarely). */
  async function evict(ix: Index, keep: string): Promise<void> {
    if (ix.groups.size <= maxGroups) return;
    const target = Math.max(1, Math.floor(maxGroups * 0.9));
    const victims = [...ix.groups].filter(([id]) => id !== keep).sort(([, a], [, b]) => a.count - b.count || a.lastAt - b.lastAt).slice(0, ix.groups.size - target);
    for (const [id] of victims) {
      unindexGroup(ix, id);
      await options.inbox.delete(id);
    }
  }

  async function addToInbox(e: Extract<InsightEvent, { kind: 'inbox' }>): Promise<void> {
    const masked = maskPersonalData(e.text).trim().slice(0, 500);
    const normalized = e.normalized || masked.toLowerCase();
    await serial('inbox', async () => {
      const ix = await getIndex();
      let group = (await options.inbox.get(groupId(normalized))) as StoredGroup | undefined;
      if (!group) {
        const tokens = normalized.split(' ').filter(Boolean);
        const set = new Set(tokens);
        const seen = new Set<string>();
        let best: string | undefined;
        let bestScore = 0;
        for (const t of prefixTokens(tokens, ix.rank)) {
          for (const id of ix.byToken.get(t) ?? []) {
            if (seen.has(id)) continue;
            seen.add(id);
            const score = similarity(set, ix.groups.get(id)!.tokens);
            if (score >= NEAR_DUPLICATE && score > bestScore) [best, bestScore] = [id, score];
          }
        }
        if (best) group = (await options.inbox.get(best));
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
      indexGroup(ix, updated);
      await evict(ix, updated.id);
    });
  }

  /** Counter fields: "c|channel|messages", "i|intent", "u|intent" (👍), "d|intent" (👎), "v|verdict", "f|flagged domain". */
  async function countDay(day: string, by: Record<string, number>): Promise<void> {
    await options.counters!.increment(`stats:${day}`, by);
  }
  async function readDay(day: string): Promise<DayStats> {
    const stats = ((await options.stats.get(day)) as DayStats | undefined) ?? { channels: {}, intents: {}, feedback: {} };
    if (!options.counters) return stats;
    for (const [field, n] of Object.entries(await options.counters.counters(`stats:${day}`))) {
      const [kind, name = '', what = ''] = field.split('|');
      if (kind === 'c' && (what === 'messages' || what === 'answered' || what === 'fallback' || what === 'clarify')) channelOf(stats, name)[what] += n;
      else if (kind === 'i') stats.intents[name] = (stats.intents[name] ?? 0) + n;
      else if (kind === 'v') (stats.checks ??= {})[name] = (stats.checks?.[name] ?? 0) + n;
      else if (kind === 'f') (stats.flaggedDomains ??= {})[name] = (stats.flaggedDomains?.[name] ?? 0) + n;
      else if (kind === 'u' || kind === 'd') {
        const f = (stats.feedback[name] ??= { up: 0, down: 0 });
        if (kind === 'u') f.up += n;
        else f.down += n;
      }
    }
    return stats;
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
      if (e.kind === 'low-score') {
        await serial('low-scores', async () => {
          const text = maskPersonalData(e.text).trim().slice(0, 300);
          const normalized = maskPersonalData(e.normalized);
          const list = ((await options.meta.get('low-scores')) as LowScoreAnswer[] | undefined) ?? [];
          const same = list.find((l) => l.normalized === normalized && l.intent === e.intent);
          const entry: LowScoreAnswer = { text, normalized, intent: e.intent, score: Math.round(e.score * 1000) / 1000, count: (same?.count ?? 0) + 1, lastAt: e.at };
          await options.meta.set('low-scores', [entry, ...list.filter((l) => l !== same)].slice(0, MAX_LOW_SCORES));
        });
        return;
      }
      if (options.counters) {
        if (e.kind === 'answer') await countDay(day, { [`c|${e.channel}|messages`]: 1, [`c|${e.channel}|answered`]: 1, [`i|${e.intent}`]: 1 });
        else if (e.kind === 'clarify') await countDay(day, { [`c|${e.channel}|messages`]: 1, [`c|${e.channel}|clarify`]: 1 });
        else if (e.kind === 'feedback') await countDay(day, { [`${e.helpful ? 'u' : 'd'}|${e.intent}`]: 1 });
        else if (e.kind === 'check') {
          const domains = Object.fromEntries(e.domains.slice(0, 5).map((d) => [`f|${d}`, 1]));
          await countDay(day, { [`c|${e.channel}|messages`]: 1, [`c|${e.channel}|answered`]: 1, [`v|${e.verdict}`]: 1, ...domains });
        } else {
          if (e.reason === 'fallback') await countDay(day, { [`c|${e.channel}|messages`]: 1, [`c|${e.channel}|fallback`]: 1 });
          await addToInbox(e);
        }
        return;
      }
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
    async lowScores() {
      return ((await options.meta.get('low-scores')) as LowScoreAnswer[] | undefined) ?? [];
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
        if (index) indexGroup(await getIndex(), updated);
        return view(updated);
      });
    },
    async days(from, to) {
      const out: { day: string; stats: DayStats }[] = [];
      for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
        const day = dayOf(t);
        out.push({ day, stats: await readDay(day) });
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
          if (kept.length === 0) {
            await options.inbox.delete(g.id);
            if (index) unindexGroup(await getIndex(), g.id);
          } else {
            await options.inbox.set(g.id, { ...g, times: kept });
            if (index) indexGroup(await getIndex(), { ...g, times: kept });
          }
        }
      });
      await serial('low-scores', async () => {
        const list = ((await options.meta.get('low-scores')) as LowScoreAnswer[] | undefined) ?? [];
        const kept = list.filter((l) => l.lastAt >= cutoff);
        if (kept.length !== list.length) await options.meta.set('low-scores', kept);
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
