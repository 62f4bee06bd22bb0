// The conversation core: InboundMessage → Reply[]. Knows nothing of Telegram, Zalo or HTTP.
import type { Intent, Knowledge, Locale } from '../knowledge/types.js';
import { pick } from '../knowledge/types.js';
import type { Messages } from '../i18n/messages.js';
import { decide, DEFAULT_POLICY, type DecisionPolicy } from '../nlu/decide.js';
import type { Brain } from './brain.js';
import type { SessionStore } from './sessions.js';
import type { InboundMessage, Reply, Suggestion } from './types.js';

/** Longer questions are read up to this many characters: enough for any real question, cheap for any input. */
export const MAX_UNDERSTOOD_CHARS = 1000;
/** The intent whose `related` list is the menu offered with the welcome and the fallback. */
export const MENU_INTENT = 'bot-giup-gi';
const START_COMMANDS = new Set(['/start', 'start', 'bắt đầu', 'bat dau']);

export interface ConversationDeps {
  /** The current brain; read once per message so a reload never changes it mid-answer. */
  readonly brain: () => Brain;
  readonly messages: Messages;
  readonly sessions: SessionStore;
  readonly policy?: DecisionPolicy;
}

export interface Conversation {
  handle(message: InboundMessage): Promise<Reply[]>;
}

export function createConversation(deps: ConversationDeps): Conversation {
  const policy = deps.policy ?? DEFAULT_POLICY;

  return {
    async handle(message) {
      const brain = deps.brain();
      const { knowledge } = brain;
      const session = await deps.sessions.get(message.channel, message.chatId);
      const locale: Locale = message.locale ?? session.locale ?? 'vi';
      const text = (message.text ?? '').slice(0, MAX_UNDERSTOOD_CHARS).trim();

      if (message.choice !== undefined) {
        const intent = knowledge.intents.get(message.choice);
        if (intent) return [answerReply(intent, locale, knowledge, 1)];
        return [systemReply('fallback', deps.messages.t(locale, 'choice-expired'), menu(knowledge, locale))];
      }
      if (START_COMMANDS.has(text.toLowerCase())) {
        return [systemReply('welcome', deps.messages.t(locale, 'welcome', { province: knowledge.locality.province }), menu(knowledge, locale))];
      }
      // "1", "2", "3" picks one of the choices we just offered.
      const picked = /^\s*(\d)\s*$/.exec(text);
      if (picked && session.offered) {
        const id = session.offered[Number(picked[1]) - 1];
        const intent = id ? knowledge.intents.get(id) : undefined;
        if (intent) {
          await deps.sessions.set(message.channel, message.chatId, { ...session, offered: undefined });
          return [answerReply(intent, locale, knowledge, 1)];
        }
      }
      if (text === '') return [systemReply('fallback', deps.messages.t(locale, 'fallback-empty'), menu(knowledge, locale))];

      const interpretation = await brain.understanding.understand(text);
      const decision = decide(interpretation, policy);
      if (decision.kind === 'answer') {
        if (session.offered) await deps.sessions.set(message.channel, message.chatId, { ...session, offered: undefined });
        return [answerReply(knowledge.intents.get(decision.intent)!, locale, knowledge, decision.score)];
      }
      if (decision.kind === 'clarify') {
        await deps.sessions.set(message.channel, message.chatId, { ...session, offered: decision.intents });
        const options = decision.intents.map((id) => suggestion(knowledge.intents.get(id)!, locale));
        return [{ kind: 'clarify', intent: null, score: decision.score, text: deps.messages.t(locale, 'clarify-intro'), links: [], suggestions: options }];
      }
      return [{ ...systemReply('fallback', deps.messages.t(locale, 'fallback'), menu(knowledge, locale)), score: decision.score }];
    },
  };
}

function answerReply(intent: Intent, locale: Locale, knowledge: Knowledge, score: number): Reply {
  return {
    kind: 'answer',
    intent: intent.id,
    score,
    text: pick(intent.answer, locale).trim(),
    ...(intent.tip ? { tip: pick(intent.tip, locale).trim() } : {}),
    source: intent.source,
    links: intent.links,
    suggestions: intent.related.flatMap((id) => {
      const related = knowledge.intents.get(id);
      return related ? [suggestion(related, locale)] : [];
    }),
  };
}

function systemReply(kind: Reply['kind'], text: string, suggestions: readonly Suggestion[]): Reply {
  return { kind, intent: null, text, links: [], suggestions };
}

function suggestion(intent: Intent, locale: Locale): Suggestion {
  return { id: intent.id, label: pick(intent.title, locale) };
}

function menu(knowledge: Knowledge, locale: Locale): Suggestion[] {
  const ids = knowledge.intents.get(MENU_INTENT)?.related ?? [];
  return ids.flatMap((id) => {
    const intent = knowledge.intents.get(id);
    return intent ? [suggestion(intent, locale)] : [];
  });
}
