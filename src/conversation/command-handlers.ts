// Each command's handler, in one table: /start, /help, /privacy, /lang, /subscribe, /unsubscribe, /broadcast,
// /xoadulieu. Parsing (slash, word and Vietnamese forms) is in commands.ts.
import { UNSUBSCRIBED_RETENTION_MS } from '../users/users.js';
import type { Command, CommandName } from './commands.js';
import { menu } from './replies.js';
import { SESSION_TTL_MS } from './sessions.js';
import type { Turn } from './turn.js';
import type { Reply } from './types.js';

/** The subscription everyone gets with a bare /subscribe. */
export const GENERAL_TOPIC = 'chung';

type Handler = (turn: Turn, command: Command) => Promise<Reply[]>;

const COMMANDS: Readonly<Record<CommandName, Handler>> = {
  start: async (turn) => {
    const welcome = `${turn.t('welcome', { province: turn.knowledge.locality.province })}\n${turn.t('welcome-privacy')}`;
    return [turn.system(welcome, menu(turn), 'welcome')];
  },
  help: async (turn) => [turn.system(turn.t('help'), menu(turn))],
  privacy: async (turn) => [turn.system(turn.t('privacy', privacyDurations(turn)))],
  lang: async (turn, command) => {
    const chosen = /^(en|english|tieng anh)$/.test(command.argument) ? 'en' : /^(vi|tieng viet|vietnamese)$/.test(command.argument) ? 'vi' : undefined;
    if (!chosen) return [turn.system(turn.t('lang-choose'), [{ id: 'lang:vi', label: 'Tiếng Việt' }, { id: 'lang:en', label: 'English' }])];
    turn.user = { ...turn.user, locale: chosen };
    await turn.deps.users.save(turn.user);
    return [{ ...turn.system(turn.deps.messages.t(chosen, 'lang-set'), menu(turn, chosen)), locale: chosen }];
  },
  subscribe: async (turn, command) => {
    if (!turn.message.canPush) return [turn.system(turn.t('subscribe-not-here'))];
    const topics = allTopics(turn);
    const topic = command.argument === '' ? GENERAL_TOPIC : command.argument.replace(/\s+/g, '-');
    if (!topics.includes(topic)) {
      const known = topics.map((x) => topicLabel(turn, x)).join(', ');
      return [turn.system(turn.t('subscribe-unknown-topic', { topic: command.argument, topics: known }))];
    }
    const user = (turn.user = { ...turn.user, subscriptions: { ...turn.user.subscriptions, [topic]: turn.user.subscriptions[topic] ?? turn.now() } });
    await turn.deps.users.save(user);
    const more = topics.filter((x) => !(x in user.subscriptions)).map((x) => ({ id: `sub:${x}`, label: topicLabel(turn, x) }));
    return [turn.system(turn.t('subscribed', { topics: Object.keys(user.subscriptions).map((x) => topicLabel(turn, x)).join(', ') }), more)];
  },
  unsubscribe: async (turn, command) => {
    const current = Object.keys(turn.user.subscriptions);
    if (current.length === 0) return [turn.system(turn.t('not-subscribed'))];
    const topic = command.argument.replace(/\s+/g, '-');
    const removed = topic && current.includes(topic) ? [topic] : current;
    const kept = Object.fromEntries(Object.entries(turn.user.subscriptions).filter(([k]) => !removed.includes(k)));
    turn.user = { ...turn.user, subscriptions: kept };
    await turn.deps.users.save(turn.user);
    return [turn.system(turn.t('unsubscribed', { topics: removed.map((x) => topicLabel(turn, x)).join(', ') }))];
  },
  broadcast: async (turn) => {
    if (!isOfficial(turn)) return [turn.system(turn.t('unknown-command'), menu(turn))];
    return [turn.system(turn.t('broadcast-ask-text'))];
  },
  delete: async (turn) => {
    turn.user = { ...turn.user, deleteRequestedAt: turn.now() };
    await turn.deps.users.save(turn.user);
    const buttons = [{ id: 'del:yes', label: turn.t('button-delete-yes') }, { id: 'del:no', label: turn.t('button-delete-no') }];
    return [turn.system(turn.t('delete-confirm'), buttons)];
  },
};

export function runCommand(turn: Turn, command: Command): Promise<Reply[]> {
  return COMMANDS[command.name](turn, command);
}

/** An official allowed to /broadcast from the chat. */
export function isOfficial(turn: Turn): boolean {
  return turn.deps.broadcasts?.isAdmin(turn.message.channel, turn.message.userId) ?? false;
}

function privacyDurations(turn: Turn): Record<string, number> {
  const { retention } = turn.deps;
  return {
    sessionMinutes: SESSION_TTL_MS / 60_000,
    userDays: UNSUBSCRIBED_RETENTION_MS / 86_400_000,
    inboxDays: retention?.inboxDays ?? 90,
    seenHours: retention?.seenUpdateHours ?? 25,
  };
}

function allTopics(turn: Turn): string[] {
  const set = new Set<string>([GENERAL_TOPIC]);
  for (const intent of turn.knowledge.intents.values()) for (const topic of intent.topics) set.add(topic);
  return [...set];
}

function topicLabel(turn: Turn, topic: string): string {
  return turn.deps.messages.has(turn.locale, `topic-${topic}`) ? turn.t(`topic-${topic}`) : topic;
}
