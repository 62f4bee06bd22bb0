// /xoadulieu asks for a confirmation; the next message answers it: "có" deletes everything, "không" keeps it,
// anything else (or a late answer) drops the request and is read as usual.
import { parseConfirmation } from './commands.js';
import type { Turn } from './turn.js';
import type { Reply } from './types.js';

/** A delete request must be confirmed within this time. */
export const DELETE_CONFIRM_MS = 10 * 60 * 1000;

/** Replies when this message answered a pending delete request; undefined when it goes on to the other steps. */
export async function answerPendingDelete(turn: Turn): Promise<Reply[] | undefined> {
  if (turn.user.deleteRequestedAt === undefined) return undefined;
  const { choice } = turn.message;
  const answer = choice === 'del:yes' ? 'yes' : choice === 'del:no' ? 'no' : parseConfirmation(turn.text);
  const fresh = turn.now() - turn.user.deleteRequestedAt < DELETE_CONFIRM_MS;
  if (answer === 'yes' && fresh) return deleteEverything(turn);
  turn.user = { ...turn.user, deleteRequestedAt: undefined };
  await turn.deps.users.save(turn.user);
  return answer !== undefined ? [turn.system(turn.t('delete-cancelled'))] : undefined;
}

async function deleteEverything(turn: Turn): Promise<Reply[]> {
  const { deps, message } = turn;
  await deps.users.delete(message.channel, message.userId);
  await deps.sessions.delete(message.channel, message.chatId);
  await deps.forgetElsewhere?.(message.channel, message.userId);
  deps.flood?.forget(turn.userKey);
  return [turn.system(turn.t('deleted'))];
}
