// A fake Telegram Bot API for tests: a small node:http server on 127.0.0.1 with an ephemeral port.
// grammY calls `POST ${url}/bot${token}/${method}`; every call is recorded and answered like Telegram would,
// and failures (429, 500, 400, a stall, a blocked chat) can be switched on per method.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Failure =
  | { status: 429; retryAfter: number }
  | { status: 500 }
  | { status: 400; description?: string }
  | { stallMs: number };

export interface FakeCall {
  readonly method: string;
  readonly token: string;
  /** The parsed request body (JSON object or form fields), merged over any query-string parameters. */
  readonly params: Record<string, any>;
  /** Date.now() when the request arrived (before any stall). */
  readonly at: number;
  /** Set when the call was answered with ok: false. */
  failed?: true;
}

/** A Telegram update; `update_id` is filled in by queueUpdate when missing. */
export type TelegramUpdate = { update_id?: number } & Record<string, unknown>;

export interface FakeTelegram {
  /** The API root to give grammY (`client.apiRoot`), e.g. http://127.0.0.1:PORT */
  readonly url: string;
  /** Every call in arrival order; reset() empties this same array. */
  readonly calls: FakeCall[];
  /** Queues an update for getUpdates (wakes a waiting long poll); returns it with its update_id. */
  queueUpdate(update: TelegramUpdate): TelegramUpdate & { update_id: number };
  /** The next `times` calls of `method` answer with `failure`. */
  failNext(method: string, failure: Failure, times?: number): void;
  /** Every sendMessage answers with `failure` until set back to null. */
  setFailure(failure: Failure | null): void;
  /** sendMessage to this chat answers 403 "bot was blocked by the user". */
  blockChat(chatId: number | string): void;
  /** The successful sendMessage calls, optionally only those to one chat. */
  sent(chatId?: number | string): FakeCall[];
  /** Resolves once predicate(calls) is true (checked every 10 ms); rejects after timeoutMs listing the recorded methods. */
  waitFor(predicate: (calls: readonly FakeCall[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Clears calls, queued updates, failures and blocked chats. */
  reset(): void;
  /** Closes the server and every open socket (stalled and long-polling requests are dropped). */
  close(): Promise<void>;
}

type Answer = { status: number; body: { ok: boolean } & Record<string, unknown>; headers?: Record<string, string> };

const BOT_INFO = {
  id: 777000,
  is_bot: true,
  first_name: 'Trợ lý số',
  username: 'tro_ly_so_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
} as const;

const MAX_TEXT = 4096;
const MAX_BODY_BYTES = 20 * 1024 * 1024;

const ok = (result: unknown): Answer => ({ status: 200, body: { ok: true, result } });
const error = (code: number, description: string, extra: Record<string, unknown> = {}): Answer => ({
  status: code,
  body: { ok: false, error_code: code, description, ...extra },
});

function failureAnswer(failure: Exclude<Failure, { stallMs: number }>): Answer {
  switch (failure.status) {
    case 429: {
      const answer = error(429, `Too Many Requests: retry after ${failure.retryAfter}`, { parameters: { retry_after: failure.retryAfter } });
      answer.headers = { 'retry-after': String(failure.retryAfter) };
      return answer;
    }
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

/** Parses a JSON or form body; returns null when the body cannot be understood. */
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

const sameChat = (a: unknown, b: unknown): boolean => a !== undefined && a !== null && String(a) === String(b);

/** Telegram answers chat ids as numbers; form bodies carry them as strings. */
const chatIdOf = (value: unknown): unknown => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);

export async function startFakeTelegram(): Promise<FakeTelegram> {
  const calls: FakeCall[] = [];
  const succeeded = new WeakSet<FakeCall>();
  const pendingFailures = new Map<string, { failure: Failure; remaining: number }[]>();
  const blocked = new Set<string>();
  let sendFailure: Failure | null = null;
  let updates: (TelegramUpdate & { update_id: number })[] = [];
  let nextUpdateId = 1;
  let nextMessageId = 1;
  let webhookUrl = '';
  let closed = false;
  const timers = new Set<{ timer: NodeJS.Timeout; done: () => void }>();
  const updateWaiters = new Set<() => void>();

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

  function takeFailure(method: string): Failure | null {
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

  async function getUpdates(params: Record<string, any>, req: IncomingMessage): Promise<Answer> {
    if (updates.length === 0) {
      const seconds = Math.min(Math.max(Number(params.timeout ?? 0) || 0, 0), 1);
      if (seconds > 0 && !closed) {
        await new Promise<void>((resolve) => {
          const wake = () => {
            clearTimeout(timer);
            updateWaiters.delete(wake);
            req.off('close', onClose);
            resolve();
          };
          const onClose = () => wake();
          const timer = setTimeout(wake, seconds * 1000);
          updateWaiters.add(wake);
          req.once('close', onClose); // the client gave up (e.g. grammY stopping): stop waiting
        });
      }
    }
    const limit = Math.min(Math.max(Number(params.limit ?? 100) || 100, 1), 100);
    const batch = updates.slice(0, limit);
    updates = updates.slice(batch.length);
    return ok(batch);
  }

  async function answer(method: string, params: Record<string, any>, req: IncomingMessage): Promise<Answer> {
    switch (method) {
      case 'getMe':
        return ok({ ...BOT_INFO });
      case 'sendMessage': {
        const text: unknown = params.text;
        if (params.chat_id === undefined || params.chat_id === null || params.chat_id === '') return error(400, 'Bad Request: chat_id is empty');
        if (typeof text !== 'string' || text.length === 0) return error(400, 'Bad Request: message text is empty');
        if (text.length > MAX_TEXT) return error(400, 'Bad Request: message is too long');
        if (blocked.has(String(params.chat_id))) return error(403, 'Forbidden: bot was blocked by the user');
        return ok({
          message_id: nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: chatIdOf(params.chat_id), type: 'private' },
          text,
        });
      }
      case 'setWebhook':
        webhookUrl = typeof params.url === 'string' ? params.url : '';
        return ok(true);
      case 'deleteWebhook':
        webhookUrl = '';
        return ok(true);
      case 'getWebhookInfo':
        return ok({ url: webhookUrl, has_custom_certificate: false, pending_update_count: 0 });
      case 'getUpdates':
        return getUpdates(params, req);
      default: // answerCallbackQuery, setMyCommands, sendChatAction and anything else
        return ok(true);
    }
  }

  function reply(res: ServerResponse, result: Answer): void {
    if (res.writableEnded || res.destroyed) return;
    const payload = JSON.stringify(result.body);
    res.writeHead(result.status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(payload),
      ...result.headers,
    });
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
    const call: FakeCall = { method, token, params, at };
    calls.push(call);

    let result: Answer;
    if (body === null) {
      result = error(400, "Bad Request: can't parse request body");
    } else {
      const failure = takeFailure(method);
      if (failure && 'stallMs' in failure) {
        if (!(await sleep(failure.stallMs))) {
          req.socket.destroy();
          return;
        }
        result = await answer(method, params, req);
      } else if (failure) {
        result = failureAnswer(failure);
      } else {
        result = await answer(method, params, req);
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

  const fake: FakeTelegram = {
    url: `http://127.0.0.1:${port}`,
    calls,
    queueUpdate(update) {
      const queued = { ...update, update_id: update.update_id ?? nextUpdateId };
      nextUpdateId = Math.max(nextUpdateId, queued.update_id) + 1;
      updates.push(queued);
      for (const wake of [...updateWaiters]) wake();
      return queued;
    },
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
        (c) => c.method === 'sendMessage' && succeeded.has(c) && (chatId === undefined || sameChat(c.params.chat_id, chatId)),
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
            return reject(new Error(`fake Telegram: condition not met within ${timeoutMs} ms; recorded calls: ${seen.length ? seen.join(', ') : '(none)'}`));
          }
          setTimeout(check, 10);
        };
        check();
      });
    },
    reset() {
      calls.length = 0;
      updates = [];
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
      for (const wake of [...updateWaiters]) wake();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return fake;
}
