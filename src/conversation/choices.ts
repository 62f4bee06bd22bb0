// A choice: a button pressed (or its number typed, or 👍/👎 typed where there are no buttons): an intent from
// the suggestions, "more" of an answer, feedback on an answer, a topic, a language, or a stale button.
import { runCommand } from './command-handlers.js';
import { answerReply, menu, moreReply } from './replies.js';
import { toInbox, type Turn } from './turn.js';
import type { Reply } from './types.js';

/** The choice this message makes: a button, or a typed number of an offered suggestion, or a typed 👍/👎. */
export function choiceOf(turn: Turn): string | undefined {
  const { message, session, text } = turn;
  if (message.choice !== undefined) return message.choice;
  const picked = /^\s*(\d)\s*$/.exec(text);
  if (picked && session.offered) {
    const offered = session.offered[Number(picked[1]) - 1];
    if (offered !== undefined) return offered;
  }
  // 👍 / 👎 typed (Zalo has no buttons) rate the latest answer.
  if (/^\s*(👍|👎)\s*$/u.test(text) && session.answers?.length) return text.includes('👍') ? 'fb:up' : 'fb:down';
  return undefined;
}

export async function choose(turn: Turn, id: string): Promise<Reply[]> {
  const { knowledge, session } = turn;
  const [kind, value = ''] = id.includes(':') ? (id.split(':', 2) as [string, string]) : ['intent', id];
  const expired = () => [turn.system(turn.t('choice-expired'), menu(turn), 'fallback')];
  if (kind === 'intent') {
    const intent = knowledge.intents.get(value);
    const question = session.clarified && session.offered?.includes(value) ? session.clarified : undefined;
    return intent ? [answerReply(turn, intent, 1, question)] : expired();
  }
  if (kind === 'more') {
    const intent = knowledge.intents.get(value);
    return intent?.more ? [moreReply(turn, intent)] : expired();
  }
  if (kind === 'fb') return feedback(turn, value === 'up', id.split(':')[2]);
  if (kind === 'sub') return runCommand(turn, { name: 'subscribe', argument: value });
  if (kind === 'lang') return runCommand(turn, { name: 'lang', argument: value });
  if (kind === 'del') return [turn.system(turn.t('delete-cancelled'))]; // a stale confirmation button
  if (kind === 'bc') return [turn.system(turn.t('choice-expired'))]; // a stale broadcast button
  return expired();
}

/** "fb:up:<answer id>" names the answer rated; a bare "fb:up" (typed emoji, old buttons) the latest one. */
async function feedback(turn: Turn, helpful: boolean, ref: string | undefined): Promise<Reply[]> {
  const { session, state } = turn;
  const rated = ref ? session.answers?.find((a) => a.id === ref) : session.answers?.at(-1);
  if (!rated) return [turn.system(turn.t('feedback-expired'))];
  await turn.deps.insights?.record({ kind: 'feedback', channel: turn.message.channel, intent: rated.intent, helpful, at: turn.now() });
  if (!helpful && rated.question) await toInbox(turn, 'unhelpful', rated.question);
  state.answers = state.answers?.filter((a) => a.id !== rated.id); // each answer is rated once
  if (state.lastAnswer?.intent === rated.intent) state.lastAnswer = undefined;
  return [turn.system(turn.t(helpful ? 'feedback-thanks' : 'feedback-sorry'))];
}
