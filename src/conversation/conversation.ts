// The conversation core: InboundMessage → Reply[]. Knows nothing of Telegram, Zalo or HTTP.
import type { Intent, Knowledge, Locale } from '../knowledge/types.js';
import { pick } from '../knowledge/types.js';
import type { Messages } from '../i18n/messages.js';
import { DEFAULT_POLICY, type DecisionPolicy } from '../nlu/decide.js';
import { readMessage, type SafetyNet } from '../nlu/read-message.js';
import { foldDiacritics } from '../nlu/normalize.js';
import { maskPersonalData } from '../maintainers/mask.js';
import { UNSUBSCRIBED_RETENTION_MS, type Users, type UserRecord } from '../users/users.js';
import type { Brain } from './brain.js';
import { CHAT_BROADCAST_MAX, type BroadcastPort } from './broadcast-port.js';
import { parseCommand, parseConfirmation, type Command } from './commands.js';
import { addressAs, addressFormIn } from './address.js';
import { looksEnglish } from './language.js';
import type { FloodControl } from './flood.js';
import { createHash } from 'node:crypto';
import { RATED_ANSWERS, SESSION_TTL_MS, type Asked, type RatedAnswer, type SessionState, type SessionStore } from './sessions.js';
import type { InsightEvent } from '../maintainers/insights.js';
import type { InboundMessage, Reply, ReplyKind, Suggestion } from './types.js';
import { scamCheckStep } from '../scamcheck/reply.js';

