// A fake Zalo Bot API for tests: a small node:http server on 127.0.0.1 with an ephemeral port.
// The client calls `POST ${url}/bot${token}/${method}` with a JSON body and gets `{ ok: true, result }` or
// `{ ok: false, error_code, description }`. Every call is recorded; failures can be switched on per method.
// Also builds webhook payloads shaped like the ones Zalo posts to the bot.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ZaloFailure =
  | { status: 429 }
  | { status: 500 }
  | { status: 400; description?: string }
  | { stallMs: number };

export interface ZaloCall {
  readonly method: string;
  readonly token: string;
  /** The parsed JSON body (or form fields), merged over any query-string parameters. */
  readonly params: Record<string, any>;
  /** Date.now() when the request arrived (before any stall). */
  readonly at: number;
  /** Set when the call was answered with ok: false. */
  failed?: true;
}

export interface FakeZalo {
  /** The API base to give the Zalo client (ZALO_API_BASE), e.g. http://127.0.0.1:PORT */
  readonly url: string;
  /** Every call in arrival order; reset() empties this same array. */
  readonly calls: ZaloCall[];
  /** The next `times` calls of `method` answer with `failure`. */
  failNext(method: string, failure: ZaloFailure, times?: number): void;
  /** Every sendMessage answers with `failure` until set back to null. */
  setFailure(failure: ZaloFailure | null): void;
  /** sendMessage to this chat answers 403 "Forbidden". */
  blockChat(chatId: string | number): void;
  /** The successful sendMessage calls, optionally only those to one chat. */
  sent(chatId?: string | number): ZaloCall[];
  /** Resolves once predicate(calls) is true (checked every 10 ms); rejects after timeoutMs listing the recorded methods. */
  waitFor(predicate: (calls: readonly ZaloCall[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Clears calls, failures and blocked chats. */
  reset(): void;
  /** Closes the server and every open socket (stalled requests are dropped). */
  close(): Promise<void>;
}

type Answer = { status: number; body: { ok: boolean } & Record<string, unknown> };

const BOT_INFO = { id: 'bot123', account_name: 'bot.troly', account_type: 'BASIC', can_join_groups: false } as const;
const MAX_TEXT = 2000;
const MAX_BODY_BYTES = 20 * 1024 * 1024;

const randomHex = (bytes = 16): string => randomBytes(bytes).toString('hex');
const ok = (result: unknown): Answer => ({ status: 200, body: { ok: true, result } });
const error = (code: number, description: string): Answer => ({ status: code, body: { ok: false, error_code: code, description } });

function failureAnswer(failure: Exclude<ZaloFailure, { stallMs: number }>): Answer {
  switch (failure.status) {
    case 429:
      return error(429, 'Quota exceeded');
    case 500:
      return error(500, 'Internal Server Error');
    case 400:
      return error(400, failure.description ?? 'Bad Request');
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Parses a JSON (or form) body; returns null when the body cannot be understood. */
function parseParams(raw: Buffer, contentType: string | undefined): Record<string, any> | null {
  const text = raw.toString('utf8');
  if (text.trim() === '') return {};
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(text));
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, any>) : null;
  } catch {
    return null;
  }
}

function isHttpsUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

export async function startFakeZalo(): Promise<FakeZalo> {
  const calls: ZaloCall[] = [];
  const succeeded = new WeakSet<ZaloCall>();
  const pendingFailures = new Map<string, { failure: ZaloFailure; remaining: number }[]>();
  const blocked = new Set<string>();
  let sendFailure: ZaloFailure | null = null;
  let webhook = { url: '', updated_at: Date.now() };
  let closed = false;
  const timers = new Set<{ timer: NodeJS.Timeout; done: () => void }>();

  /** Waits ms; resolves early (with false) when the server closes. */
  function sleep(ms: number): Promise<boolean> {
    if (closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          timers.delete(entry);
          resolve(!closed);
        }, Math.max(0, ms)),
        done: () => resolve(false),
      };
      timers.add(entry);
    });
  }

  function takeFailure(method: string): ZaloFailure | null {
    const queue = pendingFailures.get(method);
    const head = queue?.[0];
    if (queue && head) {
      head.remaining -= 1;
      if (head.remaining <= 0) queue.shift();
      if (queue.length === 0) pendingFailures.delete(method);
      return head.failure;
    }
    if (method === 'sendMessage' && sendFailure) return sendFailure;
    return null;
  }

  function answer(method: string, params: Record<string, any>): Answer {
    switch (method) {
      case 'getMe':
        return ok({ ...BOT_INFO });
      case 'setWebhook': {
        if (!isHttpsUrl(params.url)) return error(400, 'url must be a valid https URL');
        const secret: unknown = params.secret_token;
        if (typeof secret !== 'string' || secret.length < 8 || secret.length > 256) return error(400, 'secret_token must be 8-256 characters');
        webhook = { url: params.url, updated_at: Date.now() };
        return ok({ ...webhook });
      }
      case 'deleteWebhook':
        webhook = { url: '', updated_at: Date.now() };
        return ok({ ...webhook });
      case 'getWebhookInfo':
        return ok({ ...webhook });
      case 'sendMessage': {
        if (typeof params.chat_id !== 'string' || params.chat_id === '') return error(400, 'chat_id must be a non-empty string');
        const text: unknown = params.text;
        if (typeof text !== 'string' || text.length < 1 || text.length > MAX_TEXT) return error(400, 'text must be 1-2000 characters');
        if (blocked.has(params.chat_id)) return error(403, 'Forbidden');
        return ok({ message_id: randomHex(), date: Date.now() });
      }
      case 'sendPhoto':
        return ok({ message_id: randomHex(), date: Date.now() });
      default: // sendChatAction and anything else
        return ok(true);
    }
  }

  function reply(res: ServerResponse, result: Answer): void {
    if (res.writableEnded || res.destroyed) return;
    const payload = JSON.stringify(result.body);
    res.writeHead(result.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
    res.end(payload);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = /^\/bot([^/]*)\/([^/]+)$/.exec(url.pathname);
    const raw = await readBody(req);
    if (!match) {
      reply(res, error(404, 'Not Found'));
      return;
    }
    const token = decodeURIComponent(match[1]!);
    const method = decodeURIComponent(match[2]!);
    const body = parseParams(raw, req.headers['content-type']);
    const params: Record<string, any> = { ...Object.fromEntries(url.searchParams), ...(body ?? {}) };
    const call: ZaloCall = { method, token, params, at };
    calls.push(call);

    let result: Answer;
    if (token === '') {
      result = error(401, 'Unauthorized');
    } else if (body === null) {
      result = error(400, 'Invalid JSON body');
    } else {
      const failure = takeFailure(method);
      if (failure && 'stallMs' in failure) {
        if (!(await sleep(failure.stallMs))) {
          req.socket.destroy();
          return;
        }
        result = answer(method, params);
      } else if (failure) {
        result = failureAnswer(failure);
      } else {
        result = answer(method, params);
      }
    }
    if (closed) {
      req.socket.destroy();
      return;
    }
    if (result.body.ok) succeeded.add(call);
    else call.failed = true;
    reply(res, result);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent && !res.destroyed) reply(res, error(500, 'Internal Server Error'));
      else req.socket.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    failNext(method, failure, times = 1) {
      if (times <= 0) return;
      const queue = pendingFailures.get(method) ?? [];
      queue.push({ failure, remaining: times });
      pendingFailures.set(method, queue);
    },
    setFailure(failure) {
      sendFailure = failure;
    },
    blockChat(chatId) {
      blocked.add(String(chatId));
    },
    sent(chatId) {
      return calls.filter(
        (c) => c.method === 'sendMessage' && succeeded.has(c) && (chatId === undefined || String(c.params.chat_id) === String(chatId)),
      );
    },
    waitFor(predicate, timeoutMs = 5000) {
      return new Promise<void>((resolve, reject) => {
        const deadline = Date.now() + timeoutMs;
        const check = () => {
          try {
            if (predicate(calls)) return resolve();
          } catch (e) {
            return reject(e);
          }
          if (Date.now() >= deadline) {
            const seen = calls.map((c) => (c.failed ? `${c.method}(failed)` : c.method));
            return reject(new Error(`fake Zalo: condition not met within ${timeoutMs} ms; recorded calls: ${seen.length ? seen.join(', ') : '(none)'}`));
          }
          setTimeout(check, 10);
        };
        check();
      });
    },
    reset() {
      calls.length = 0;
      pendingFailures.clear();
      sendFailure = null;
      blocked.clear();
    },
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      for (const entry of timers) {
        clearTimeout(entry.timer);
        entry.done();
      }
      timers.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

// ---- Webhook payloads, shaped as Zalo posts them ----

export type ZaloEventName = 'message.text.received' | 'message.image.received' | 'message.sticker.received' | 'message.unsupported.received';

export interface ZaloMessage {
  from: { id: string; display_name: string; is_bot: boolean };
  chat: { id: string; chat_type: 'PRIVATE' | 'GROUP' };
  message_id: string;
  date: number;
  text?: string;
  photo_url?: string;
  caption?: string;
  sticker?: string;
  [key: string]: unknown;
}

export interface ZaloUpdate {
  event_name: ZaloEventName | (string & {});
  message: ZaloMessage;
}

export interface ZaloWebhookPayload {
  ok: true;
  result: ZaloUpdate;
}

interface EventBase {
  chatId: string | number;
  /** Defaults to chatId (a private chat's id is the user's id). */
  userId?: string | number;
  messageId?: string;
  /** Milliseconds; defaults to Date.now(). */
  date?: number;
  /** Wrap in `{ ok: true, result }` as Zalo's webhook does (default true). */
  wrapped?: boolean;
}

export interface ZaloTextEventOptions extends EventBase {
  text: string;
}

export interface ZaloEventOptions extends EventBase {
  /** Extra or overriding fields of `message`. */
  extra?: Record<string, unknown>;
}

function envelope(eventName: string, options: EventBase, fields: Record<string, unknown>): ZaloWebhookPayload | ZaloUpdate {
  const chatId = String(options.chatId);
  const message: ZaloMessage = {
    from: { id: String(options.userId ?? chatId), display_name: 'Người dân', is_bot: false },
    chat: { id: chatId, chat_type: 'PRIVATE' },
    ...fields,
    message_id: options.messageId ?? randomHex(),
    date: options.date ?? Date.now(),
  };
  const update: ZaloUpdate = { event_name: eventName, message };
  return options.wrapped === false ? update : { ok: true, result: update };
}

/** A 'message.text.received' webhook body. */
export function zaloTextEvent(options: ZaloTextEventOptions & { wrapped: false }): ZaloUpdate;
export function zaloTextEvent(options: ZaloTextEventOptions & { wrapped?: true }): ZaloWebhookPayload;
export function zaloTextEvent(options: ZaloTextEventOptions): ZaloWebhookPayload | ZaloUpdate;
export function zaloTextEvent(options: ZaloTextEventOptions): ZaloWebhookPayload | ZaloUpdate {
  return envelope('message.text.received', options, { text: options.text });
}

const DEFAULT_FIELDS: Record<string, Record<string, unknown>> = {
  'message.image.received': { photo_url: 'https://example.com/zalo/photo.jpg', caption: '' },
  'message.sticker.received': { sticker: '6e1c2b0a9f3d4e5b' },
  'message.unsupported.received': {},
};

/** A webhook body for another event ('message.image.received', 'message.sticker.received', 'message.unsupported.received'). */
export function zaloEvent(eventName: ZaloEventName, options: ZaloEventOptions & { wrapped: false }): ZaloUpdate;
export function zaloEvent(eventName: ZaloEventName, options: ZaloEventOptions & { wrapped?: true }): ZaloWebhookPayload;
export function zaloEvent(eventName: ZaloEventName, options: ZaloEventOptions): ZaloWebhookPayload | ZaloUpdate;
export function zaloEvent(eventName: ZaloEventName, options: ZaloEventOptions): ZaloWebhookPayload | ZaloUpdate {
  const payload = envelope(eventName, options, { ...DEFAULT_FIELDS[eventName] });
  if (options.extra) Object.assign('result' in payload ? payload.result.message : payload.message, options.extra);
  return payload;
}
