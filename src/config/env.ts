// Configuration: read once from the environment (and .env), validated by one schema, then frozen.
import { z } from 'zod';
import { ENGINE_NAMES } from '../nlu/engines.js';

const port = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

export const configSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1, 'must not be empty').default('0.0.0.0'),
  DATA_DIR: z.string().min(1, 'must not be empty').default('data'),
  INTENTS_DIR: z.string().min(1, 'must not be empty').default('intents'),
  LOCALES_DIR: z.string().min(1, 'must not be empty').default('locales'),
  LOCALITY_FILE: z.string().min(1, 'must not be empty').default('config/locality.yaml'),
  NLU_ENGINE: z.enum(ENGINE_NAMES, { error: `must be one of ${ENGINE_NAMES.join(', ')}` }).default('softmax'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
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
        return `${key} ${issue.message}, got ${JSON.stringify(env[key])}`;
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
