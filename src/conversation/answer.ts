// The answer path, for a message that is no command or choice: a link, number or pasted message is checked for
// scam signs; anything else is read by the NLU and answered, clarified (which did you mean?) or sent to the inbox.
import { DEFAULT_POLICY } from '../nlu/decide.js';
import { readMessage, type SafetyNet } from '../nlu/read-message.js';
import type { Knowledge } from '../knowledge/types.js';
import { maskPersonalData } from '../privacy/mask.js';
import { answerReply, menu, suggestion } from './replies.js';
import { scamCheckStep } from './scam-check-reply.js';
import type { Asked } from './sessions.js';
import { toInbox, type Turn } from './turn.js';
import type { Reply } from './types.js';

/** An answer below this score is listed for maintainers to check (content health). */
export const LOW_SCORE = 0.5;

export async function answerStep(turn: Turn): Promise<Reply[]> {
  const { deps, message, knowledge, state } = turn;
  // A link, a number or a pasted/forwarded message to check for scam signs goes no further.
  const input = { text: message.text ?? '', forwarded: message.forwarded, channel: message.channel, locale: turn.locale, at: turn.now() };
  const scam = scamCheckStep(input, knowledge, deps.messages);
  if (scam) {
    await deps.insights?.record(scam.event);
    state.lastAnswer = undefined;
    return turn.remember([scam.reply]);
  }

  const policy = deps.policy ?? DEFAULT_POLICY;
  const { decision, interpretation, second } = await readMessage(turn.brain.understanding, turn.text, policy, safetyNets(knowledge));
  const asked: Asked = {
    // Masked before it is kept anywhere, even for the half hour of a session.
    text: maskPersonalData(turn.text),
    normalized: maskPersonalData(interpretation.tokens.join(' ')),
    candidates: interpretation.candidates
      .flatMap((c) => (c.intent === null ? [] : [{ intent: c.intent, score: Math.round(c.score * 1000) / 1000 }]))
      .slice(0, 3),
  };
  if (decision.kind === 'answer') {
    // Answered, but not surely: maintainers see the question on the content health page.
    if (decision.score < LOW_SCORE) {
      const { intent, score } = decision;
      const { text, normalized } = asked;
      await deps.insights?.record({ kind: 'low-score', channel: message.channel, intent, score, text, normalized, at: turn.now() });
    }
    // A message that asks two things gets both answers, each with its own 👍/👎 (the first built last: it keeps lastAnswer).
    const also = second ? [answerReply(turn, knowledge.intents.get(second.intent)!, second.score)] : [];
    const first = answerReply(turn, knowledge.intents.get(decision.intent)!, decision.score, asked);
    return turn.remember([first, ...also]);
  }
  if (decision.kind === 'clarify') {
    const options = decision.intents.map((id) => suggestion(turn, knowledge.intents.get(id)!));
    state.clarified = asked;
    await deps.insights?.record({ kind: 'clarify', channel: message.channel, at: turn.now() });
    const { locale } = turn;
    const clarify: Reply = { kind: 'clarify', intent: null, score: decision.score, text: turn.t('clarify-intro'), links: [], suggestions: options, locale };
    return turn.remember([clarify]);
  }
  await toInbox(turn, 'fallback', asked);
  return turn.remember([{ ...turn.system(turn.t('fallback'), menu(turn), 'fallback'), score: decision.score }]);
}

const netsOf = new WeakMap<Knowledge, SafetyNet[]>();

/** The intents with safety-net phrases, as the reader wants them (once per knowledge version). */
function safetyNets(knowledge: Knowledge): SafetyNet[] {
  let nets = netsOf.get(knowledge);
  if (!nets) {
    nets = [...knowledge.intents.values()].filter((i) => i.safetyNet.length > 0).map((i) => ({ intent: i.id, phrases: i.safetyNet }));
    netsOf.set(knowledge, nets);
  }
  return nets;
}
