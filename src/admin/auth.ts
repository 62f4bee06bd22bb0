// Officials sign in with ADMIN_TOKEN: the API takes it as a Bearer token; the console exchanges it for a session
// cookie (HttpOnly, SameSite=Strict) plus a CSRF token that every state-changing request must echo.
import { randomBytes } from 'node:crypto';
import type Keyv from 'keyv';
import type { FastifyRequest } from 'fastify';
import { secretMatches } from '../channels/secret.js';
import { AppError } from '../server/errors.js';

export const SESSION_COOKIE = 'tls_admin';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
const FAILURES_ALLOWED = 5;
const FAILURE_WINDOW_MS = 15 * 60 * 1000;

interface AdminSession {
  readonly csrf: string;
  readonly createdAt: number;
}

export interface AdminAuth {
  /** Throws 401/403 unless the request carries the token, or a session cookie (and the CSRF token when it changes something). */
  check(request: FastifyRequest): Promise<{ by: 'token' | 'session'; csrf?: string }>;
  signIn(request: FastifyRequest, token: unknown): Promise<{ cookie: string; csrf: string }>;
  signOut(request: FastifyRequest): Promise<string>;
}

export function createAdminAuth(options: { token: string; sessions: Keyv; secureCookies: boolean; now?: () => number }): AdminAuth {
  const now = options.now ?? Date.now;
  const failures = new Map<string, number[]>();
  const cookieAttributes = `Path=/admin; HttpOnly; SameSite=Strict${options.secureCookies ? '; Secure' : ''}`;

  const sessionId = (request: FastifyRequest) => {
    const header = request.headers.cookie ?? '';
    for (const part of header.split(';')) {
      const [name, value] = part.trim().split('=');
      if (name === SESSION_COOKIE && value && /^[a-f0-9]{64}$/.test(value)) return value;
    }
    return undefined;
  };

  return {
    async check(request) {
      const authorization = request.headers.authorization;
      if (authorization?.startsWith('Bearer ')) {
        if (secretMatches(authorization.slice(7), options.token)) return { by: 'token' };
        throw new AppError('unauthorized', 'Wrong admin token.');
      }
      const id = sessionId(request);
      const session = id ? ((await options.sessions.get(id)) as AdminSession | undefined) : undefined;
      if (!session) throw new AppError('unauthorized', 'Sign in first.');
      if (!['GET', 'HEAD'].includes(request.method) && !secretMatches(request.headers['x-csrf-token'], session.csrf)) throw new AppError('forbidden');
      return { by: 'session', csrf: session.csrf };
    },
    async signIn(request, token) {
      const ip = request.ip;
      const t = now();
      const recent = (failures.get(ip) ?? []).filter((x) => t - x < FAILURE_WINDOW_MS);
      if (recent.length >= FAILURES_ALLOWED) throw new AppError('too_many_attempts');
      if (typeof token !== 'string' || !secretMatches(token, options.token)) {
        recent.push(t);
        failures.set(ip, recent);
        throw new AppError('unauthorized', 'Wrong admin token.');
      }
      failures.delete(ip);
      const id = randomBytes(32).toString('hex');
      const csrf = randomBytes(24).toString('hex');
      await options.sessions.set(id, { csrf, createdAt: t } satisfies AdminSession, SESSION_TTL_MS);
      return { cookie: `${SESSION_COOKIE}=${id}; Max-Age=${SESSION_TTL_MS / 1000}; ${cookieAttributes}`, csrf };
    },
    async signOut(request) {
      const id = sessionId(request);
      if (id) await options.sessions.delete(id);
      return `${SESSION_COOKIE}=; Max-Age=0; ${cookieAttributes}`;
    },
  };
}
