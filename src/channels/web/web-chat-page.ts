// GET / and its assets: the chat page, served from web/ with every asset local (no CDN).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Messages } from '../../i18n/messages.js';

const ASSETS: Record<string, string> = {
  'chat.js': 'text/javascript; charset=utf-8',
  'chat.css': 'text/css; charset=utf-8',
  'icon.svg': 'image/svg+xml',
};

export function registerWebChat(app: FastifyInstance, webDir: string, messages: Messages): void {
  const template = readFileSync(join(webDir, 'index.html'), 'utf8');
  // Placeholders {{id}} are Fluent message ids; values are escaped, so locale text can never inject markup.
  const page = template.replace(/\{\{([a-z-]+)\}\}/g, (_, id: string) => escapeHtml(messages.t('vi', id)));
  const assets = new Map(Object.entries(ASSETS).map(([name, type]) => [name, { type, body: readFileSync(join(webDir, name)) }]));

  app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(page));
  app.get<{ Params: { name: string } }>('/assets/:name', async (request, reply) => {
    const asset = assets.get(request.params.name);
    if (!asset) return reply.callNotFound();
    return reply.type(asset.type).header('cache-control', 'public, max-age=300').send(asset.body);
  });
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
