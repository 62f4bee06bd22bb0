// The yardstick for bench:webhook (not shipped): the smallest grammY + fastify webhook bot, which echoes each text
// message through the Bot API. Run by bench/webhook.bench.ts in a child process, like our server.
//   PORT, TELEGRAM_API_ROOT, TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET from the environment.
import Fastify from 'fastify';
import { Bot, webhookCallback } from 'grammy';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const bot = new Bot(env('TELEGRAM_BOT_TOKEN'), { client: { apiRoot: env('TELEGRAM_API_ROOT') } });
bot.on('message:text', (ctx) => ctx.reply(ctx.message.text));
await bot.init();

const server = Fastify({ logger: false });
server.post('/telegram/webhook', webhookCallback(bot, 'fastify', { secretToken: env('TELEGRAM_WEBHOOK_SECRET') }));
server.get('/healthz', async () => ({ ok: true }));
await server.listen({ port: Number(env('PORT')), host: '127.0.0.1' });
console.log('echo bot is ready');
