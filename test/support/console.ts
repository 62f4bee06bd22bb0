// What the console tests share: a copy of the intents to edit, an admin client speaking JSON with a language.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/knowledge/paths.js';

/** The shipped intents copied to a temporary folder: the tests' edits never touch intents/. */
export function copyIntents(): string {
  const dir = mkdtempSync(join(tmpdir(), 'intents-'));
  cpSync(join(PROJECT_ROOT, 'intents'), dir, { recursive: true });
  return dir;
}

export function adminClient(url: string, token: string, language = 'vi') {
  return async (method: string, path: string, body?: unknown): Promise<{ status: number; json: any; text: string; headers: Headers }> => {
    const response = await fetch(`${url}${path.startsWith('/admin') ? '' : '/admin/api'}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'accept-language': language, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, json, text, headers: response.headers };
  };
}

/** Common English words of user interfaces: none may appear in what the console or the CLI says in Vietnamese. */
export const ENGLISH_UI_WORDS = new Set([
  'the', 'and', 'or', 'is', 'are', 'not', 'must', 'be', 'to', 'of', 'for', 'with', 'from', 'this', 'that', 'your', 'please', 'sign', 'in', 'out',
  'send', 'sent', 'save', 'saved', 'cancel', 'cancelled', 'error', 'errors', 'failed', 'invalid', 'required', 'empty', 'missing', 'unknown',
  'campaign', 'campaigns', 'question', 'questions', 'answer', 'answers', 'intent', 'status', 'total', 'pending', 'draft', 'done',
  'chart', 'table', 'show', 'hide', 'download', 'loading', 'preview', 'submit', 'search', 'add', 'ignore', 'edit', 'new', 'try', 'health',
  'statistics', 'messages', 'message', 'subscribers', 'none', 'data', 'recipients', 'audience', 'topic', 'topics', 'channel',
  'channels', 'server', 'running', 'refused', 'finished', 'created', 'report', 'file', 'problems', 'line', 'address', 'nobody', 'wrong',
]);

/** The English UI words in a text (whole words, letters of any script). */
export function englishWords(text: string): string[] {
  // Command-line flags, addresses and file paths are names, not words of the interface.
  const words = text.replace(/--[\w-]+|https?:\/\/\S+|\S*\/\S*/g, ' ');
  return [...new Set((words.match(/\p{L}+/gu) ?? []).map((w) => w.toLowerCase()).filter((w) => ENGLISH_UI_WORDS.has(w)))];
}
