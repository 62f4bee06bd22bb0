// The conversation core: InboundMessage → Reply[]. Knows nothing of Telegram, Zalo or HTTP.
import type { Intent, Knowledge, Locale } from '../knowledge/types.js';
import { pick } from '../knowledge/types.js';
import type { Messages } from '../i18n/messages.js';
import { decide, DEFAULT_POLICY, type DecisionPolicy } from '../nlu/decide.js';
import type { Users, UserRecord } from '../users/users.js';
import type { Brain } from './brain.js';
import { parseCommand, parseConfirmation, type Command } from './commands.js';
import type { FloodControl } from './flood.js';
import type { SessionStore } from './sessions.js';
import type { InboundMessage, Reply, ReplyKind, Suggestion } from './types.js';

/** Longer questions are read up to this many characters: enough for any real question, cheap for any input. */
export const MAX_UNDERSTOOD_CHARS = 1000;
/** The intent whose `related` list is the menu offered with the welcome, help and the fallback. */
export const MENU_INTENT = 'bot-giup-gi';
/** The subscription everyone gets with a bare /subscribe. */
export const GENERAL_TOPIC = 'chung';
/** A delete request must be confirmed within this time. */
export const DELETE_CONFIRM_MS = 10 * 60 * 1000;

export interface ConversationDeps {
  /** The current brain; read once per message so a reload never changes it mid-answer. */
  readonly brain: () => Brain;
  readonly messages: Messages;
  readonly sessions: SessionStore;
  readonly users: Users;
  readonly flood?: FloodControl;
  readonly policy?: DecisionPolicy;
  readonly now?: () => number;
}

export interface Conversation {
  handle(message: InboundMessage): Promise<Reply[]>;
}

