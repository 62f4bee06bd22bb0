// An official composing a broadcast in the chat (after /broadcast): the next text is the message, shown as
// subscribers will see it, then sent only on an explicit confirmation. "bỏ" / "thôi" / cancel stops it.
import { foldDiacritics } from '../nlu/normalize.js';
import { CHAT_BROADCAST_MAX } from './broadcast-port.js';
import { isOfficial } from './command-handlers.js';
import type { Command } from './commands.js';
import type { Turn } from './turn.js';
import type { Reply } from './types.js';

/** Replies when this message is a step of composing; undefined when it is not (it goes on to the other steps). */
export async function composeStep(turn: Turn, choice: string | undefined, command: Command | undefined): Promise<Reply[] | undefined> {
  const composing = turn.session.compose && isOfficial(turn) ? turn.session.compose : undefined;
  if (!composing) return undefined;
  const broadcasts = turn.deps.broadcasts!;
  if (choice === 'bc:cancel' || /^(bo|thoi|\/cancel|cancel)$/.test(foldDiacritics(turn.text).toLowerCase().trim())) {
    return turn.remember([turn.system(turn.t('broadcast-cancelled'))], undefined);
  }
  if (composing.stage === 'confirm' && choice === 'bc:send') {
    const count = await broadcasts.audienceSize();
    await broadcasts.send(composing.text, turn.userKey);
    return turn.remember([turn.system(turn.t('broadcast-started', { count }))], undefined);
  }
  if (composing.stage === 'text' && choice === undefined && !command && turn.text !== '') {
    const full = (turn.message.text ?? '').trim();
    if ([...full].length > CHAT_BROADCAST_MAX) return turn.remember([turn.system(turn.t('broadcast-too-long'))]);
    const count = await broadcasts.audienceSize();
    const buttons = [{ id: 'bc:send', label: turn.t('button-broadcast-send') }, { id: 'bc:cancel', label: turn.t('button-broadcast-cancel') }];
    const confirm = turn.system(turn.t('broadcast-confirm', { count }), buttons);
    return turn.remember([turn.system(turn.t('broadcast-preview-intro')), broadcasts.preview(full), confirm], { stage: 'confirm', text: full });
  }
  return undefined;
}
