// The maintainers' side of /admin/api: the unanswered inbox and its actions, reload, and the dashboard numbers.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Brain } from '../conversation/brain.js';
import type { Insights } from '../maintainers/insights.js';
import { dayOf } from '../maintainers/insights.js';
import { IntentEditError, newIntentSchema } from '../maintainers/intent-editor.js';
import type { KnowledgeEdits } from '../maintainers/knowledge-worker.js';
import type { KnowledgeReloader } from '../maintainers/reloader.js';
import { pick } from '../knowledge/types.js';
import { AppError } from '../server/errors.js';
import type { Users } from '../users/users.js';
import type { AdminAuth } from './auth.js';

export interface MaintainerRoutesDeps {
  readonly auth: AdminAuth;
  readonly insights: Insights;
  readonly reloader: KnowledgeReloader;
  readonly users: Users;
  readonly brain: () => Brain;
  /** Edits of the intent files, each validated against the whole knowledge before it is written. */
  readonly edits: KnowledgeEdits;
  readonly topics: () => readonly string[];
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'not a real date');
const statsQuery = z
  .object({ from: day.optional(), to: day.optional() })
  .transform((q) => {
    const to = q.to ?? dayOf(Date.now());
    return { to, from: q.from ?? dayOf(Date.parse(`${to}T00:00:00Z`) - 13 * 86_400_000) };
  })
  .refine((q) => q.from <= q.to, 'from must not be after to')
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 <= 366, 'at most 366 days');

