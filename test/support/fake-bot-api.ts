// The shared core of the fake Bot APIs for tests (fake-telegram.ts, fake-zalo.ts): a small node:http server on
// 127.0.0.1 with an ephemeral port. It takes `POST ${url}/bot${token}/${method}` (a JSON or form body), records
// every call, and answers it through the platform's handler unless a failure (an error status or a stall) was
// switched on for that method. The platforms supply only their method handlers and answer shapes.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A failure a fake can be told to answer with; only the shape of the 429 differs between the platforms. */
export type BotApiFailure<RateLimited extends { status: 429 }> =
  | RateLimited
  | { status: 500 }
  | { status: 403; description?: string }
  | { status: 400; description?: string }
  | { stallMs: number };

export interface BotApiCall {
  readonly method: string;
  readonly token: string;
  /** The parsed request body (JSON object or form fields), merged over any query-string parameters. */
  readonly params: Record<string, any>;
  /** Date.now() when the request arrived (before any stall). */
  readonly at: number;
  /** Set when the call was answered with ok: false. */
  failed?: true;
}

/** What both fakes offer; each platform's interface extends it (and words some members for its platform). */
export interface FakeBotApi<F> {
  /** The API root to give the client, e.g. http://127.0.0.1:PORT */
  readonly url: string;
  /** Every call in arrival order; reset() empties this same array. */
  readonly calls: BotApiCall[];
  /** The next `times` calls of `method` answer with `failure`. */
  failNext(method: string, failure: F, times?: number): void;
  /** Every sendMessage answers with `failure` until set back to null. */
  setFailure(failure: F | null): void;
  /** sendMessage to this chat answers 403. */
  blockChat(chatId: number | string): void;
  /** The successful sendMessage calls, optionally only those to one chat. */
  sent(chatId?: number | string): BotApiCall[];
  /** Resolves once predicate(calls) is true (checked every 10 ms); rejects after timeoutMs listing the recorded methods. */
  waitFor(predicate: (calls: readonly BotApiCall[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Clears calls, failures and blocked chats. */
  reset(): void;
  /** Closes the server and every open socket (stalled requests are dropped). */
  close(): Promise<void>;
}

export type Answer = { status: number; body: { ok: boolean } & Record<string, unknown>; headers?: Record<string, string> };

export const ok = (result: unknown): Answer => ({ status: 200, body: { ok: true, result } });
export const error = (code: number, description: string, extra: Record<string, unknown> = {}): Answer => ({
  status: code,
  body: { ok: false, error_code: code, description, ...extra },
});

/** What a platform's handler may ask of the server. */
export interface BotApiContext {
  /** True once close() has been called. */
  readonly closed: boolean;
  /** Whether blockChat was called for this chat (ids compare as strings). */
  isBlocked(chatId: unknown): boolean;
}

export interface BotApiPlatform<RateLimited extends { status: 429 }> {
  /** Named in waitFor's error: `fake ${name}: condition not met …`. */
  readonly name: string;
  /** The description of the 400 answered to a body that cannot be parsed. */
  readonly unparsableBody: string;
  /** Answer an empty token with 401 "Unauthorized" (checked before the body). */
  readonly rejectEmptyToken?: boolean;
  /** The answer to a `{ status: 429 }` failure. */
  rateLimited(failure: RateLimited): Answer;
  /** Answers a call that is not failed (a stalled one once its stall is over). */
  answer(method: string, params: Record<string, any>, req: IncomingMessage, ctx: BotApiContext): Answer | Promise<Answer>;
  /** Clears the platform's own state on reset(). */
  onReset?(): void;
  /** Runs once on close(), after pending stalls are cut short and before the server closes. */
  onClose?(): void;
}

const MAX_BODY_BYTES = 20 * 1024 * 1024;

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

const sameChat = (a: unknown, b: unknown): boolean => (typeof a === 'string' || typeof a === 'number') && String(a) === String(b);

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

export async function startFakeBotApi<RateLimited extends { status: 429 }>(
  platform: BotApiPlatform<RateLimited>,
): Promise<FakeBotApi<BotApiFailure<RateLimited>>> {
  type Failure = BotApiFailure<RateLimited>;
  const calls: BotApiCall[] = [];
  const succeeded = new WeakSet<BotApiCall>();
  const pendingFailures = new Map<string, { failure: Failure; remaining: number }[]>();
  const blocked = new Set<string>();
  let sendFailure: Failure | null = null;
  let closed = false;
  const timers = new Set<{ timer: NodeJS.Timeout; done: () => void }>();
  const ctx: BotApiContext = {
    get closed() {
      return closed;
    },
    isBlocked: (chatId) => blocked.has(String(chatId)),
  };

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

  function failureAnswer(failure: RateLimited | { status: 500 } | { status: 403; description?: string } | { status: 400; description?: string }): Answer {
    if (failure.status === 500) return error(500, 'Internal Server Error');
    if (failure.status === 403) return error(403, failure.description ?? 'Forbidden');
    if (failure.status === 400) return error(400, failure.description ?? 'Bad Request');
    return platform.rateLimited(failure);
  }

  /** The answer to a recorded call, or null when the call was stalled until the server closed. */
  async function respond(token: string, method: string, params: Record<string, any>, parsed: boolean, req: IncomingMessage): Promise<Answer | null> {
    if (platform.rejectEmptyToken && token === '') return error(401, 'Unauthorized');
    if (!parsed) return error(400, platform.unparsableBody);
    const failure = takeFailure(method);
    if (failure && 'stallMs' in failure) {
      if (!(await sleep(failure.stallMs))) return null;
    } else if (failure) {
      return failureAnswer(failure);
    }
    return platform.answer(method, params, req, ctx);
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
    const call: BotApiCall = { method, token, params, at };
    calls.push(call);

    const result = await respond(token, method, params, body !== null, req);
    if (result === null || closed) {
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
            return reject(e instanceof Error ? e : new Error(String(e)));
          }
          if (Date.now() >= deadline) {
            const seen = calls.map((c) => (c.failed ? `${c.method}(failed)` : c.method));
            return reject(
              new Error(`fake ${platform.name}: condition not met within ${timeoutMs} ms; recorded calls: ${seen.length ? seen.join(', ') : '(none)'}`),
            );
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
      platform.onReset?.();
    },
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      for (const entry of timers) {
        clearTimeout(entry.timer);
        entry.done();
      }
      timers.clear();
      platform.onClose?.();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
