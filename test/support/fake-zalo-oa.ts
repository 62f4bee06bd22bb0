// Fake Zalo OA API and OAuth servers for tests: two small node:http servers on 127.0.0.1 sharing one state.
// The API takes `POST /v3.0/oa/message/cs` with the `access_token` header; the OAuth server takes
// `POST /v4/oa/access_token` with the `secret_key` header and form fields app_id, grant_type, refresh_token.
// Refresh tokens are single-use and rotate, as on Zalo; a refresh makes the previous access tokens invalid (-216).
// Also signs webhook bodies as Zalo does (X-ZEvent-Signature: mac=sha256(app_id + body + timestamp + secret)).
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OaCall {
  readonly kind: 'send' | 'refresh';
  readonly at: number;
  /** send: the access_token header. */
  readonly accessToken?: string;
  /** refresh: the refresh_token field. */
  readonly refreshToken?: string;
  readonly body: Record<string, any>;
  /** Zalo's error code in the answer (0 = success). */
  error: number;
}

export interface FakeZaloOa {
  readonly apiUrl: string;
  readonly oauthUrl: string;
  readonly calls: OaCall[];
  /** Successful sends, optionally to one user. */
  sent(userId?: string): OaCall[];
  refreshes(): OaCall[];
  /** The tokens currently valid. */
  current(): { accessToken: string; refreshToken: string };
  /** The next `times` sends answer this Zalo error code (e.g. -118). */
  failNextSend(code: number, times?: number): void;
  /** Makes every access token issued so far invalid (as if it expired). */
  expireAccessTokens(): void;
  /** Refresh answers wait this long (to widen races). */
  setRefreshDelay(ms: number): void;
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface FakeZaloOaOptions {
  readonly appId: string;
  readonly secretKey: string;
  /** The initial tokens; the access token is valid unless `accessTokenValid` is false. */
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly accessTokenValid?: boolean;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function answer(res: ServerResponse, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function startFakeZaloOa(options: FakeZaloOaOptions): Promise<FakeZaloOa> {
  const calls: OaCall[] = [];
  const valid = new Set<string>(options.accessTokenValid === false ? [] : [options.accessToken]);
  const refreshTokens = new Map<string, 'fresh' | 'used'>([[options.refreshToken, 'fresh']]);
  let current = { accessToken: options.accessToken, refreshToken: options.refreshToken };
  let sendFailures: number[] = [];
  let refreshDelayMs = 0;
  let issued = 0;
  let messageIds = 0;

  const api = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const accessToken = String(req.headers.access_token ?? '');
      let body: Record<string, any> = {};
      try {
        body = JSON.parse(raw) as Record<string, any>;
      } catch { /* answered below */ }
      const call: OaCall = { kind: 'send', at: Date.now(), accessToken, body, error: 0 };
      calls.push(call);
      if (req.url !== '/v3.0/oa/message/cs') return answer(res, { error: (call.error = -201), message: 'unknown endpoint' });
      if (!valid.has(accessToken)) return answer(res, { error: (call.error = -216), message: 'Access token is invalid' });
      const forced = sendFailures.shift();
      if (forced !== undefined) return answer(res, { error: (call.error = forced), message: 'forced failure' });
      if (typeof body.recipient?.user_id !== 'string' || typeof body.message?.text !== 'string') return answer(res, { error: (call.error = -201), message: 'invalid params' });
      answer(res, { error: 0, message: 'Success', data: { message_id: `m${(messageIds += 1)}`, user_id: body.recipient.user_id } });
    })();
  });

  const oauth = createServer((req, res) => {
    void (async () => {
      const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
      const call: OaCall = { kind: 'refresh', at: Date.now(), refreshToken: form.refresh_token, body: form, error: 0 };
      calls.push(call);
      if (refreshDelayMs > 0) await new Promise((r) => setTimeout(r, refreshDelayMs));
      if (req.url !== '/v4/oa/access_token' || req.headers.secret_key !== options.secretKey || form.app_id !== options.appId || form.grant_type !== 'refresh_token') {
        return answer(res, { error: (call.error = -14002), error_name: 'Invalid app or secret' });
      }
      const state = refreshTokens.get(form.refresh_token ?? '');
      if (state !== 'fresh') return answer(res, { error: (call.error = -14014), error_name: 'Invalid refresh token' });
      refreshTokens.set(form.refresh_token!, 'used');
      issued += 1;
      current = { accessToken: `access-${issued}-${Date.now().toString(36)}`, refreshToken: `refresh-${issued}-${Date.now().toString(36)}` };
      valid.clear();
      valid.add(current.accessToken);
      refreshTokens.set(current.refreshToken, 'fresh');
      answer(res, { access_token: current.accessToken, refresh_token: current.refreshToken, expires_in: '90000' });
    })();
  });

  const apiUrl = await listen(api);
  const oauthUrl = await listen(oauth);
  return {
    apiUrl,
    oauthUrl,
    calls,
    sent: (userId) => calls.filter((c) => c.kind === 'send' && c.error === 0 && (userId === undefined || c.body.recipient?.user_id === userId)),
    refreshes: () => calls.filter((c) => c.kind === 'refresh'),
    current: () => current,
    failNextSend(code, times = 1) {
      for (let i = 0; i < times; i += 1) sendFailures.push(code);
    },
    expireAccessTokens: () => valid.clear(),
    setRefreshDelay(ms) {
      refreshDelayMs = ms;
    },
    waitFor(predicate, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const deadline = Date.now() + timeoutMs;
        const check = () => {
          if (predicate()) return resolve();
          if (Date.now() > deadline) return reject(new Error(`fake Zalo OA: condition not met within ${timeoutMs} ms; calls: ${calls.map((c) => `${c.kind}(${c.error})`).join(', ') || '(none)'}`));
          setTimeout(check, 10);
        };
        check();
      });
    },
    async close() {
      sendFailures = [];
      for (const server of [api, oauth]) {
        server.closeAllConnections();
        await new Promise((r) => server.close(r));
      }
    },
  };
}

// ---- Webhook bodies and signatures, shaped as the OA webhook sends them ----

export function signOaBody(raw: string, appId: string, secretKey: string): string {
  const timestamp = /"timestamp"\s*:\s*"?(\d+)"?/.exec(raw)?.[1] ?? '';
  return `mac=${createHash('sha256').update(`${appId}${raw}${timestamp}${secretKey}`).digest('hex')}`;
}

let sequence = 0;
const nextId = () => `${Date.now()}${(sequence += 1).toString().padStart(6, '0')}`;

export function oaTextEvent(appId: string, userId: string, text: string, msgId = `msg${nextId()}`): Record<string, unknown> {
  return { app_id: appId, oa_id: '2930239400000000001', event_name: 'user_send_text', timestamp: String(Date.now()), sender: { id: userId }, recipient: { id: '2930239400000000001' }, message: { msg_id: msgId, text }, user_id_by_app: `app${userId}` };
}

export function oaEvent(appId: string, eventName: string, userId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { app_id: appId, oa_id: '2930239400000000001', event_name: eventName, timestamp: String(Date.now() + (sequence += 1)), sender: { id: userId }, ...extra };
}
