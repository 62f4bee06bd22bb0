// The conversation core: InboundMessage → Reply[]. Knows nothing of Telegram, Zalo or HTTP.
// One message goes through these steps in order; the first that answers ends it:
//   guards (flood control, non-text) → a pending delete confirmation → a clarification left unresolved goes to
//   the inbox → broadcast composing → a choice (button) → a command → the answer path (scam check, then NLU).
import { answerStep } from './answer.js';
import { choiceOf, choose } from './choices.js';
import { isOfficial, runCommand } from './command-handlers.js';
import { parseCommand } from './commands.js';
import { composeStep } from './compose-broadcast.js';
import { answerPendingDelete } from './pending-delete.js';
import { menu } from './replies.js';
import { startTurn, toInbox, type ConversationDeps, type Turn } from './turn.js';
import type { InboundMessage, Reply } from './types.js';

export type { ConversationDeps } from './turn.js';
export { MAX_UNDERSTOOD_CHARS } from './turn.js';
export { LOW_SCORE } from './answer.js';
export { MENU_INTENT, sourceLine } from './replies.js';
export { GENERAL_TOPIC } from './command-handlers.js';
export { DELETE_CONFIRM_MS } from './pending-delete.js';
export type { UserRecord } from '../users/users.js';

export interface Conversation {
  handle(message: InboundMessage): Promise<Reply[]>;
}

export function createConversation(deps: ConversationDeps): Conversation {
  const now = deps.now ?? Date.now;
  return {
    async handle(message) {
      const verdict = deps.flood?.check(`${message.channel}:${message.userId}`) ?? 'ok';
      if (verdict === 'silent') return [];
      const turn = await startTurn(deps, message, now);
      if (verdict === 'warn') return [turn.system(turn.t('slow-down'))];
      if (message.unsupported) return [turn.system(turn.t('text-only'))];
      return (await answerPendingDelete(turn)) ?? respond(turn);
    },
  };
}

async function respond(turn: Turn): Promise<Reply[]> {
  const { session, text } = turn;
  const choice = choiceOf(turn);
  const command = choice === undefined ? parseCommand(text, turn.message.botUsername) : undefined;

  // A clarifying question the person did not resolve by picking an option goes to the inbox.
  if (session.clarified && !(choice !== undefined && session.offered?.includes(choice))) await toInbox(turn, 'unresolved', session.clarified);

  const composed = await composeStep(turn, choice, command);
  if (composed) return composed;
  if (choice !== undefined) return turn.remember(await choose(turn, choice));
  if (command) {
    const replies = await runCommand(turn, command);
    return turn.remember(replies, command.name === 'broadcast' && isOfficial(turn) ? { stage: 'text' } : undefined);
  }
  if (text.startsWith('/')) return turn.remember([turn.system(turn.t('unknown-command'), menu(turn))]);
  if (text === '') return turn.remember([turn.system(turn.t('fallback-empty'), menu(turn), 'fallback')]);
  return answerStep(turn);
}
