// Commands work the same on every channel: with or without a slash, or as Vietnamese words.
import { foldDiacritics } from '../nlu/normalize.js';

export type CommandName = 'start' | 'help' | 'subscribe' | 'unsubscribe' | 'lang' | 'privacy' | 'delete' | 'broadcast';

export interface Command {
  readonly name: CommandName;
  /** What follows the command ("/lang en" → "en"), folded and lowercase; "" when none. */
  readonly argument: string;
}

/** Folded, lowercase phrases; slash forms are matched on their first word. */
const ALIASES: Record<CommandName, readonly string[]> = {
  start: ['/start', 'start', 'bat dau'],
  help: ['/help', '/menu', '/trogiup', 'help', 'menu', 'tro giup'],
  subscribe: ['/subscribe', '/dangky', 'subscribe', 'dang ky nhan tin', 'dang ky nhan thong bao', 'nhan tin moi'],
  unsubscribe: ['/unsubscribe', '/huy', '/stop', 'unsubscribe', 'stop', 'huy', 'huy dang ky', 'huy nhan tin', 'ngung nhan tin', 'dung nhan tin', 'khong nhan tin nua'],
  lang: ['/lang', '/ngonngu', 'lang', 'language', 'ngon ngu', 'doi ngon ngu'],
  privacy: ['/privacy', '/quyenriengtu', 'privacy', 'quyen rieng tu', 'chinh sach quyen rieng tu'],
  delete: ['/xoadulieu', '/deletemydata', 'xoa du lieu', 'xoa du lieu cua toi', 'delete my data'],
  broadcast: ['/broadcast', 'broadcast'],
};

const LANGUAGE_WORDS = new Map([['english', 'en'], ['tieng anh', 'en'], ['tieng viet', 'vi'], ['vietnamese', 'vi']]);

const BY_PHRASE = new Map<string, CommandName>();
for (const [name, phrases] of Object.entries(ALIASES) as [CommandName, readonly string[]][]) for (const p of phrases) BY_PHRASE.set(p, name);

/** Commands that take an argument after a word form ("ngôn ngữ en", "huỷ an-toan-mang"). */
const TAKES_ARGUMENT = new Set<CommandName>(['lang', 'subscribe', 'unsubscribe']);

export function parseCommand(text: string, botUsername?: string): Command | undefined {
  const folded = trimEndPunctuation(foldDiacritics(text.normalize('NFC')).toLowerCase()).replace(/\s+/g, ' ').trim();
  if (folded === '') return undefined;
  if (folded.startsWith('/')) {
    const [head = '', ...rest] = folded.split(' ');
    const [word, target] = head.split('@');
    // "/start@OtherBot" in a group is for another bot.
    if (target && botUsername && target !== botUsername.toLowerCase()) return undefined;
    const name = BY_PHRASE.get(word!);
    return name ? { name, argument: rest.join(' ') } : undefined;
  }
  // "english" / "tiếng việt" alone switch the language.
  const language = LANGUAGE_WORDS.get(folded);
  if (language) return { name: 'lang', argument: language };
  const exact = BY_PHRASE.get(folded);
  if (exact) return { name: exact, argument: '' };
  for (const name of TAKES_ARGUMENT) {
    for (const phrase of ALIASES[name]) {
      if (!phrase.startsWith('/') && folded.startsWith(`${phrase} `)) {
        const argument = folded.slice(phrase.length + 1).trim();
        // Only short arguments: "huy dang ky nhan tin ve lua dao" is a sentence, not a command.
        if (argument.split(' ').length <= 2) return { name, argument };
      }
    }
  }
  return undefined;
}

/** Yes / no answers to a confirmation question. */
export function parseConfirmation(text: string): 'yes' | 'no' | undefined {
  const folded = foldDiacritics(text.normalize('NFC')).toLowerCase().replace(/[^a-z0-9 ]/g, '').trim();
  if (['co', 'dong y', 'xac nhan', 'yes', 'ok', 'xoa', 'co xoa', 'dong y xoa'].includes(folded)) return 'yes';
  // Not "hủy": that word always unsubscribes, whatever was asked before.
  if (['khong', 'ko', 'k', 'no', 'thoi', 'khong xoa', 'giu lai'].includes(folded)) return 'no';
  return undefined;
}

/** Drops trailing . ! ? … in one pass from the end (the regex /[.!?…]+$/ is quadratic on long runs of them). */
function trimEndPunctuation(text: string): string {
  let end = text.length;
  while (end > 0 && '.!?…'.includes(text[end - 1]!)) end -= 1;
  return text.slice(0, end);
}
