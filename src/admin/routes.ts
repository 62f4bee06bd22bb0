// /admin (console) and /admin/api (JSON): thin routes over the campaign service.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { CampaignError, type CampaignService } from '../campaigns/service.js';
import { campaignInputSchema } from '../campaigns/types.js';
import { renderTelegram } from '../channels/telegram/render.js';
import { renderZalo } from '../channels/zalo/render.js';
import type { Messages } from '../i18n/messages.js';
import { AppError } from '../server/errors.js';
import type { AdminAuth } from './auth.js';

export interface AdminRoutesDeps {
  readonly auth: AdminAuth;
  readonly campaigns: CampaignService;
  readonly messages: Messages;
  readonly webDir: string;
  /** Topic ids officials can target, and the channels that are on. */
  readonly topics: () => readonly string[];
  readonly channels: readonly string[];
}

const ACTIONS = ['start', 'pause', 'resume', 'cancel'] as const;
const audienceSchema = campaignInputSchema.shape.audience.unwrap();
const previewSchema = z.object({ text: z.object({ vi: z.string().max(1800), en: z.string().max(1800).optional() }), link: campaignInputSchema.shape.link }).strict();

export function registerAdminRoutes(app: FastifyInstance, deps: AdminRoutesDeps): void {
  const page = readFileSync(join(deps.webDir, 'admin.html'));
  const assets = new Map([
    ['admin.js', { type: 'text/javascript; charset=utf-8', body: readFileSync(join(deps.webDir, 'admin.js')) }],
    ['admin.css', { type: 'text/css; charset=utf-8', body: readFileSync(join(deps.webDir, 'admin.css')) }],
  ]);

  app.get('/admin', async (_request, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page));
  app.get<{ Params: { name: string } }>('/admin/assets/:name', async (request, reply) => {
    const asset = assets.get(request.params.name);
    if (!asset) return reply.callNotFound();
    return reply.type(asset.type).send(asset.body);
  });

  app.post('/admin/login', async (request, reply) => {
    const body = request.body as { token?: unknown } | null;
    const { cookie, csrf } = await deps.auth.signIn(request, body?.token);
    return reply.header('set-cookie', cookie).send({ ok: true, csrf });
  });
  app.post('/admin/logout', async (request, reply) => reply.header('set-cookie', await deps.auth.signOut(request)).send({ ok: true }));

  app.register(async (api) => {
    api.addHook('onRequest', async (request) => {
      await deps.auth.check(request);
    });
    api.setErrorHandler((error, _request, reply) => {
      if (error instanceof CampaignError) {
        const status = error.code === 'not_found' ? 'not_found' : error.code === 'invalid_state' ? 'conflict' : 'invalid_request';
        return reply.status(new AppError(status).status).send(new AppError(status, error.message, error.details).toJSON());
      }
      throw error;
    });

    api.get('/session', async (request) => ({ ok: true, csrf: (await deps.auth.check(request)).csrf ?? null }));
    api.get('/options', async () => ({
      channels: deps.channels,
      topics: deps.topics().map((id) => ({ id, label: deps.messages.has('vi', `topic-${id}`) ? deps.messages.t('vi', `topic-${id}`) : id })),
    }));
    api.post('/campaigns', async (request, reply) => {
      const campaign = await deps.campaigns.create(request.body, 'admin');
      // Said before it starts: a channel quota the campaign would exceed (the recipients past it are skipped).
      return reply.status(201).send({ id: campaign.id, warnings: await deps.campaigns.quotaWarnings(campaign.audience) });
    });
    api.get('/campaigns', async () => ({ campaigns: await deps.campaigns.list() }));
    api.get<{ Params: { id: string } }>('/campaigns/:id', async (request) => {
      const { id, status, total, sent, failed, blocked, skipped, pending, title } = await deps.campaigns.summary(request.params.id);
      return { id, status, total, sent, failed, blocked, skipped, pending, title };
    });
    for (const action of ACTIONS) {
      api.post<{ Params: { id: string } }>(`/campaigns/:id/${action}`, async (request) => deps.campaigns[action](request.params.id));
    }
    api.get<{ Params: { id: string } }>('/campaigns/:id/report.csv', async (request, reply) => {
      const summary = await deps.campaigns.summary(request.params.id);
      return sendCsv(reply, `chien-dich-${summary.id}.csv`, deps.campaigns.reportCsv(summary.id));
    });
    api.post('/audience', async (request) => {
      const parsed = audienceSchema.safeParse(request.body ?? {});
      if (!parsed.success) throw new AppError('invalid_request', undefined, parsed.error.issues.map((i) => i.message));
      return { count: await deps.campaigns.audienceSize(parsed.data), warnings: await deps.campaigns.quotaWarnings(parsed.data) };
    });
    api.post('/preview', async (request) => {
      const parsed = previewSchema.safeParse(request.body);
      if (!parsed.success) throw new AppError('invalid_request', undefined, parsed.error.issues.map((i) => i.message));
      const input = { text: { vi: parsed.data.text.vi || ' ', ...(parsed.data.text.en ? { en: parsed.data.text.en } : {}) }, ...(parsed.data.link ? { link: parsed.data.link } : {}) };
      const vi = deps.campaigns.preview(input, 'vi');
      return { telegram: renderTelegram(vi, deps.messages), zalo: renderZalo(vi, deps.messages) };
    });
  }, { prefix: '/admin/api' });
}

async function sendCsv(reply: FastifyReply, filename: string, lines: AsyncGenerator<string>): Promise<FastifyReply> {
  const { Readable } = await import('node:stream');
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(Readable.from(lines));
}
