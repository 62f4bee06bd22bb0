// What an error may say in a log: its type, code and a message with anything that could identify a person or a
// bot scrubbed. Never the error object itself: grammY's errors carry the whole context (token, text, chat, name).
const TOKEN_LIKE = /\d{5,}:[\w-]{20,}/g;
const LONG_NUMBER = /\d{5,}/g;
const URL_LIKE = /\b(?:https?|rediss?):\/\/\S+/g;

export interface SafeError {
  readonly type: string;
  readonly code?: string;
  readonly message: string;
}

export function safeError(error: unknown): SafeError {
  if (typeof error !== 'object' || error === null) return { type: typeof error, message: '(not an Error)' };
  const { name, message, code } = error as { name?: unknown; message?: unknown; code?: unknown };
  return {
    type: typeof name === 'string' ? name : error.constructor?.name ?? 'object',
    ...(typeof code === 'string' || typeof code === 'number' ? { code: String(code) } : {}),
    message: typeof message === 'string' ? scrub(message) : '',
  };
}

/** Drops tokens, addresses and long numbers (ids, phone numbers) from a message, and cuts it short. */
export function scrub(message: string): string {
  return message.replace(TOKEN_LIKE, '[token]').replace(URL_LIKE, '[url]').replace(LONG_NUMBER, '[n]').slice(0, 200);
}
