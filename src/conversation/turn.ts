// One message's worth of context, built once and handed to each step of the conversation: who is writing, in
// which language, what the session remembers, and how to record what this turn leaves for the next one.
import type { Knowledge, Locale } from '../knowledge/types.js';
import type { Messages } from '../i18n/messages.js';
import type { DecisionPolicy } from '../nlu/decide.js';
import type { UserRecord, Users } from '../users/users.js';
import { addressFormIn } from './address.js';
import type { Brain } from './brain.js';
import type { BroadcastPort } from './broadcast-port.js';
import type { FloodControl } from './flood.js';
import type { InsightEvent } from './insight-events.js';
import { looksEnglish } from './language.js';
import type { Asked, RatedAnswer, SessionState, SessionStore } from './sessions.js';
import type { InboundMessage, Reply, ReplyKind, Suggestion } from './types.js';

export interface ConversationDeps {
  /** The current brain; read once per message so a reload never changes it mid-answer. */
  readonly brain: () => Brain;
  readonly messages: Messages;
  readonly sessions: SessionStore;
  readonly users: Users;
  readonly flood?: FloodControl;
  /** Where fallbacks, unresolved clarifications, answers and feedback are recorded for maintainers. */
  readonly insights?: { record(event: InsightEvent): Promise<void>; askerHash(channel: string, userId: string): Promise<string> };
  /** Officials' /broadcast in the chat; absent: /broadcast is an unknown command for everyone. */
  readonly broadcasts?: BroadcastPort;
  readonly policy?: DecisionPolicy;
  readonly now?: () => number;
  /** Durations set outside the core, quoted by the privacy text so it always matches what the code does. */
  readonly retention?: { readonly inboxDays: number; readonly seenUpdateHours: number };
  /** /xoadulieu: erases the person from the other places that hold them (campaign recipient records...). */
  readonly forgetElsewhere?: (channel: string, userId: string) => Promise<void>;
}

/** Longer questions are read up to this many characters: enough for any real question, cheap for any input. */
export const MAX_UNDERSTOOD_CHARS = 1000;

/** What the next message may refer to: the suggestions just offered, a clarification, the answers given. */
export interface TurnState {
  clarified?: Asked;
  lastAnswer?: SessionState['lastAnswer'];
  answers?: readonly RatedAnswer[];
}

export interface Turn {
  readonly deps: ConversationDeps;
  readonly message: InboundMessage;
  readonly now: () => number;
  readonly userKey: string;
  readonly brain: Brain;
  readonly knowledge: Knowledge;
  /** Saved by the steps that change it (language, subscriptions, a delete request). */
  user: UserRecord;
  /** The text, trimmed and cut to MAX_UNDERSTOOD_CHARS. */
  readonly text: string;
  readonly locale: Locale;
  readonly session: SessionState;
  readonly state: TurnState;
  /** How the person asked to be called ("bác"), from this message or earlier in the session. */
  readonly address: SessionState['address'];
  t(id: string, args?: Record<string, string | number>): string;
  system(text: string, suggestions?: readonly Suggestion[], kind?: ReplyKind): Reply;
  /** Keeps what the next message may refer to (only when it changed), then returns the replies. */
  remember(replies: Reply[], compose?: SessionState['compose']): Promise<Reply[]>;
}

export async function startTurn(deps: ConversationDeps, message: InboundMessage, now: () => number): Promise<Turn> {
  const brain = deps.brain();
  const user = await deps.users.touch(message.channel, message.userId, message.personalChatId ?? message.chatId, now());
  const text = (message.text ?? '').slice(0, MAX_UNDERSTOOD_CHARS).trim();
  // English in, English out, without /lang; otherwise the page's or the person's language.
  const locale: Locale = looksEnglish(text) ? 'en' : (message.locale ?? user.locale);
  const session = await deps.sessions.get(message.channel, message.chatId);
  const state: TurnState = { lastAnswer: session.lastAnswer, ...(session.answers ? { answers: session.answers } : {}) };
  // "cho bác hỏi": answers call the person "bác" from now on in this conversation.
  const addressed = addressFormIn(text) ?? session.address;
  const t = (id: string, args?: Record<string, string | number>) => deps.messages.t(locale, id, args);
  return {
    deps,
    message,
    now,
    userKey: `${message.channel}:${message.userId}`,
    brain,
    knowledge: brain.knowledge,
    user,
    text,
    locale,
    session,
    state,
    address: addressed,
    t,
    system: (body, suggestions = [], kind = 'system') => ({ kind, intent: null, text: body, links: [], suggestions, locale }),
    async remember(replies, compose = session.compose) {
      const offered = replies.at(-1)?.suggestions.map((s) => s.id) ?? [];
      const next: SessionState = {
        ...(offered.length ? { offered } : {}),
        ...(compose ? { compose } : {}),
        ...(state.clarified ? { clarified: state.clarified } : {}),
        ...(state.lastAnswer ? { lastAnswer: state.lastAnswer } : {}),
        ...(addressed ? { address: addressed } : {}),
        ...(state.answers?.length ? { answers: state.answers } : {}),
      };
      if (JSON.stringify(next) !== JSON.stringify(session)) {
        if (Object.keys(next).length === 0) await deps.sessions.delete(message.channel, message.chatId);
        else await deps.sessions.set(message.channel, message.chatId, next);
      }
      return replies;
    },
  };
}

/** A question for the maintainers' inbox: one the bot could not answer, left unresolved, or marked unhelpful. */
export async function toInbox(turn: Turn, reason: 'fallback' | 'unresolved' | 'unhelpful', question: Asked): Promise<void> {
  const { deps, message } = turn;
  if (!deps.insights) return;
  const asker = await deps.insights.askerHash(message.channel, message.userId);
  const { text, normalized, candidates } = question;
  await deps.insights.record({ kind: 'inbox', reason, channel: message.channel, text, normalized, candidates, asker, at: turn.now() });
}