/** Longer questions are read up to this many characters: enough for any real question, cheap for any input. */
export const MAX_UNDERSTOOD_CHARS = 1000;
/** The intent whose `related` list is the menu offered with the welcome, help and the fallback. */
export const MENU_INTENT = 'bot-giup-gi';
/** The subscription everyone gets with a bare /subscribe. */
export const GENERAL_TOPIC = 'chung';
/** An answer below this score is listed for maintainers to check (content health). */
export const LOW_SCORE = 0.5;
/** A delete request must be confirmed within this time. */
export const DELETE_CONFIRM_MS = 10 * 60 * 1000;

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
      let user = await deps.users.touch(message.channel, message.userId, message.personalChatId ?? message.chatId, now());
      const text = (message.text ?? '').slice(0, MAX_UNDERSTOOD_CHARS).trim();
      // English in, English out, without /lang; otherwise the page's or the person's language.
      const locale: Locale = looksEnglish(text) ? 'en' : (message.locale ?? user.locale);
      const t = (id: string, args?: Record<string, string | number>) => messages.t(locale, id, args);
      const system = (text: string, suggestions: readonly Suggestion[] = [], kind: ReplyKind = 'system'): Reply => ({ kind, intent: null, text, links: [], suggestions, locale });
      const session = await deps.sessions.get(message.channel, message.chatId);

      // What the next message may refer to: the suggestions just offered, a clarification, the last answer.
      const turn: { clarified?: Asked; lastAnswer?: SessionState['lastAnswer']; answers?: readonly RatedAnswer[] } = { lastAnswer: session.lastAnswer, ...(session.answers ? { answers: session.answers } : {}) };
      const remember = async (replies: Reply[], compose: SessionState['compose'] = session.compose): Promise<Reply[]> => {
        const offered = replies.at(-1)?.suggestions.map((s) => s.id) ?? [];
        const next: SessionState = {
          ...(offered.length ? { offered } : {}),
          ...(compose ? { compose } : {}),
          ...(turn.clarified ? { clarified: turn.clarified } : {}),
          ...(turn.lastAnswer ? { lastAnswer: turn.lastAnswer } : {}),
          ...(address ? { address } : {}),
          ...(turn.answers?.length ? { answers: turn.answers } : {}),
        };
        if (JSON.stringify(next) !== JSON.stringify(session)) {
          if (Object.keys(next).length === 0) await deps.sessions.delete(message.channel, message.chatId);
          else await deps.sessions.set(message.channel, message.chatId, next);
        }
        return replies;
      };

      if (verdict === 'warn') return [system(t('slow-down'))];
      if (message.unsupported) return [system(t('text-only'))];
      // "cho bác hỏi": answers call the person "bác" from now on in this conversation.
      const address = addressFormIn(text) ?? session.address;

      // A pending delete request is answered first: "có" deletes, "không" keeps.
      if (user.deleteRequestedAt !== undefined) {
        const answer = message.choice === 'del:yes' ? 'yes' : message.choice === 'del:no' ? 'no' : parseConfirmation(text);
        const fresh = now() - user.deleteRequestedAt < DELETE_CONFIRM_MS;
        if (answer === 'yes' && fresh) return deleteEverything();
        user = { ...user, deleteRequestedAt: undefined };
        await deps.users.save(user);
        if (answer !== undefined) return [system(t('delete-cancelled'))];
      }

      let choice = message.choice;
      const picked = /^\s*(\d)\s*$/.exec(text);
      if (choice === undefined && picked && session.offered) choice = session.offered[Number(picked[1]) - 1];
      // 👍 / 👎 typed (Zalo has no buttons) rate the latest answer.
      if (choice === undefined && /^\s*(👍|👎)\s*$/u.test(text) && session.answers?.length) choice = text.includes('👍') ? 'fb:up' : 'fb:down';
      const command = choice === undefined ? parseCommand(text, message.botUsername) : undefined;

      // A clarifying question the person did not resolve by picking an option goes to the inbox.
      if (session.clarified && !(choice !== undefined && session.offered?.includes(choice))) {
        await toInbox('unresolved', session.clarified);
      }

      // An official composing a broadcast: the next text is the message, then an explicit confirmation.
      const composing = session.compose && deps.broadcasts?.isAdmin(message.channel, message.userId) ? session.compose : undefined;
      if (composing && (choice === 'bc:cancel' || /^(bo|thoi|\/cancel|cancel)$/.test(foldedText(text)))) return remember([system(t('broadcast-cancelled'))], undefined);
      if (composing?.stage === 'confirm' && choice === 'bc:send') {
        const count = await deps.broadcasts!.audienceSize();
        await deps.broadcasts!.send(composing.text, `${message.channel}:${message.userId}`);
        return remember([system(t('broadcast-started', { count }))], undefined);
      }
      if (composing?.stage === 'text' && choice === undefined && !command && text !== '') {
        const full = (message.text ?? '').trim();
        if ([...full].length > CHAT_BROADCAST_MAX) return remember([system(t('broadcast-too-long'))]);
        const count = await deps.broadcasts!.audienceSize();
        return remember(
          [system(t('broadcast-preview-intro')), deps.broadcasts!.preview(full), system(t('broadcast-confirm', { count }), [{ id: 'bc:send', label: t('button-broadcast-send') }, { id: 'bc:cancel', label: t('button-broadcast-cancel') }])],
          { stage: 'confirm', text: full },
        );
      }

      if (choice !== undefined) return remember(await choose(choice));
      if (command) {
        const replies = await run(command);
        const startsCompose = command.name === 'broadcast' && deps.broadcasts?.isAdmin(message.channel, message.userId);
        return remember(replies, startsCompose ? { stage: 'text' } : undefined);
      }
      if (text.startsWith('/')) return remember([system(t('unknown-command'), menu())]);
      if (text === '') return remember([system(t('fallback-empty'), menu(), 'fallback')]);

      // A link, a number or a pasted/forwarded message to check for scam signs goes no further.
      const scam = scamCheckStep({ text: message.text ?? '', forwarded: message.forwarded, channel: message.channel, locale, at: now() }, knowledge, messages);
      if (scam) {
        await deps.insights?.record(scam.event);
        turn.lastAnswer = undefined;
        return remember([scam.reply]);
      }

      const { decision, interpretation, second } = await readMessage(brain.understanding, text, policy, safetyNets(knowledge));
      const asked: Asked = {
        // Masked before it is kept anywhere, even for the half hour of a session.
        text: maskPersonalData(text),
        normalized: maskPersonalData(interpretation.tokens.join(' ')),
        candidates: interpretation.candidates.flatMap((c) => (c.intent === null ? [] : [{ intent: c.intent, score: Math.round(c.score * 1000) / 1000 }])).slice(0, 3),
      };
      if (decision.kind === 'answer') {
        // Answered, but not surely: maintainers see the question on the content health page.
        if (decision.score < LOW_SCORE) await deps.insights?.record({ kind: 'low-score', channel: message.channel, intent: decision.intent, score: decision.score, text: asked.text, normalized: asked.normalized, at: now() });
        // A message that asks two things gets both answers, each with its own 👍/👎 (the first built last: it keeps lastAnswer).
        const also = second ? [answerReply(knowledge.intents.get(second.intent)!, second.score)] : [];
        const first = answerReply(knowledge.intents.get(decision.intent)!, decision.score, asked);
        return remember([first, ...also]);
      }
      if (decision.kind === 'clarify') {
        const options = decision.intents.map((id) => suggestion(knowledge.intents.get(id)!));
        turn.clarified = asked;
        await deps.insights?.record({ kind: 'clarify', channel: message.channel, at: now() });
        return remember([{ kind: 'clarify', intent: null, score: decision.score, text: t('clarify-intro'), links: [], suggestions: options, locale }]);
      }
      await toInbox('fallback', asked);
      return remember([{ ...system(t('fallback'), menu(), 'fallback'), score: decision.score }]);

      async function toInbox(reason: 'fallback' | 'unresolved' | 'unhelpful', question: Asked): Promise<void> {
        if (!deps.insights) return;
        const asker = await deps.insights.askerHash(message.channel, message.userId);
        await deps.insights.record({ kind: 'inbox', reason, channel: message.channel, text: question.text, normalized: question.normalized, candidates: question.candidates, asker, at: now() });
      }

      async function choose(id: string): Promise<Reply[]> {
        const [kind, value = ''] = id.includes(':') ? (id.split(':', 2) as [string, string]) : ['intent', id];
        if (kind === 'intent') {
          const intent = knowledge.intents.get(value);
          const question = session.clarified && session.offered?.includes(value) ? session.clarified : undefined;
          return intent ? [answerReply(intent, 1, question)] : [system(t('choice-expired'), menu(), 'fallback')];
        }
        if (kind === 'more') {
          const intent = knowledge.intents.get(value);
          return intent?.more ? [moreReply(intent)] : [system(t('choice-expired'), menu(), 'fallback')];
        }
        if (kind === 'fb') {
          // "fb:up:<answer id>" names the answer rated; a bare "fb:up" (typed emoji, old buttons) the latest one.
          const ref = id.split(':')[2];
          const rated = ref ? session.answers?.find((a) => a.id === ref) : session.answers?.at(-1);
          if (!rated) return [system(t('feedback-expired'))];
          const helpful = value === 'up';
          await deps.insights?.record({ kind: 'feedback', channel: message.channel, intent: rated.intent, helpful, at: now() });
          if (!helpful && rated.question) await toInbox('unhelpful', rated.question);
          turn.answers = turn.answers?.filter((a) => a.id !== rated.id); // each answer is rated once
          if (turn.lastAnswer?.intent === rated.intent) turn.lastAnswer = undefined;
          return [system(t(helpful ? 'feedback-thanks' : 'feedback-sorry'))];
        }
        if (kind === 'sub') return run({ name: 'subscribe', argument: value });
        if (kind === 'lang') return run({ name: 'lang', argument: value });
        if (kind === 'del') return [system(t('delete-cancelled'))]; // a stale confirmation button
        if (kind === 'bc') return [system(t('choice-expired'))]; // a stale broadcast button
        return [system(t('choice-expired'), menu(), 'fallback')];
      }

      async function run(command: Command): Promise<Reply[]> {
        switch (command.name) {
          case 'start':
            return [system(`${t('welcome', { province: knowledge.locality.province })}\n${t('welcome-privacy')}`, menu(), 'welcome')];
          case 'help':
            return [system(t('help'), menu())];
          case 'privacy':
            return [system(t('privacy', privacyDurations()))];
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
          case 'broadcast':
            if (!deps.broadcasts?.isAdmin(message.channel, message.userId)) return [system(t('unknown-command'), menu())];
            return [system(t('broadcast-ask-text'))];
          case 'delete':
            user = { ...user, deleteRequestedAt: now() };
            await deps.users.save(user);
            return [system(t('delete-confirm'), [{ id: 'del:yes', label: t('button-delete-yes') }, { id: 'del:no', label: t('button-delete-no') }])];
        }
      }

      async function deleteEverything(): Promise<Reply[]> {
        await deps.users.delete(message.channel, message.userId);
        await deps.sessions.delete(message.channel, message.chatId);
        await deps.forgetElsewhere?.(message.channel, message.userId);
        deps.flood?.forget(userKey);
        return [system(t('deleted'))];
      }

      function answerReply(intent: Intent, score: number, question?: Asked): Reply {
        // Not awaited (statistics must not delay an answer), so a failure is caught here: a rejected floating
        // promise would end the process.
        deps.insights?.record({ kind: 'answer', channel: message.channel, intent: intent.id, at: now() }).catch(() => {});
        turn.lastAnswer = question ? { ...question, intent: intent.id } : undefined;
        // Every answer can be rated, also one reached through a suggestion; its choices name it.
        // The id follows from the intent and the question, so the same question gets the same answer, choices included.
        const id = createHash('sha256').update(`${intent.id}\u0000${question?.text ?? ''}`).digest('hex').slice(0, 8);
        const rated: RatedAnswer = { id, intent: intent.id, ...(question ? { question } : {}) };
        turn.answers = [...(turn.answers ?? []).filter((a) => a.id !== id), rated].slice(-RATED_ANSWERS);
        const more: Suggestion[] = intent.more ? [{ id: `more:${intent.id}`, label: t('button-more') }] : [];
        const source = sourceLine(intent);
        return {
          kind: 'answer',
          feedback: { up: `fb:up:${rated.id}`, down: `fb:down:${rated.id}` },
          intent: intent.id,
          score,
          text: personal(pick(intent.answer, locale).trim(), true),
          ...(intent.tip ? { tip: personal(pick(intent.tip, locale).trim(), false) } : {}),
          ...(source ? { source } : {}),
          links: intent.links,
          suggestions: [...more, ...relatedOf(intent)].slice(0, MAX_SUGGESTIONS),
          locale,
        };
      }

      function moreReply(intent: Intent): Reply {
        return { kind: 'answer', intent: intent.id, score: 1, text: personal(pick(intent.more!, locale).trim(), true), links: [], suggestions: relatedOf(intent).slice(0, MAX_SUGGESTIONS), locale };
      }

      function relatedOf(intent: Intent): Suggestion[] {
        return intent.related.flatMap((id) => {
          const related = knowledge.intents.get(id);
          return related ? [suggestion(related)] : [];
        });
      }

      /** Vietnamese answers call the person as they named themselves. */
      function personal(text: string, greet: boolean): string {
        if (locale !== 'vi' || !address) return text;
        const addressed = addressAs(text, address);
        return greet ? addressed : addressed.replace(/^Dạ, /u, '').replace(/^\p{Ll}/u, (c) => c.toLocaleUpperCase('vi'));
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

      function privacyDurations(): Record<string, number> {
        return {
          sessionMinutes: SESSION_TTL_MS / 60_000,
          userDays: UNSUBSCRIBED_RETENTION_MS / 86_400_000,
          inboxDays: deps.retention?.inboxDays ?? 90,
          seenHours: deps.retention?.seenUpdateHours ?? 25,
        };
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

/** The bot's own small talk names itself as its source: no "Nguồn" line for it. */
const SELF_SOURCE = 'Trợ lý số';
/** Answers fit a phone: "Xem thêm" and at most two related questions. */
const MAX_SUGGESTIONS = 3;

/** "Nguồn" names the source; the addresses are already in the links. */
export function sourceLine(intent: Intent): string | undefined {
  if (intent.source.trim() === SELF_SOURCE) return undefined;
  // The first source named, without addresses: the links already carry them.
  const first = intent.source.split(';')[0]!;
  return first.replace(/\s*\([^)]*\)/g, '').replace(/\s*https?:\/\/\S+/g, '').replace(/\s+([,.])/g, '$1').trim();
}

function foldedText(text: string): string {
  return foldDiacritics(text).toLowerCase().trim();
}

export type { UserRecord };

const netsOf = new WeakMap<Knowledge, SafetyNet[]>();

/** The intents with safety-net phrases, as the reader wants them (once per knowledge version). */
function safetyNets(knowledge: Knowledge): SafetyNet[] {
  let nets = netsOf.get(knowledge);
  if (!nets) netsOf.set(knowledge, (nets = [...knowledge.intents.values()].filter((i) => i.safetyNet.length > 0).map((i) => ({ intent: i.id, phrases: i.safetyNet }))));
  return nets;
}
