// Officials sign in with ADMIN_TOKEN: the API takes it as a Bearer token; the console exchanges it for a session
// cookie (HttpOnly, SameSite=Strict, Secure over https) plus a CSRF token that every state-changing request must echo.
// A session belongs to the token it was opened with: changing ADMIN_TOKEN ends every session. Wrong tokens are
// limited per client address (TRUST_PROXY decides which) and per presented token, on the API and the sign-in alike.
import { createHash, randomBytes } from 'node:crypto';
import { fastifyCookie } from '@fastify/cookie';
import type Keyv from 'keyv';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { secretMatches } from '../channels/secret.js';
import { AppError } from '../server/errors.js';

export const SESSION_COOKIE = 'tls_admin';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** Wrong tokens allowed per address, and per presented token, in the window; then 429 until it passes. */
export const FAILURES_ALLOWED = 5;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;

interface AdminSession {
  readonly csrf: string;
  readonly createdAt: number;
  /** A hash of the ADMIN_TOKEN the session was opened with. */
  readonly tokenHash?: string;
}

/** Counts failed attempts; `blocked` reads without counting. */
export interface AttemptLimiter {
  blocked(request: FastifyRequest, presented: string): Promise<boolean>;
  failed(request: FastifyRequest, presented: string): Promise<void>;
}

/** The token a request presents: the Bearer header (API) or the sign-in body. */
function presentedBy(request: FastifyRequest): string {
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Bearer ')) return authorization.slice(7);
  const token = (request.body as { token?: unknown } | null | undefined)?.token;
  return typeof token === 'string' ? token : '';
}

/** Failed attempts counted with @fastify/rate-limit, keyed per client address and per presented token. */
export function createAttemptLimiter(app: FastifyInstance, options: { max?: number; windowMs?: number } = {}): AttemptLimiter {
  const common = { max: options.max ?? FAILURES_ALLOWED, timeWindow: options.windowMs ?? FAILURE_WINDOW_MS };
  const byAddress = app.createRateLimit({ ...common, keyGenerator: (request) => `admin-fail-ip:${request.ip}` });
  // Only a hash of the presented token is kept as the key.
  const byToken = app.createRateLimit({ ...common, keyGenerator: (request) => `admin-fail-token:${createHash('sha256').update(presentedBy(request)).digest('hex').slice(0, 32)}` });
  const over = (r: Awaited<ReturnType<typeof byAddress>>) => !r.isAllowed && (r.isExceeded || r.remaining === 0);
  return {
    async blocked(request, presented) {
      if (over(await byAddress(request, { increment: false }))) return true;
      return presented !== '' && over(await byToken(request, { increment: false }));
    },
    async failed(request, presented) {
      await byAddress(request);
      if (presented !== '') await byToken(request);
    },
  };
}

export interface AdminAuth {
  /** Throws 401/403/429 unless the request carries the token, or a session cookie (and the CSRF token when it changes something). */
  check(request: FastifyRequest): Promise<{ by: 'token' | 'session'; csrf?: string }>;
  signIn(request: FastifyRequest, token: unknown): Promise<{ cookie: string; csrf: string }>;
  signOut(request: FastifyRequest): Promise<string>;
}

export function createAdminAuth(options: { token: string; sessions: Keyv; secureCookies: boolean; limiter?: AttemptLimiter; now?: () => number }): AdminAuth {
  const now = options.now ?? Date.now;
  const tokenHash = createHash('sha256').update(`tro-ly-so admin session\u0000${options.token}`).digest('hex');
  // Secure when the public address is https, or when this request came over https (directly or, with TRUST_PROXY,
  // through the proxy's X-Forwarded-Proto).
  const cookieOptions = (request: FastifyRequest, maxAge: number) =>
    ({ path: '/admin', httpOnly: true, sameSite: 'strict', secure: options.secureCookies || request.protocol === 'https', maxAge }) as const;

  const sessionId = (request: FastifyRequest) => {
    const value = fastifyCookie.parse(request.headers.cookie ?? '')[SESSION_COOKIE];
    return value && /^[a-f0-9]{64}$/.test(value) ? value : undefined;
  };

  const refuse = async (request: FastifyRequest, presented: string, message: string): Promise<never> => {
    await options.limiter?.failed(request, presented);
    throw new AppError('unauthorized', message);
  };

  return {
    async check(request) {
      const authorization = request.headers.authorization;
      if (authorization?.startsWith('Bearer ')) {
        const presented = authorization.slice(7);
        if (await options.limiter?.blocked(request, presented)) throw new AppError('too_many_attempts', 'Too many wrong tokens; try again later.');
        if (secretMatches(presented, options.token)) return { by: 'token' };
        return refuse(request, presented, 'Wrong admin token.');
      }
      const id = sessionId(request);
      const session = id ? ((await options.sessions.get(id)) as AdminSession | undefined) : undefined;
      if (!session) throw new AppError('unauthorized', 'Sign in first.');
      if (session.tokenHash !== tokenHash) {
        // Opened with another ADMIN_TOKEN: the token changed, so this session ends.
        await options.sessions.delete(id!);
        throw new AppError('unauthorized', 'Sign in first.');
      }
      if (!['GET', 'HEAD'].includes(request.method) && !secretMatches(request.headers['x-csrf-token'], session.csrf)) throw new AppError('forbidden');
      return { by: 'session', csrf: session.csrf };
    },
    async signIn(request, token) {
      const presented = typeof token === 'string' ? token : '';
      if (await options.limiter?.blocked(request, presented)) throw new AppError('too_many_attempts');
      if (typeof token !== 'string' || !secretMatches(token, options.token)) return refuse(request, presented, 'Wrong admin token.');
      const id = randomBytes(32).toString('hex');
      const csrf = randomBytes(24).toString('hex');
      await options.sessions.set(id, { csrf, createdAt: now(), tokenHash } satisfies AdminSession, SESSION_TTL_MS);
      return { cookie: fastifyCookie.serialize(SESSION_COOKIE, id, cookieOptions(request, SESSION_TTL_MS / 1000)), csrf };
    },
    async signOut(request) {
      const id = sessionId(request);
      if (id) await options.sessions.delete(id);
      return fastifyCookie.serialize(SESSION_COOKIE, '', cookieOptions(request, 0));
    },
  };
}
