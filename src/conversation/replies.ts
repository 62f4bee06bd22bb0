// The replies built from intents: an answer (with its 👍/👎 and related questions), "more", suggestions, the menu.
import { createHash } from 'node:crypto';
import type { Intent, Locale } from '../knowledge/types.js';
import { pick } from '../knowledge/types.js';
import { addressAs } from './address.js';
import { RATED_ANSWERS, type Asked, type RatedAnswer } from './sessions.js';
import type { Turn } from './turn.js';
import type { Reply, Suggestion } from './types.js';

/** The intent whose `related` list is the menu offered with the welcome, help and the fallback. */
export const MENU_INTENT = 'bot-giup-gi';
/** The bot's own small talk names itself as its source: no "Nguồn" line for it. */
const SELF_SOURCE = 'Trợ lý số';
/** Answers fit a phone: "Xem thêm" and at most two related questions. */
const MAX_SUGGESTIONS = 3;

export function answerReply(turn: Turn, intent: Intent, score: number, question?: Asked): Reply {
  const { deps, message, state, locale } = turn;
  // Not awaited (statistics must not delay an answer), so a failure is caught here: a rejected floating
  // promise would end the process.
  deps.insights?.record({ kind: 'answer', channel: message.channel, intent: intent.id, at: turn.now() }).catch(() => {});
  state.lastAnswer = question ? { ...question, intent: intent.id } : undefined;
  // Every answer can be rated, also one reached through a suggestion; its choices name it.
  // The id follows from the intent and the question, so the same question gets the same answer, choices included.
  const id = createHash('sha256').update(`${intent.id}\u0000${question?.text ?? ''}`).digest('hex').slice(0, 8);
  const rated: RatedAnswer = { id, intent: intent.id, ...(question ? { question } : {}) };
  state.answers = [...(state.answers ?? []).filter((a) => a.id !== id), rated].slice(-RATED_ANSWERS);
  const more: Suggestion[] = intent.more ? [{ id: `more:${intent.id}`, label: turn.t('button-more') }] : [];
  const source = sourceLine(intent);
  return {
    kind: 'answer',
    feedback: { up: `fb:up:${rated.id}`, down: `fb:down:${rated.id}` },
    intent: intent.id,
    score,
    text: personal(turn, pick(intent.answer, locale).trim(), true),
    ...(intent.tip ? { tip: personal(turn, pick(intent.tip, locale).trim(), false) } : {}),
    ...(source ? { source } : {}),
    links: intent.links,
    suggestions: [...more, ...relatedOf(turn, intent)].slice(0, MAX_SUGGESTIONS),
    locale,
  };
}

export function moreReply(turn: Turn, intent: Intent): Reply {
  const { locale } = turn;
  const text = personal(turn, pick(intent.more!, locale).trim(), true);
  return { kind: 'answer', intent: intent.id, score: 1, text, links: [], suggestions: relatedOf(turn, intent).slice(0, MAX_SUGGESTIONS), locale };
}

function relatedOf(turn: Turn, intent: Intent): Suggestion[] {
  return intent.related.flatMap((id) => {
    const related = turn.knowledge.intents.get(id);
    return related ? [suggestion(turn, related)] : [];
  });
}

/** Vietnamese answers call the person as they named themselves. */
function personal(turn: Turn, text: string, greet: boolean): string {
  if (turn.locale !== 'vi' || !turn.address) return text;
  const addressed = addressAs(text, turn.address);
  return greet ? addressed : addressed.replace(/^Dạ, /u, '').replace(/^\p{Ll}/u, (c) => c.toLocaleUpperCase('vi'));
}

export function suggestion(turn: Turn, intent: Intent, inLocale: Locale = turn.locale): Suggestion {
  return { id: intent.id, label: pick(intent.title, inLocale) };
}

/** The menu (the menu intent's related questions) in the turn's language, or another. */
export function menu(turn: Turn, inLocale: Locale = turn.locale): Suggestion[] {
  const { intents } = turn.knowledge;
  return (intents.get(MENU_INTENT)?.related ?? []).flatMap((id) => {
    const intent = intents.get(id);
    return intent ? [suggestion(turn, intent, inLocale)] : [];
  });
}

/** "Nguồn" names the source; the addresses are already in the links. */
export function sourceLine(intent: Intent): string | undefined {
  if (intent.source.trim() === SELF_SOURCE) return undefined;
  // The first source named, without addresses: the links already carry them.
  const first = intent.source.split(';')[0]!;
  return first.replace(/\s*\([^)]*\)/g, '').replace(/\s*https?:\/\/\S+/g, '').replace(/\s+([,.])/g, '$1').trim();
}