export function createConversation(deps: ConversationDeps): Conversation {
  const policy = deps.policy ?? DEFAULT_POLICY;
  const now = deps.now ?? Date.now;
  const { messages } = deps;

  return {
    async handle(message) {
      const userKey = `${message.channel}:${message.userId}`;
      const verdict = deps.flood?.check(userKey) ?? 'ok';
      if (verdict === 'silent') return [];

      const brain = deps.brain();
      const { knowledge } = brain;
      let user = await deps.users.touch(message.channel, message.userId, message.chatId, now());
      const locale: Locale = message.locale ?? user.locale;
      const t = (id: string, args?: Record<string, string | number>) => messages.t(locale, id, args);
      const system = (text: string, suggestions: readonly Suggestion[] = [], kind: ReplyKind = 'system'): Reply => ({ kind, intent: null, text, links: [], suggestions, locale });
      const session = await deps.sessions.get(message.channel, message.chatId);

      const remember = async (replies: Reply[]): Promise<Reply[]> => {
        const offered = replies.at(-1)?.suggestions.map((s) => s.id) ?? [];
        if (offered.length > 0 || session.offered) await deps.sessions.set(message.channel, message.chatId, offered.length ? { offered } : {});
        return replies;
      };

      if (verdict === 'warn') return [system(t('slow-down'))];
      if (message.unsupported) return [system(t('text-only'))];

      const text = (message.text ?? '').slice(0, MAX_UNDERSTOOD_CHARS).trim();

      // A pending delete request is answered first: "có" deletes, "không" keeps.
      if (user.deleteRequestedAt !== undefined) {
        const answer = message.choice === 'del:yes' ? 'yes' : message.choice === 'del:no' ? 'no' : parseConfirmation(text);
        const fresh = now() - user.deleteRequestedAt < DELETE_CONFIRM_MS;
        if (answer === 'yes' && fresh) return deleteEverything();
        user = { ...user, deleteRequestedAt: undefined };
        await deps.users.save(user);
        if (answer !== undefined) return [system(t('delete-cancelled'))];
      }

      if (message.choice !== undefined) return remember(await choose(message.choice));

      const picked = /^\s*(\d)\s*$/.exec(text);
      if (picked && session.offered) {
        const id = session.offered[Number(picked[1]) - 1];
        if (id) return remember(await choose(id));
      }

      const command = parseCommand(text, message.botUsername);
      if (command) return remember(await run(command));
      if (text.startsWith('/')) return remember([system(t('unknown-command'), menu())]);
      if (text === '') return remember([system(t('fallback-empty'), menu(), 'fallback')]);

      const decision = decide(await brain.understanding.understand(text), policy);
      if (decision.kind === 'answer') return remember([answerReply(knowledge.intents.get(decision.intent)!, decision.score)]);
      if (decision.kind === 'clarify') {
        const options = decision.intents.map((id) => suggestion(knowledge.intents.get(id)!));
        return remember([{ kind: 'clarify', intent: null, score: decision.score, text: t('clarify-intro'), links: [], suggestions: options, locale }]);
      }
      return remember([{ ...system(t('fallback'), menu(), 'fallback'), score: decision.score }]);

      async function choose(id: string): Promise<Reply[]> {
        const [kind, value = ''] = id.includes(':') ? (id.split(':', 2) as [string, string]) : ['intent', id];
        if (kind === 'intent') {
          const intent = knowledge.intents.get(value);
          return intent ? [answerReply(intent, 1)] : [system(t('choice-expired'), menu(), 'fallback')];
        }
        if (kind === 'sub') return run({ name: 'subscribe', argument: value });
        if (kind === 'lang') return run({ name: 'lang', argument: value });
        if (kind === 'del') return [system(t('delete-cancelled'))]; // a stale confirmation button
        return [system(t('choice-expired'), menu(), 'fallback')];
      }

      async function run(command: Command): Promise<Reply[]> {
        switch (command.name) {
          case 'start':
            return [system(`${t('welcome', { province: knowledge.locality.province })}\n${t('welcome-privacy')}`, menu(), 'welcome')];
          case 'help':
            return [system(t('help'), menu())];
          case 'privacy':
            return [system(t('privacy'))];
          case 'lang': {
            const chosen = /^(en|english|tieng anh)$/.test(command.argument) ? 'en' : /^(vi|tieng viet|vietnamese)$/.test(command.argument) ? 'vi' : undefined;
            if (!chosen) return [system(t('lang-choose'), [{ id: 'lang:vi', label: 'Tiếng Việt' }, { id: 'lang:en', label: 'English' }])];
            user = { ...user, locale: chosen };
            await deps.users.save(user);
            return [{ ...system(messages.t(chosen, 'lang-set'), menuIn(chosen)), locale: chosen }];
          }
          case 'subscribe': {
            if (!message.canPush) return [system(t('subscribe-not-here'))];
            const topics = allTopics();
            const topic = command.argument === '' ? GENERAL_TOPIC : command.argument.replace(/\s+/g, '-');
            if (!topics.includes(topic)) return [system(t('subscribe-unknown-topic', { topic: command.argument, topics: topics.map(topicLabel).join(', ') }))];
            user = { ...user, subscriptions: { ...user.subscriptions, [topic]: user.subscriptions[topic] ?? now() } };
            await deps.users.save(user);
            const more = topics.filter((x) => !(x in user.subscriptions)).map((x) => ({ id: `sub:${x}`, label: topicLabel(x) }));
            return [system(t('subscribed', { topics: Object.keys(user.subscriptions).map(topicLabel).join(', ') }), more)];
          }
          case 'unsubscribe': {
            const current = Object.keys(user.subscriptions);
            if (current.length === 0) return [system(t('not-subscribed'))];
            const topic = command.argument.replace(/\s+/g, '-');
            const removed = topic && current.includes(topic) ? [topic] : current;
            const kept = Object.fromEntries(Object.entries(user.subscriptions).filter(([k]) => !removed.includes(k)));
            user = { ...user, subscriptions: kept };
            await deps.users.save(user);
            return [system(t('unsubscribed', { topics: removed.map(topicLabel).join(', ') }))];
          }
          case 'delete':
            user = { ...user, deleteRequestedAt: now() };
            await deps.users.save(user);
            return [system(t('delete-confirm'), [{ id: 'del:yes', label: t('button-delete-yes') }, { id: 'del:no', label: t('button-delete-no') }])];
        }
      }

      async function deleteEverything(): Promise<Reply[]> {
        await deps.users.delete(message.channel, message.userId);
        await deps.sessions.delete(message.channel, message.chatId);
        deps.flood?.forget(userKey);
        return [system(t('deleted'))];
      }

      function answerReply(intent: Intent, score: number): Reply {
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
            return related ? [suggestion(related)] : [];
          }),
          locale,
        };
      }

      function suggestion(intent: Intent, inLocale: Locale = locale): Suggestion {
        return { id: intent.id, label: pick(intent.title, inLocale) };
      }

      function menu(): Suggestion[] {
        return menuIn(locale);
      }

      function menuIn(inLocale: Locale): Suggestion[] {
        return (knowledge.intents.get(MENU_INTENT)?.related ?? []).flatMap((id) => {
          const intent = knowledge.intents.get(id);
          return intent ? [suggestion(intent, inLocale)] : [];
        });
      }

      function allTopics(): string[] {
        const set = new Set<string>([GENERAL_TOPIC]);
        for (const intent of knowledge.intents.values()) for (const topic of intent.topics) set.add(topic);
        return [...set];
      }

      function topicLabel(topic: string): string {
        return messages.has(locale, `topic-${topic}`) ? t(`topic-${topic}`) : topic;
      }
    },
  };
}

export type { UserRecord };
