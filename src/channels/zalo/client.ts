// A small typed client for the Zalo Bot API (https://bot-api.zaloplatforms.com/bot<TOKEN>/<method>), over undici.
// The token is part of every URL: URLs are never logged and never put in errors.
import { fetch, Agent } from 'undici';

export class ZaloApiError extends Error {
  constructor(
    readonly method: string,
    /** Zalo's error_code, or the HTTP status when the body had none; 0 for network errors and timeouts. */
    readonly errorCode: number,
    readonly description: string,
  ) {
    super(`Zalo ${method} failed: ${errorCode} ${description}`);
    this.name = 'ZaloApiError';
  }
}

export interface ZaloMe {
  readonly id: string;
  readonly account_name?: string;
  readonly display_name?: string;
}

/** setWebhook's answer: Zalo pings the URL and says whether it answered. */
export interface ZaloWebhookResult {
  readonly url: string;
  readonly updated_at?: number;
  readonly verification?: { readonly ok?: boolean; readonly outcome?: string; readonly hint?: string };
}

export interface ZaloClient {
  getMe(): Promise<ZaloMe>;
  setWebhook(url: string, secretToken: string): Promise<ZaloWebhookResult>;
  deleteWebhook(): Promise<unknown>;
  getWebhookInfo(): Promise<{ url: string; updated_at?: number }>;
  sendMessage(chatId: string, text: string): Promise<{ message_id: string; date: number }>;
  sendPhoto(chatId: string, photoUrl: string, caption?: string): Promise<{ message_id: string; date: number }>;
  sendChatAction(chatId: string, action?: 'typing'): Promise<unknown>;
  close(): Promise<void>;
}

export function createZaloClient(options: { token: string; baseUrl: string; timeoutMs?: number }): ZaloClient {
  const base = `${options.baseUrl.replace(/\/+$/, '')}/bot${options.token}`;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const dispatcher = new Agent({ connectTimeout: 5000, keepAliveTimeout: 30_000 });

  async function call<T>(method: string, body: Record<string, unknown> = {}): Promise<T> {
    let response;
    try {
      response = await fetch(`${base}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
        dispatcher,
      });
    } catch (error) {
      // Network errors can mention the URL (and so the token): keep only their kind.
      const name = error instanceof Error ? error.name : 'Error';
      throw new ZaloApiError(method, 0, name === 'TimeoutError' ? 'timed out' : 'network error');
    }
    let parsed: { ok?: boolean; result?: T; error_code?: number; description?: string };
    try {
      parsed = (await response.json()) as typeof parsed;
    } catch {
      throw new ZaloApiError(method, response.status, 'response is not JSON');
    }
    if (!response.ok || parsed.ok !== true) throw new ZaloApiError(method, parsed.error_code ?? response.status, parsed.description ?? 'unknown error');
    return parsed.result as T;
  }

  return {
    getMe: () => call('getMe'),
    setWebhook: (url, secretToken) => call('setWebhook', { url, secret_token: secretToken }),
    deleteWebhook: () => call('deleteWebhook'),
    getWebhookInfo: () => call('getWebhookInfo'),
    sendMessage: (chatId, text) => call('sendMessage', { chat_id: chatId, text }),
    sendPhoto: (chatId, photo, caption) => call('sendPhoto', { chat_id: chatId, photo, ...(caption ? { caption } : {}) }),
    sendChatAction: (chatId, action = 'typing') => call('sendChatAction', { chat_id: chatId, action }),
    close: () => dispatcher.close(),
  };
}
