// Configuration: read once from the environment (and .env), validated by one schema, then frozen.
import { z } from 'zod';
import { ENGINE_NAMES } from '../nlu/engines.js';

const port = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

const optional = z.string().trim().optional();
const idList = z
  .string()
  .transform((v) => v.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[\w-]{1,64}$/, 'must be a comma-separated list of ids')))
  .default([]);
const rate = z.coerce.number({ error: 'must be a number' }).positive('must be more than 0').max(10_000, 'must be at most 10000');
const url = (what: string) => z.url({ protocol: /^https?$/, error: `must be a full http(s):// address of ${what}` });

export const configSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1, 'must not be empty').default('0.0.0.0'),
  DATA_DIR: z.string().min(1, 'must not be empty').default('data'),
  INTENTS_DIR: z.string().min(1, 'must not be empty').default('intents'),
  LOCALES_DIR: z.string().min(1, 'must not be empty').default('locales'),
  LOCALITY_FILE: z.string().min(1, 'must not be empty').default('config/locality.yaml'),
  /** Trained models, reused while intents and code are unchanged. Default: DATA_DIR/models ("off" disables). */
  MODEL_CACHE_DIR: z.string().min(1, 'must not be empty').optional(),
  NLU_ENGINE: z.enum(ENGINE_NAMES, { error: `must be one of ${ENGINE_NAMES.join(', ')}` }).default('softmax'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
  PUBLIC_URL: z.url({ protocol: /^https$/, error: 'must be the public https:// address of this server' }).transform((u) => u.replace(/\/+$/, '')).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// address' }).optional(),
  TELEGRAM_BOT_TOKEN: optional.pipe(z.string().regex(/^\d+:[\w-]{20,}$/, 'does not look like a bot token from BotFather (digits:letters)').optional()),
  TELEGRAM_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16-256 letters, digits, "_" or "-"').optional(),
  TELEGRAM_API_ROOT: url('the Telegram Bot API').default('https://api.telegram.org'),
  ZALO_BOT_TOKEN: optional.pipe(z.string().regex(/^[^\s/]{10,}$/, 'does not look like a Zalo bot token').optional()),
  ZALO_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{8,256}$/, 'must be 8-256 letters, digits, "_" or "-"').optional(),
  ZALO_API_BASE: url('the Zalo Bot API').default('https://bot-api.zaloplatforms.com'),
  ZALO_OA_APP_ID: optional.pipe(z.string().regex(/^\d{1,32}$/, 'must be the numeric app id of the Zalo app linked to the OA').optional()),
  ZALO_OA_SECRET_KEY: optional.pipe(z.string().regex(/^\S{8,256}$/, 'must be the app secret key (8-256 characters, no spaces)').optional()),
  ZALO_OA_ACCESS_TOKEN: optional.pipe(z.string().regex(/^\S{10,}$/, 'does not look like an OA access token').optional()),
  ZALO_OA_REFRESH_TOKEN: optional.pipe(z.string().regex(/^\S{10,}$/, 'does not look like an OA refresh token').optional()),
  ZALO_OA_API_BASE: url('the Zalo OA API').default('https://openapi.zalo.me'),
  ZALO_OA_OAUTH_BASE: url('the Zalo OAuth server').default('https://oauth.zaloapp.com'),
  ZALO_OA_MONTHLY_QUOTA: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must be 0 or more').max(100_000_000, 'must be at most 100000000').default(0),
  ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters (use e.g. openssl rand -hex 24)').optional(),
  ADMIN_TELEGRAM_IDS: idList,
  ADMIN_ZALO_IDS: idList,
  INBOX_RETENTION_DAYS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(3650, 'must be at most 3650').default(90),
  WATCH_KNOWLEDGE: z.enum(['true', 'false'], { error: 'must be true or false' }).default('true').transform((v) => v === 'true'),
  INBOX_MAX_GROUPS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(10, 'must be at least 10').max(1_000_000, 'must be at most 1000000').default(5000),
  /** With Redis: how often a process renews its outbox heartbeat; another process takes over its messages 3 beats after it died. */
  OUTBOX_HEARTBEAT_MS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(200, 'must be at least 200').max(600_000, 'must be at most 600000').default(10_000),
  TRUST_PROXY: z
    .string()
    .trim()
    .regex(/^(true|false|\d{1,2}|[\w.:/]+(\s*,\s*[\w.:/]+)*)$/, 'must be false, true, a number of proxies, or a comma-separated list of proxy addresses')
    .default('false')
    .transform((v): boolean | number | string => (v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v)),
  WEB_CHAT_RATE_PER_MINUTE: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').default(120),
  WEB_NEW_SESSIONS_PER_HOUR: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').default(100),
  TELEGRAM_BROADCAST_RATE: rate.default(25),
  ZALO_BROADCAST_RATE: rate.default(5),
}).superRefine((c, ctx) => {
  // Webhooks need a public address and a secret; say so at start-up rather than fail at the first message.
  if (c.TELEGRAM_BOT_TOKEN && c.PUBLIC_URL && !c.TELEGRAM_WEBHOOK_SECRET) ctx.addIssue({ code: 'custom', path: ['TELEGRAM_WEBHOOK_SECRET'], message: 'is required when TELEGRAM_BOT_TOKEN and PUBLIC_URL are set (the webhook is checked with it)' });
  if (c.ZALO_BOT_TOKEN && !c.PUBLIC_URL) ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'is required when ZALO_BOT_TOKEN is set (Zalo delivers messages to a webhook)' });
  // The OA channel needs all three to verify webhooks and keep its tokens fresh; the access token is optional.
  const oa = ['ZALO_OA_APP_ID', 'ZALO_OA_SECRET_KEY', 'ZALO_OA_REFRESH_TOKEN'] as const;
  if (oa.some((k) => c[k]) || c.ZALO_OA_ACCESS_TOKEN) {
    for (const k of oa) if (!c[k]) ctx.addIssue({ code: 'custom', path: [k], message: `is required for the Zalo OA channel (set ${oa.join(', ')})` });
  }
  if (c.ZALO_BOT_TOKEN && !c.ZALO_WEBHOOK_SECRET) ctx.addIssue({ code: 'custom', path: ['ZALO_WEBHOOK_SECRET'], message: 'is required when ZALO_BOT_TOKEN is set' });
});

export type Config = Readonly<z.infer<typeof configSchema>>;

/** Start-up refuses a bad configuration with one message listing every problem. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  // An empty value in .env means "not set", so the default applies.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = configSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const key = String(issue.path[0] ?? '?');
        // Secrets are never echoed back, not even in an error.
        const value = env[key];
        const got = value === undefined || value === '' ? 'nothing' : /TOKEN|SECRET|KEY/.test(key) ? '(hidden)' : JSON.stringify(value);
        return `${key} ${issue.message}, got ${got}`;
      }),
    );
  }
  return Object.freeze(result.data);
}

export async function loadConfig(env: Record<string, string | undefined> = process.env): Promise<Config> {
  const dotenv = await import('dotenv');
  dotenv.config({ quiet: true });
  return parseConfig(env);
}