export function registerMaintainerRoutes(app: FastifyInstance, deps: MaintainerRoutesDeps): void {
  app.register(async (api) => {
    api.addHook('onRequest', async (request) => {
      await deps.auth.check(request);
    });
    api.setErrorHandler((error, _request, reply) => {
      if (error instanceof IntentEditError) {
        const code = error.code === 'not_found' ? 'not_found' : error.code === 'conflict' ? 'conflict' : 'invalid_request';
        return reply.status(new AppError(code).status).send(new AppError(code, error.message).toJSON());
      }
      throw error;
    });

    api.get<{ Querystring: { status?: string } }>('/inbox', async (request) => {
      const status = z.enum(['open', 'ignored', 'added', 'all']).default('open').safeParse(request.query.status);
      if (!status.success) throw new AppError('invalid_request', 'status must be open, ignored, added or all');
      const knowledge = deps.brain().knowledge;
      const groups = await deps.insights.inbox({ status: status.data });
      return {
        groups: groups.map((g) => ({
          ...g,
          candidates: g.candidates.map((c) => ({ ...c, title: knowledge.intents.get(c.intent) ? pick(knowledge.intents.get(c.intent)!.title, 'vi') : c.intent })),
        })),
      };
    });

    api.post<{ Params: { id: string } }>('/inbox/:id/add', async (request) => {
      const body = z.object({ intent: z.string().min(1).max(30), text: z.string().trim().min(1).max(300).optional() }).strict().safeParse(request.body);
      if (!body.success) throw new AppError('invalid_request', undefined, body.error.issues.map((i) => i.message));
      const group = await deps.insights.group(request.params.id);
      if (!group) throw new AppError('not_found', 'No such inbox group.');
      const text = body.data.text ?? group.examples[0]!;
      const file = await deps.edits.addUtterance(body.data.intent, text, 'vi');
      await deps.insights.resolve(group.id, 'added', `added to ${body.data.intent}`, Date.now());
      const reload = await deps.reloader.reload(`inbox: added to ${body.data.intent}`);
      return { ok: reload.ok, file: file.slice(file.lastIndexOf('/') + 1), reload: reload.status };
    });

    api.post<{ Params: { id: string } }>('/inbox/:id/new', async (request) => {
      const group = await deps.insights.group(request.params.id);
      if (!group) throw new AppError('not_found', 'No such inbox group.');
      const body = newIntentSchema.safeParse({ question: group.examples[0], ...(request.body as object) });
      if (!body.success) throw new AppError('invalid_request', undefined, body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
      const file = await deps.edits.createIntent(body.data);
      await deps.insights.resolve(group.id, 'added', `new intent ${body.data.id}`, Date.now());
      const reload = await deps.reloader.reload(`inbox: new intent ${body.data.id}`);
      return { ok: reload.ok, file: file.slice(file.lastIndexOf('/') + 1), reload: reload.status };
    });

    api.post<{ Params: { id: string } }>('/inbox/:id/ignore', async (request) => {
      const group = await deps.insights.resolve(request.params.id, 'ignored', 'ignored', Date.now());
      if (!group) throw new AppError('not_found', 'No such inbox group.');
      return { ok: true, group };
    });

    api.get<{ Querystring: { q?: string } }>('/intents', async (request) => {
      const q = (request.query.q ?? '').toLowerCase().trim().slice(0, 100);
      const intents = [...deps.brain().knowledge.intents.values()]
        .map((i) => ({ id: i.id, title: pick(i.title, 'vi'), file: i.file }))
        .filter((i) => q === '' || i.id.includes(q) || i.title.toLowerCase().includes(q));
      return { intents: intents.slice(0, 50) };
    });

    api.post('/reload', async () => {
      const result = await deps.reloader.reload('POST /admin/api/reload');
      return { ok: result.ok, ...result.status };
    });
    api.get('/knowledge', async () => deps.reloader.status());

    api.get<{ Querystring: { from?: string; to?: string } }>('/stats', async (request) => {
      const parsed = statsQuery.safeParse(request.query);
      if (!parsed.success) throw new AppError('invalid_request', undefined, parsed.error.issues.map((i) => i.message));
      const { from, to } = parsed.data;
      const days = await deps.insights.days(from, to);
      const totals = { messages: 0, answered: 0, fallback: 0, clarify: 0 };
      const intents = new Map<string, number>();
      const feedback = new Map<string, { up: number; down: number }>();
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
        for (const [id, f] of Object.entries(stats.feedback)) {
          const sum = feedback.get(id) ?? { up: 0, down: 0 };
          feedback.set(id, { up: sum.up + f.up, down: sum.down + f.down });
        }
      }
      const subscribersByTopic: Record<string, number> = Object.fromEntries(deps.topics().map((t) => [t, 0]));
      for await (const user of deps.users.all()) {
        if (!user.active) continue;
        for (const topic of Object.keys(user.subscriptions)) subscribersByTopic[topic] = (subscribersByTopic[topic] ?? 0) + 1;
      }
      const inbox = await deps.insights.inbox();
      const rate = (n: number) => (totals.messages ? Math.round((n / totals.messages) * 1000) / 1000 : 0);
      return {
        from,
        to,
        days: days.map((d) => ({ day: d.day, channels: d.stats.channels })),
        totals: { ...totals, answeredRate: rate(totals.answered), fallbackRate: rate(totals.fallback) },
        topIntents: [...intents].map(([intent, count]) => ({ intent, count })).sort((a, b) => b.count - a.count).slice(0, 10),
        feedback: [...feedback].map(([intent, f]) => ({ intent, ...f, helpfulRatio: Math.round((f.up / Math.max(1, f.up + f.down)) * 1000) / 1000 })).sort((a, b) => b.up + b.down - (a.up + a.down)),
        topUnanswered: inbox.slice(0, 10).map((g) => ({ id: g.id, example: g.examples[0], count: g.count, askers: g.askers })),
        subscribersByTopic,
        // Scam checks by verdict, and the flagged registrable domains seen most (domains only).
        checks,
        topFlaggedDomains: [...flagged].map(([domain, count]) => ({ domain, count })).sort((a, b) => b.count - a.count || a.domain.localeCompare(b.domain)).slice(0, 10),
      };
    });
  }, { prefix: '/admin/api' });
}
