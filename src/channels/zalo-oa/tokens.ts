// OA access tokens: refreshed single-flight across processes, the rotating refresh token saved durably before the
// new access token is used. Refresh tokens are single-use: two processes refreshing at once would lock the OA out
// until someone re-consents, so the refresh runs under a lock in the shared store (Redis when REDIS_URL is set,
// else the SQLite file) and inside one process under one promise.
import { createHash } from 'node:crypto';
import type Keyv from 'keyv';
import type { FastifyBaseLogger } from 'fastify';
import type { Store } from '../../store/store.js';
import { withLock } from '../lock.js';
import { ZaloOaError, type ZaloOaClient } from './client.js';

interface TokenState {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** ms since epoch; 0 when unknown (the initial token from the environment is used until Zalo refuses it). */
  readonly expiresAt: number;
  /** A hash of the refresh token from the environment these tokens descend from. */
  readonly seed: string;
}

export interface OaAuthorisation {
  /** ms since epoch when Zalo asked for re-consent (-118) or refused the refresh token; undefined while fine. */
  readonly reconsentSince?: number;
}

export interface OaTokenManager {
  /** Loads the stored tokens; seeds them from the environment at first start or when the operator set new ones. */
  init(): Promise<void>;
  /** A usable access token (refreshed first if it expires within 10 minutes). */
  accessToken(): Promise<string>;
  /** Zalo refused `stale` (-216): returns a fresh token, refreshing at most once across all processes. */
  refreshAfterRejection(stale: string): Promise<string>;
  /** Re-reads the shared authorisation state (another process may have raised the alarm). */
  authorisation(): Promise<OaAuthorisation>;
  /** Last known state, without I/O (health, console). */
  authorisationNow(): OaAuthorisation;
  raiseReconsent(): Promise<void>;
}

export interface OaTokenDeps {
  readonly client: ZaloOaClient;
  readonly store: Store;
  readonly kv: Keyv;
  readonly initialAccessToken?: string;
  readonly initialRefreshToken: string;
  readonly logger: FastifyBaseLogger;
  readonly now?: () => number;
}

const TOKENS = 'tokens';
const AUTH = 'authorisation';
const REFRESH_LOCK = 'zalo-oa:refresh';
const EARLY_MS = 10 * 60 * 1000;

export const seedOf = (refreshToken: string) => createHash('sha256').update(refreshToken).digest('hex').slice(0, 16);

export function createOaTokenManager(deps: OaTokenDeps): OaTokenManager {
  const now = deps.now ?? Date.now;
  const seed = seedOf(deps.initialRefreshToken);
  let cached: TokenState | undefined;
  let auth: OaAuthorisation = {};
  let inflight: Promise<string> | undefined;

  const load = async () => (await deps.kv.get(TOKENS)) as TokenState | undefined;
  const usable = (s: TokenState | undefined) => s !== undefined && s.accessToken !== '' && (s.expiresAt === 0 || s.expiresAt - now() > EARLY_MS);

  /** Under the lock: someone else may have refreshed meanwhile; else spend the refresh token and save the next one. */
  async function refreshLocked(stale: string | undefined): Promise<string> {
    const current = await load();
    if (!current) throw new Error('Zalo OA tokens are missing from the store');
    if (current.accessToken !== stale && usable(current)) return (cached = current).accessToken;
    let next;
    try {
      next = await deps.client.refresh(current.refreshToken);
    } catch (error) {
      // A refused refresh token cannot be retried: the OA needs an operator to re-consent.
      if (error instanceof ZaloOaError && error.code !== 0 && error.code < 500) await raiseReconsent();
      throw error;
    }
    const state: TokenState = { accessToken: next.accessToken, refreshToken: next.refreshToken, expiresAt: now() + next.expiresInS * 1000, seed };
    // Durable before use: if this write fails, the new access token is not used either.
    await deps.kv.set(TOKENS, state);
    cached = state;
    deps.logger.info({ channel: 'zalo-oa', expiresInS: next.expiresInS }, 'Zalo OA access token refreshed');
    return state.accessToken;
  }

  function refreshOnce(stale: string | undefined): Promise<string> {
    inflight ??= withLock(deps.store, REFRESH_LOCK, { ttlMs: 30_000, waitMs: 25_000 }, () => refreshLocked(stale)).finally(() => {
      inflight = undefined;
    });
    return inflight;
  }

  async function raiseReconsent(): Promise<void> {
    if (auth.reconsentSince !== undefined) return;
    auth = { reconsentSince: now() };
    await deps.kv.set(AUTH, auth);
    deps.logger.error({ channel: 'zalo-oa' }, 'Zalo OA needs re-consent: sending stopped until an operator authorises the app again and sets new tokens');
  }

  let ready: Promise<void> | undefined;
  async function initOnce(): Promise<void> {
      const stored = await load();
      if (!stored || stored.seed !== seed) {
        // First start, or the operator re-consented and put new tokens in the environment.
        await deps.kv.set(TOKENS, { accessToken: deps.initialAccessToken ?? '', refreshToken: deps.initialRefreshToken, expiresAt: 0, seed } satisfies TokenState);
        await deps.kv.delete(AUTH);
      }
      cached = await load();
      auth = ((await deps.kv.get(AUTH)) as OaAuthorisation | undefined) ?? {};
  }
  const init = () => (ready ??= initOnce().catch((error: unknown) => {
    ready = undefined;
    throw error;
  }));

  return {
    init,
    async accessToken() {
      await init();
      if (usable(cached)) return cached!.accessToken;
      cached = await load();
      if (usable(cached)) return cached!.accessToken;
      return refreshOnce(cached?.accessToken);
    },
    async refreshAfterRejection(stale) {
      await init();
      return refreshOnce(stale);
    },
    async authorisation() {
      await init();
      auth = ((await deps.kv.get(AUTH)) as OaAuthorisation | undefined) ?? {};
      return auth;
    },
    authorisationNow: () => auth,
    raiseReconsent,
  };
}
