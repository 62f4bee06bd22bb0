// The answer path, for a message that is no command or choice: a link, number or pasted message is checked for
// scam signs; anything else is read by the NLU and answered, clarified (which did you mean?) or sent to the inbox.
import { DEFAULT_POLICY } from '../nlu/decide.js';
import { readMessage } from '../nlu/read-message.js';
import { maskPersonalData } from '../privacy/mask.js';
import { answerReply, menu, suggestion } from './replies.js';
import { scamCheckStep } from './scam-check-reply.js';
import type { Asked } from './sessions.js';
import { toInbox, type Turn } from './turn.js';
import type { Reply } from './types.js';

export async function answerStep(turn: Turn): Promise<Reply[]> {
  const { deps, message, knowledge, state } = turn;
  // A link, a number or a pasted/forwarded message to check for scam signs goes no further.
  const scam = scamCheckStep({ text: message.text ?? '', forwarded: message.forwarded, channel: message.channel, locale: turn.locale, at: turn.now() }, knowledge, deps.messages);
  if (scam) {
    await deps.insights?.record(scam.event);
    state.lastAnswer = undefined;
    return turn.remember([scam.reply]);
  }

  const { decision, interpretation, second } = await readMessage(turn.brain.understanding, turn.text, deps.policy ?? DEFAULT_POLICY);
  const asked: Asked = {
    // Masked before it is kept anywhere, even for the half hour of a session.
    text: maskPersonalData(turn.text),
    normalized: maskPersonalData(interpretation.tokens.join(' ')),
    candidates: interpretation.candidates.flatMap((c) => (c.intent === null ? [] : [{ intent: c.intent, score: Math.round(c.score * 1000) / 1000 }])).slice(0, 3),
  };
  if (decision.kind === 'answer') {
    // A message that asks two things gets both answers, each with its own 👍/👎 (the first built last: it keeps lastAnswer).
    const also = second ? [answerReply(turn, knowledge.intents.get(second.intent)!, second.score)] : [];
    const first = answerReply(turn, knowledge.intents.get(decision.intent)!, decision.score, asked);
    return turn.remember([first, ...also]);
  }
  if (decision.kind === 'clarify') {
    const options = decision.intents.map((id) => suggestion(turn, knowledge.intents.get(id)!));
    state.clarified = asked;
    await deps.insights?.record({ kind: 'clarify', channel: message.channel, at: turn.now() });
    return turn.remember([{ kind: 'clarify', intent: null, score: decision.score, text: turn.t('clarify-intro'), links: [], suggestions: options, locale: turn.locale }]);
  }
  await toInbox(turn, 'fallback', asked);
  return turn.remember([{ ...turn.system(turn.t('fallback'), menu(turn), 'fallback'), score: decision.score }]);
}
