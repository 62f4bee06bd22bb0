// "Thử câu hỏi": what the bot would make of a question and answer, on the live knowledge or with an answer edit
// that is not saved yet. The real conversation runs on throwaway memory: nothing is stored or counted.
import Keyv from 'keyv';
import type { Brain } from '../conversation/brain.js';
import { createConversation, MAX_UNDERSTOOD_CHARS } from '../conversation/conversation.js';
import { createSessionStore } from '../conversation/sessions.js';
import { replyToPlainText } from '../conversation/plain-text.js';
import type { Reply } from '../conversation/types.js';
import type { ChannelPreview, PreviewBubble } from '../channels/previews.js';
import type { Messages } from '../i18n/messages.js';
import type { Intent, Knowledge } from '../knowledge/types.js';
import { pick } from '../knowledge/types.js';
import { createUsers } from '../users/users.js';

export interface TryResult {
  readonly normalized: string;
  readonly top: readonly { readonly intent: string; readonly title: string; readonly score: number }[];
  readonly decision: 'answer' | 'clarify' | 'fallback' | 'check';
  readonly intent: string | null;
  readonly replies: readonly { readonly channel: string; readonly bubbles: readonly PreviewBubble[] }[];
}

export interface AnswerEdit {
  readonly intent: string;
  /** The answer as written in the file (placeholders like {so_cuu_hoa} are filled in as the loader does). */
  readonly answer: string;
}

const PLACEHOLDER = /\{([a-z0-9_]+)\}/g;

/** The knowledge with one answer replaced; the model is the same (answers are not trained on). */
function withEdit(knowledge: Knowledge, edit: AnswerEdit): Knowledge {
  const intent = knowledge.intents.get(edit.intent);
  if (!intent) return knowledge;
  const values: Readonly<Record<string, string>> = { ...knowledge.facts, ...knowledge.locality.values };
  const filled = edit.answer.trim().replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
  const edited: Intent = { ...intent, answer: { ...intent.answer, vi: filled } };
  return { ...knowledge, intents: new Map([...knowledge.intents, [edit.intent, edited]]) };
}

export async function tryQuestion(brain: Brain, messages: Messages, previews: Readonly<Record<string, ChannelPreview>>, text: string, edit?: AnswerEdit): Promise<TryResult> {
  const knowledge = edit ? withEdit(brain.knowledge, edit) : brain.knowledge;
  const tried: Brain = { knowledge, understanding: brain.understanding };
  const interpretation = await brain.understanding.understand(text.slice(0, MAX_UNDERSTOOD_CHARS));
  const titleOf = (id: string) => pick(knowledge.intents.get(id)?.title ?? { vi: id }, 'vi');
  const top = interpretation.candidates.slice(0, 3).map((c) => ({ intent: c.intent ?? '', title: c.intent ? titleOf(c.intent) : '', score: Math.round(c.score * 1000) / 1000 }));
  // A fresh conversation per try: the question is read exactly as a citizen's first message would be.
  const conversation = createConversation({ brain: () => tried, messages, sessions: createSessionStore(new Keyv()), users: createUsers(new Keyv()) });
  const replies = await conversation.handle({ channel: 'web', userId: 'try', chatId: 'try', text, canPush: false, locale: 'vi' });
  const first: Reply | undefined = replies[0];
  const decision = first?.check ? 'check' : first?.kind === 'answer' ? 'answer' : first?.kind === 'clarify' ? 'clarify' : 'fallback';
  const web = replies.map((r) => ({ text: replyToPlainText(r, messages), buttons: r.suggestions.map((s) => s.label) }));
  return {
    normalized: interpretation.tokens.join(' '),
    top,
    decision,
    intent: decision === 'answer' ? (first?.intent ?? null) : null,
    replies: [{ channel: 'web', bubbles: web }, ...Object.entries(previews).map(([channel, render]) => ({ channel, bubbles: replies.flatMap((r) => render(r)) }))],
  };
}
