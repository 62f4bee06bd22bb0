// POST /api/chat: the web chat's one endpoint. Parse, call the conversation core, answer.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Conversation } from '../../conversation/conversation.js';
import type { Reply } from '../../conversation/types.js';
import { AppError } from '../../server/errors.js';

/** Longer text is refused rather than silently cut: a paste of a whole document is not a question. */
export const MAX_CHAT_TEXT = 4000;

const chatRequest = z
  .object({
    sessionId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'sessionId must be 8-64 letters, digits, "-" or "_"'),
    text: z.string().max(MAX_CHAT_TEXT, `text must be at most ${MAX_CHAT_TEXT} characters`).optional(),
    choice: z.string().max(64, 'choice must be at most 64 characters').optional(),
    locale: z.enum(['vi', 'en'], { error: 'locale must be "vi" or "en"' }).optional(),
  })
  .refine((r) => r.text !== undefined || r.choice !== undefined, 'send "text" or "choice"');

export interface ChatResponse {
  replies: Reply[];
}

export interface ChatLimits {
  /** Requests per minute from one address. */
  readonly perMinute: number;
  /** New sessions (each one a user record) per hour from one address. */
  readonly newSessionsPerHour: number;
}

/** Sessions this process has seen recently; a session not in it counts against its address's new-session limit. */
const KNOWN_SESSIONS = 100_000;

export function registerChatRoute(app: FastifyInstance, conversation: Conversation, limits: ChatLimits = { perMinute: 120, newSessionsPerHour: 100 }): void {
  const known = new Map<string, true>();
  const newSession = app.createRateLimit({ max: limits.newSessionsPerHour, timeWindow: 60 * 60 * 1000, keyGenerator: (request) => `web-new-session:${request.ip}` });
  app.post('/api/chat', { config: { rateLimit: { max: limits.perMinute, timeWindow: 60 * 1000 } } }, async (request): Promise<ChatResponse> => {
    const parsed = chatRequest.safeParse(request.body);
    if (!parsed.success) throw new AppError('invalid_request', undefined, parsed.error.issues.map((i) => i.message));
    const { sessionId, text, choice, locale } = parsed.data;
    if (known.has(sessionId)) {
      known.delete(sessionId); // most recently used last
    } else {
      const limit = await newSession(request);
      if (!limit.isAllowed && limit.isExceeded) throw new AppError('too_many_requests', 'Too many new chats from this address; try again later.');
      if (known.size >= KNOWN_SESSIONS) known.delete(known.keys().next().value!);
    }
    known.set(sessionId, true);
    // The web chat answers inline: no outbox, and no broadcasts (a page cannot be reached later).
    const replies = await conversation.handle({
      channel: 'web',
      userId: sessionId,
      chatId: sessionId,
      canPush: false,
      ...(text !== undefined ? { text } : {}),
      ...(choice !== undefined ? { choice } : {}),
      ...(locale ? { locale } : {}),
    });
    return { replies };
  });
}
