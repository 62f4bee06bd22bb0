// One Fastify instance: web chat, API, health. Routes are thin; errors are AppErrors with stable codes.
import { fastifyCookie } from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { AppError } from './errors.js';
import { safeError } from './safe-error.js';

/** Web chat requests are small; anything bigger is refused before it is parsed. */
export const BODY_LIMIT_BYTES = 16 * 1024;

export interface ServerDeps {
  readonly logger: FastifyBaseLogger;
  readonly health: () => Record<string, unknown>;
  /** Route groups from the channels (web chat, webhooks) and later the admin console. */
  readonly routes: readonly ((app: FastifyInstance) => void)[];
  /** Fastify's trustProxy (TRUST_PROXY): which X-Forwarded-For hops to believe for the client address. */
  readonly trustProxy?: boolean | number | string;
  /** True while the store is down: unexpected errors then answer 503 (try again), not 500. */
  readonly degraded?: () => boolean;
}

export function createServer(deps: ServerDeps): FastifyInstance {
  const app = Fastify({
    loggerInstance: deps.logger,
    bodyLimit: BODY_LIMIT_BYTES,
    // Request logs carry method, route and status only: never bodies, which hold citizens' words.
    logController: new LogController({ disableRequestLogging: true }),
    // A number (hops) is supported by Fastify at run time; its types list only boolean and string.
    trustProxy: (deps.trustProxy ?? false) as boolean | string,
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('content-security-policy', "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });

  app.setErrorHandler((error: unknown, request, reply) => {
    let appError = toAppError(error);
    if (appError.code === 'internal' && deps.degraded?.()) appError = new AppError('unavailable');
    // Only the error's type, code and a scrubbed message: error objects can carry tokens, text and ids.
    if (appError.status >= 500) request.log[appError.status === 503 ? 'warn' : 'error']({ error: safeError(error), route: request.routeOptions.url ?? 'unmatched' }, 'request failed');
    return reply.status(appError.status).send(appError.toJSON());
  });
  app.setNotFoundHandler((_request, reply) => reply.status(404).send(new AppError('not_found').toJSON()));

  // Limits are opt-in per route (config.rateLimit, or app.createRateLimit for checks in a handler).
  app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (request, context) => {
      const admin = request.url.startsWith('/admin');
      return new AppError(admin ? 'too_many_attempts' : 'too_many_requests', admin ? `Too many attempts; try again in ${context.after}.` : `Too many requests from this address; try again in ${context.after}.`);
    },
  });
  // Cookie parsing and serializing (the admin session cookie).
  app.register(fastifyCookie);
  // Each group in its own plugin scope, loaded after the rate limiter, so its routes can use it.
  for (const register of deps.routes) app.register(async (scope) => register(scope));
  app.get('/healthz', async () => ({ status: 'ok', ...deps.health() }));
  return app;
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const e = error as { code?: string; statusCode?: number };
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || e.statusCode === 413) return new AppError('payload_too_large');
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || e.statusCode === 415) return new AppError('unsupported_media_type');
  if (e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (e.statusCode === 400 && error instanceof SyntaxError)) return new AppError('invalid_json');
  if (e.statusCode === 400) return new AppError('invalid_request');
  return new AppError('internal');
}
