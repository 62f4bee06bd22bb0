// The maintainers' side of /admin/api: the unanswered inbox and its actions, answer edits, "Thử câu hỏi", the
// content health page, reload, and the dashboard numbers (also as CSV).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Brain } from '../conversation/brain.js';
import type { ChannelPreview } from '../channels/previews.js';
import type { ConsoleMessages } from '../i18n/console-messages.js';
import type { Messages } from '../i18n/messages.js';
import { readCheckReport } from '../maintainers/check-report.js';
import type { InboxGroup, Insights } from '../maintainers/insights.js';
import { dayOf } from '../maintainers/insights.js';
import { newIntentSchema, readAnswer, today } from '../maintainers/intent-editor.js';
import type { KnowledgeEdits } from '../maintainers/knowledge-worker.js';
import { clusterNearDuplicates } from '../maintainers/near-duplicates.js';
import type { KnowledgeReloader } from '../maintainers/reloader.js';
import { REVIEW_MONTHS } from '../maintainers/review.js';
import { pick } from '../knowledge/types.js';
import type { Users } from '../users/users.js';
import type { AdminAuth } from './auth.js';
import { ConsoleError } from './console-errors.js';
import { statsCsv } from './stats-csv.js';
import { tryQuestion } from './try-question.js';

export interface MaintainerRoutesDeps {
  readonly auth: AdminAuth;
  readonly insights: Insights;
  readonly reloader: KnowledgeReloader;
  readonly users: Users;
  readonly brain: () => Brain;
  readonly messages: Messages;
  readonly consoleMessages: ConsoleMessages;
  readonly previews: Readonly<Record<string, ChannelPreview>>;
  readonly intentsDir: string;
  /** Where `npm run intents:check` leaves its report (the data folder). */
  readonly dataDir: string;
  /** Edits of the intent files, each validated against the whole knowledge (on a worker) before it is written. */
  readonly edits: KnowledgeEdits;
  readonly topics: () => readonly string[];
  readonly now?: () => number;
}

/** Suggestions a maintainer would not pick: below this score they are not shown. */
export const SUGGESTION_MIN_SCORE = 0.1;
/** Inbox groups compared for near-duplicates and shown (the most asked first). */
const INBOX_SHOWN = 300;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)));
const statsQuery = z
  .object({ from: day.optional(), to: day.optional() })
  .transform((q) => {
    const to = q.to ?? dayOf(Date.now());
    return { to, from: q.from ?? dayOf(Date.parse(`${to}T00:00:00Z`) - 13 * 86_400_000) };
  })
  .refine((q) => q.from <= q.to)
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 <= 366);
const members = z.array(z.string().regex(/^[a-f0-9]{12}$/)).max(50).optional();
const addBody = z.object({ intent: z.string().min(1).max(30), text: z.string().trim().min(1).max(300).optional(), members }).strict();
const memberBody = z.object({ members }).strict();
const answerBody = z.object({ answer: z.string().max(2000) }).strict();
const tryBody = z.object({ q: z.string().trim().min(1).max(1000), edit: z.object({ intent: z.string().min(1).max(30), answer: z.string().max(2000) }).strict().optional() }).strict();

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ConsoleError('invalid_request', undefined, parsed.error.issues);
  return parsed.data;
}

