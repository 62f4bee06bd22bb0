// /admin (console) and /admin/api (JSON): thin routes over the campaign service. Pages and errors are worded in
// the official's language (locales/console), Vietnamese unless the browser asks for English.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { CampaignService, QuotaShortfall } from '../campaigns/service.js';
import { campaignInputSchema } from '../campaigns/types.js';
import type { ChannelPreview } from '../channels/previews.js';
import type { ConsoleMessages } from '../i18n/console-messages.js';
import type { Messages } from '../i18n/messages.js';
import type { Locale } from '../knowledge/schema.js';
import { AppError } from '../server/errors.js';
import type { AdminAuth } from './auth.js';
import { consoleErrorHandler, ConsoleError, localeOf } from './console-errors.js';

export interface AdminRoutesDeps {
  readonly auth: AdminAuth;
  readonly campaigns: CampaignService;
  readonly messages: Messages;
  readonly consoleMessages: ConsoleMessages;
  readonly webDir: string;
  /** Topic ids officials can target, and the channels that are on. */
  readonly topics: () => readonly string[];
  readonly channels: readonly string[];
  /** How a message looks on each channel, from the channels' own render functions. */
  readonly previews: Readonly<Record<string, ChannelPreview>>;
}

const ACTIONS = ['start', 'pause', 'resume', 'cancel'] as const;
const audienceSchema = campaignInputSchema.shape.audience.unwrap();
const previewSchema = z.object({ text: z.object({ vi: z.string().max(1800), en: z.string().max(1800).optional() }), link: campaignInputSchema.shape.link }).strict();

/** Chart.js from node_modules, served by us under the same strict CSP (no CDN). */
const CHART_JS = join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page with {{message-id}} filled in the reader's language (escaped): readable before any script runs. */
export function fillTemplate(template: string, locale: Locale, messages: ConsoleMessages): string {
  return template.replace(/\{\{([a-z0-9-]+)\}\}/g, (_, id: string) => (id === 'lang' ? locale : escapeHtml(messages.t(locale, id))));
}

export function quotaWarningText(shortfalls: readonly QuotaShortfall[], locale: Locale, messages: ConsoleMessages): string[] {
  return shortfalls.map((s) => messages.t(locale, 'quota-warning', { channel: messages.t(locale, `channel-${s.channel}`), count: s.count, left: s.left, over: s.count - s.left }));
}

export function registerAdminRoutes(app: FastifyInstance, deps: AdminRoutesDeps): void {
  const template = readFileSync(join(deps.webDir, 'admin.html'), 'utf8');
  const pages = new Map<Locale, string>((['vi', 'en'] as const).map((l) => [l, fillTemplate(template, l, deps.consoleMessages)]));
  const assets = new Map([
    ['admin.js', { type: 'text/javascript; charset=utf-8', body: readFileSync(join(deps.webDir, 'admin.js')) }],
    ['admin.css', { type: 'text/css; charset=utf-8', body: readFileSync(join(deps.webDir, 'admin.css')) }],
    ['chart.umd.min.js', { type: 'text/javascript; charset=utf-8', body: readFileSync(CHART_JS) }],
  ]);
  const { consoleMessages } = deps;
  app.setErrorHandler(consoleErrorHandler(consoleMessages));

  app.get('/admin', async (request, reply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').header('vary', 'accept-language').send(pages.get(localeOf(request))));
  app.get('/admin/i18n.json', async (request, reply) => {
    const locale = localeOf(request);
    return reply.header('vary', 'accept-language').send({ locale, strings: consoleMessages.strings(locale) });
  });
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

    // Unknown paths under /admin/api: the auth hook above answers 401 first, so routes cannot be enumerated.
    api.all('/*', async () => {
      throw new AppError('not_found');
    });
    api.get('/session', async (request) => ({ ok: true, csrf: (await deps.auth.check(request)).csrf ?? null }));
    api.get('/options', async (request) => {
      const locale = localeOf(request);
      return {
        channels: deps.channels.map((id) => ({ id, label: consoleMessages.t(locale, `channel-${id}`) })),
        topics: deps.topics().map((id) => ({ id, label: deps.messages.has(locale, `topic-${id}`) ? deps.messages.t(locale, `topic-${id}`) : id })),
      };
    });
    api.post('/campaigns', async (request, reply) => {
      const campaign = await deps.campaigns.create(request.body, 'admin');
      // Said before it starts: a channel quota the campaign would exceed (the recipients past it are skipped).
      return reply.status(201).send({ id: campaign.id, warnings: quotaWarningText(await deps.campaigns.quotaWarnings(campaign.audience), localeOf(request), consoleMessages) });
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
      if (!parsed.success) throw new ConsoleError('invalid_request', undefined, parsed.error.issues);
      const locale = localeOf(request);
      const counted = await deps.campaigns.audience(parsed.data);
      const refusal = counted.refusal
        ? consoleMessages.t(locale, counted.refusal.id, { ...counted.refusal.args, ...(counted.refusal.id === 'campaign-no-subscriber' && !counted.refusal.args.topics ? { topics: consoleMessages.t(locale, 'campaign-all-topics') } : {}) })
        : undefined;
      return {
        count: counted.total,
        channels: Object.entries(counted.channels).map(([id, count]) => ({ id, label: consoleMessages.t(locale, `channel-${id}`), count })),
        ...(refusal ? { refusal } : {}),
        warnings: quotaWarningText(await deps.campaigns.quotaWarnings(parsed.data), locale, consoleMessages),
      };
    });
    api.post('/preview', async (request) => {
      const parsed = previewSchema.safeParse(request.body);
      if (!parsed.success) throw new ConsoleError('invalid_request', undefined, parsed.error.issues);
      const input = { text: { vi: parsed.data.text.vi || ' ', ...(parsed.data.text.en ? { en: parsed.data.text.en } : {}) }, ...(parsed.data.link ? { link: parsed.data.link } : {}) };
      const vi = deps.campaigns.preview(input, 'vi');
      const locale = localeOf(request);
      return { channels: Object.entries(deps.previews).map(([id, render]) => ({ id, label: consoleMessages.t(locale, `channel-${id}`), bubbles: render(vi) })) };
    });
  }, { prefix: '/admin/api' });
}

/** /admin when ADMIN_TOKEN is unset: a short page saying how to turn the console on (the API stays a 404). */
export function registerConsoleOff(app: FastifyInstance, consoleMessages: ConsoleMessages, webDir: string): void {
  const css = readFileSync(join(webDir, 'admin.css'));
  app.get('/admin', async (request, reply) => {
    const locale = localeOf(request);
    const t = (id: string) => escapeHtml(consoleMessages.t(locale, id));
    const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t('off-title')}</title>`
      + `<link rel="stylesheet" href="/admin/assets/admin.css"></head><body><main><section class="card"><h1>${t('off-title')}</h1><p>${t('off-body')}</p><p>${t('off-how')}</p><p>${t('off-readme')}</p></section></main></body></html>`;
    return reply.status(404).type('text/html; charset=utf-8').header('cache-control', 'no-store').header('vary', 'accept-language').send(html);
  });
  app.get('/admin/assets/admin.css', async (_request, reply) => reply.type('text/css; charset=utf-8').send(css));
}

async function sendCsv(reply: FastifyReply, filename: string, lines: AsyncGenerator<string>): Promise<FastifyReply> {
  const { Readable } = await import('node:stream');
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(Readable.from(lines));
}
