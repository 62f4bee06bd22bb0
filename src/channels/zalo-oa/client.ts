// A small client for the Zalo Official Account API v3 (messages) and the Zalo OAuth v4 server (token refresh),
// over undici. The access token travels in a header and the secret key in another: headers, URLs and bodies
// are never logged or put in errors.
import { fetch, Agent } from 'undici';

/** Zalo's error codes that change what we do (zalo-oa.md). */
export const OA_INVALID_ACCESS_TOKEN = -216;
export const OA_RECONSENT_NEEDED = -118;

export class ZaloOaError extends Error {
  constructor(
    readonly operation: 'send' | 'refresh',
    /** Zalo's `error` code; the HTTP status when there was none; 0 for network errors and timeouts. */
    readonly code: number,
    description: string,
  ) {
    super(`Zalo OA ${operation} failed: ${code} ${description}`);
    this.name = 'ZaloOaError';
  }
}

export interface OaTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** Seconds the access token lives (Zalo answers about 25 hours). */
  readonly expiresInS: number;
}

export interface OaSendText {
  readonly userId: string;
  readonly text: string;
  /** The user's message being answered: without it the message counts as proactive. */
  readonly replyTo?: string;
}

export interface ZaloOaClient {
  sendText(accessToken: string, message: OaSendText): Promise<{ messageId?: string }>;
  refresh(refreshToken: string): Promise<OaTokens>;
  close(): Promise<void>;
}

export interface ZaloOaClientOptions {
  readonly appId: string;
  readonly secretKey: string;
  readonly apiBase: string;
  readonly oauthBase: string;
  readonly timeoutMs?: number;
}

/** Ids are 64-bit numbers: quote long integer literals before JSON.parse so they survive as exact strings. */
export function parseJsonKeepingBigIds(text: string): unknown {
  return JSON.parse(text.replace(/([:[,]\s*)(-?\d{16,})(?=\s*[,}\]])/g, '$1"$2"'));
}

export function createZaloOaClient(options: ZaloOaClientOptions): ZaloOaClient {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const dispatcher = new Agent({ connectTimeout: 5000, keepAliveTimeout: 30_000 });
  const base = (url: string) => url.replace(/\/+$/, '');

  async function post(operation: 'send' | 'refresh', url: string, headers: Record<string, string>, body: string): Promise<Record<string, unknown>> {
    let response;
    try {
      response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs), dispatcher });
    } catch (error) {
      const name = error instanceof Error ? error.name : 'Error';
      throw new ZaloOaError(operation, 0, name === 'TimeoutError' ? 'timed out' : 'network error');
    }
    let parsed: unknown;
    try {
      parsed = parseJsonKeepingBigIds(await response.text());
    } catch {
      throw new ZaloOaError(operation, response.status >= 400 ? response.status : 502, 'response is not JSON');
    }
    const answer = (parsed ?? {}) as Record<string, unknown>;
    const code = Number(answer.error ?? 0);
    if (code !== 0) throw new ZaloOaError(operation, code, typeof answer.message === 'string' ? answer.message : typeof answer.error_name === 'string' ? answer.error_name : 'error');
    if (!response.ok) throw new ZaloOaError(operation, response.status, 'HTTP error');
    return answer;
  }

  return {
    async sendText(accessToken, message) {
      const recipient = { user_id: message.userId, ...(message.replyTo ? { message_id: message.replyTo } : {}) };
      const answer = await post('send', `${base(options.apiBase)}/v3.0/oa/message/cs`, { 'content-type': 'application/json', access_token: accessToken }, JSON.stringify({ recipient, message: { text: message.text } }));
      const data = (answer.data ?? {}) as { message_id?: unknown };
      return typeof data.message_id === 'string' || typeof data.message_id === 'number' ? { messageId: String(data.message_id) } : {};
    },
    async refresh(refreshToken) {
      const form = new URLSearchParams({ app_id: options.appId, grant_type: 'refresh_token', refresh_token: refreshToken });
      const answer = await post('refresh', `${base(options.oauthBase)}/v4/oa/access_token`, { 'content-type': 'application/x-www-form-urlencoded', secret_key: options.secretKey }, form.toString());
      const accessToken = answer.access_token;
      const nextRefresh = answer.refresh_token;
      if (typeof accessToken !== 'string' || accessToken === '' || typeof nextRefresh !== 'string' || nextRefresh === '') {
        throw new ZaloOaError('refresh', 502, 'answer without tokens');
      }
      const expiresInS = Number(answer.expires_in ?? 90_000);
      return { accessToken, refreshToken: nextRefresh, expiresInS: Number.isFinite(expiresInS) && expiresInS > 0 ? expiresInS : 90_000 };
    },
    close: () => dispatcher.close(),
  };
}