export function registerMaintainerRoutes(app: FastifyInstance, deps: MaintainerRoutesDeps): void {
  const now = deps.now ?? Date.now;
  const titleOf = (id: string) => {
    const intent = deps.brain().knowledge.intents.get(id);
    return intent ? pick(intent.title, 'vi') : id;
  };

  /** An inbox group that is still there, or a clear 404. */
  async function groupOf(id: string): Promise<InboxGroup> {
    const group = await deps.insights.group(id);
    if (!group) throw new ConsoleError('not_found', { id: 'inbox-not-found' });
    return group;
  }
  /** Resolves a group and the near-duplicates shown with it. */
  async function resolveAll(group: InboxGroup, others: readonly string[] | undefined, status: 'ignored' | 'added', resolution: string): Promise<void> {
    for (const id of new Set([group.id, ...(others ?? [])])) await deps.insights.resolve(id, status, resolution, now());
  }
  async function reloaded(reason: string, file: string) {
    const reload = await deps.reloader.reload(reason);
    return { ok: reload.ok, file: file.slice(file.lastIndexOf('/') + 1), reload: reload.status };
  }

  app.register(async (api) => {
    api.addHook('onRequest', async (request) => {
      await deps.auth.check(request);
    });

    api.get<{ Querystring: { status?: string } }>('/inbox', async (request) => {
      const status = parse(z.enum(['open', 'ignored', 'added', 'all']).default('open'), request.query.status);
      const groups = (await deps.insights.inbox({ status })).slice(0, INBOX_SHOWN);
      const clusters = clusterNearDuplicates(groups, (g) => g.normalized);
      return {
        groups: clusters.map(([lead, ...rest]) => ({
          ...lead!,
          count: lead!.count + rest.reduce((n, g) => n + g.count, 0),
          askers: lead!.askers + rest.reduce((n, g) => n + g.askers, 0),
          reasons: mergeCounts([lead!.reasons, ...rest.map((g) => g.reasons)]),
          members: rest.map((g) => g.id),
          similar: rest.map((g) => g.examples[0] ?? g.normalized),
          candidates: lead!.candidates.filter((c) => c.score >= SUGGESTION_MIN_SCORE).map((c) => ({ ...c, title: titleOf(c.intent) })),
        })),
      };
    });

    api.post<{ Params: { id: string } }>('/inbox/:id/add', async (request) => {
      const body = parse(addBody, request.body ?? {});
      const group = await groupOf(request.params.id);
      const file = await deps.edits.addUtterance(body.intent, body.text ?? group.examples[0]!, 'vi');
      await resolveAll(group, body.members, 'added', `added to ${body.intent}`);
      return reloaded(`inbox: added to ${body.intent}`, file);
    });

    api.post<{ Params: { id: string } }>('/inbox/:id/new', async (request) => {
      const group = await groupOf(request.params.id);
      const { members: others, ...fields } = (request.body ?? {}) as { members?: unknown };
      const body = parse(newIntentSchema, { question: group.examples[0], ...fields });
      const file = await deps.edits.createIntent(body);
      await resolveAll(group, parse(members, others), 'added', `new intent ${body.id}`);
      return reloaded(`inbox: new intent ${body.id}`, file);
    });

    api.post<{ Params: { id: string } }>('/inbox/:id/out-of-scope', async (request) => {
      const body = parse(memberBody, request.body ?? {});
      const group = await groupOf(request.params.id);
      const question = group.examples[0]!;
      const owner = [...deps.brain().knowledge.intents.values()].find((i) => i.utterances.vi.includes(question) || i.utterances.en.includes(question));
      if (owner) throw new ConsoleError('conflict', { id: 'out-of-scope-is-question', args: { intent: owner.id } });
      const file = await deps.edits.addOutOfScope(question, 'vi');
      await resolveAll(group, body.members, 'added', 'out of scope');
      return reloaded('inbox: out of scope', file);
    });

    api.post<{ Params: { id: string } }>('/inbox/:id/ignore', async (request) => {
      const body = parse(memberBody, request.body ?? {});
      const group = await groupOf(request.params.id);
      await resolveAll(group, body.members, 'ignored', 'ignored');
      return { ok: true };
    });

    // An intent's answer as written in its file, to edit; and the edit itself (checked before it is written).
    api.get<{ Params: { id: string } }>('/intents/:id/answer', async (request) => {
      const found = readAnswer(deps.intentsDir, request.params.id);
      if (!found) throw new ConsoleError('not_found', { id: 'intent-not-found', args: { intent: request.params.id.slice(0, 30) } });
      return { intent: request.params.id, title: titleOf(request.params.id), ...found };
    });
    api.put<{ Params: { id: string } }>('/intents/:id/answer', async (request) => {
      const body = parse(answerBody, request.body ?? {});
      const file = await deps.edits.setAnswer(request.params.id, body.answer, 'vi', now());
      return { ...(await reloaded(`console: answer of ${request.params.id}`, file)), reviewed: today(now()) };
    });

    api.get<{ Querystring: { q?: string } }>('/intents', async (request) => {
      const q = (request.query.q ?? '').toLowerCase().trim().slice(0, 100);
      const intents = [...deps.brain().knowledge.intents.values()]
        .map((i) => ({ id: i.id, title: pick(i.title, 'vi'), file: i.file }))
        .filter((i) => q === '' || i.id.includes(q) || i.title.toLowerCase().includes(q));
      return { intents: intents.slice(0, 50) };
    });

    api.post('/try', async (request) => {
      const body = parse(tryBody, request.body ?? {});
      return tryQuestion(deps.brain(), deps.messages, deps.previews, body.q, body.edit);
    });

    api.get('/health', async () => {
      const knowledge = deps.brain().knowledge;
      const cutoff = staleBefore(now());
      const stale = [...knowledge.intents.values()].filter((i) => i.reviewed < cutoff).sort((a, b) => a.reviewed.localeCompare(b.reviewed));
      const to = dayOf(now());
      const feedback = sumFeedback(await deps.insights.days(dayOf(now() - 89 * 86_400_000), to));
      const report = readCheckReport(deps.dataDir);
      return {
        stale: stale.map((i) => ({ intent: i.id, title: pick(i.title, 'vi'), reviewed: i.reviewed, file: i.file })),
        mostDown: [...feedback].filter(([, f]) => f.down > 0).sort(([, a], [, b]) => b.down - a.down).slice(0, 10).map(([intent, f]) => ({ intent, title: titleOf(intent), ...f })),
        lowScores: (await deps.insights.lowScores()).slice(0, 20).map((l) => ({ text: l.text, intent: l.intent, title: titleOf(l.intent), score: l.score, count: l.count })),
        confused: report ? { at: report.at, pairs: report.confusions.slice(0, 10).map((c) => ({ ...c, expectedTitle: titleOf(c.expected), predictedTitle: titleOf(c.predicted) })) } : null,
      };
    });

    api.post('/reload', async () => {
      const result = await deps.reloader.reload('POST /admin/api/reload');
      return { ok: result.ok, ...result.status };
    });
    api.get('/knowledge', async () => deps.reloader.status());

    api.get<{ Querystring: { from?: string; to?: string } }>('/stats', async (request) => stats(request));
    api.get<{ Querystring: { from?: string; to?: string } }>('/stats.csv', async (request, reply) => {
      const data = await stats(request);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="thong-ke-${data.from}-${data.to}.csv"`)
        .send(statsCsv(data));
    });
  }, { prefix: '/admin/api' });

  async function stats(request: FastifyRequest<{ Querystring: { from?: string; to?: string } }>) {
    const parsed = statsQuery.safeParse(request.query);
    if (!parsed.success) throw new ConsoleError('invalid_request', { id: 'stats-dates' });
    const { from, to } = parsed.data;
    const days = await deps.insights.days(from, to);
    const totals = { messages: 0, answered: 0, fallback: 0, clarify: 0 };
    const intents = new Map<string, number>();
    const checks = { official: 0, warning: 0, unknown: 0 } as Record<string, number>;
    const flagged = new Map<string, number>();
    for (const { stats } of days) {
      for (const [verdict, n] of Object.entries(stats.checks ?? {})) checks[verdict] = (checks[verdict] ?? 0) + n;
      for (const [domain, n] of Object.entries(stats.flaggedDomains ?? {})) flagged.set(domain, (flagged.get(domain) ?? 0) + n);
      for (const c of Object.values(stats.channels)) {
        totals.messages += c.messages;
        totals.answered += c.answered;
        totals.fallback += c.fallback;
        totals.clarify += c.clarify;
      }
      for (const [id, n] of Object.entries(stats.intents)) intents.set(id, (intents.get(id) ?? 0) + n);
    }
    const feedback = sumFeedback(days);
    const subscribersByTopic: Record<string, number> = Object.fromEntries(deps.topics().map((t) => [t, 0]));
    for await (const user of deps.users.all()) {
      if (!user.active) continue;
      for (const topic of Object.keys(user.subscriptions)) subscribersByTopic[topic] = (subscribersByTopic[topic] ?? 0) + 1;
    }
    const inbox = await deps.insights.inbox();
    const rate = (n: number) => (totals.messages ? Math.round((n / totals.messages) * 1000) / 1000 : 0);
    const topicLabel = (topic: string) => (deps.messages.has('vi', `topic-${topic}`) ? deps.messages.t('vi', `topic-${topic}`) : topic);
    return {
      from,
      to,
      days: days.map((d) => ({ day: d.day, channels: d.stats.channels })),
      totals: { ...totals, answeredRate: rate(totals.answered), fallbackRate: rate(totals.fallback) },
      topIntents: [...intents].map(([intent, count]) => ({ intent, title: titleOf(intent), count })).sort((a, b) => b.count - a.count).slice(0, 10),
      feedback: [...feedback].map(([intent, f]) => ({ intent, title: titleOf(intent), ...f, helpfulRatio: Math.round((f.up / Math.max(1, f.up + f.down)) * 1000) / 1000 })).sort((a, b) => b.up + b.down - (a.up + a.down)),
      topUnanswered: inbox.slice(0, 10).map((g) => ({ id: g.id, example: g.examples[0], count: g.count, askers: g.askers })),
      subscribersByTopic,
      topics: Object.keys(subscribersByTopic).map((id) => ({ id, label: topicLabel(id), count: subscribersByTopic[id]! })),
      // Scam checks by verdict, and the flagged registrable domains seen most (domains only).
      checks,
      topFlaggedDomains: [...flagged].map(([domain, count]) => ({ domain, count })).sort((a, b) => b.count - a.count || a.domain.localeCompare(b.domain)).slice(0, 10),
    };
  }
}

function sumFeedback(days: readonly { stats: { feedback: Record<string, { up: number; down: number }> } }[]): Map<string, { up: number; down: number }> {
  const feedback = new Map<string, { up: number; down: number }>();
  for (const { stats } of days) {
    for (const [id, f] of Object.entries(stats.feedback)) {
      const sum = feedback.get(id) ?? { up: 0, down: 0 };
      feedback.set(id, { up: sum.up + f.up, down: sum.down + f.down });
    }
  }
  return feedback;
}

function mergeCounts(counts: readonly Readonly<Partial<Record<string, number>>>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of counts) for (const [k, n] of Object.entries(c)) out[k] = (out[k] ?? 0) + (n ?? 0);
  return out;
}

/** The review date before which an intent is stale (REVIEW_MONTHS ago). */
function staleBefore(at: number): string {
  const limit = new Date(at);
  limit.setUTCMonth(limit.getUTCMonth() - REVIEW_MONTHS);
  return limit.toISOString().slice(0, 10);
}
