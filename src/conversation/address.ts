// How the person names themselves ("cho bác hỏi", "con muốn hỏi"), so the reply answers in kind ("Dạ, bác …").
// Hand-written: no library knows Vietnamese kinship pronouns, and the rule is a few phrases.
import { foldDiacritics } from '../nlu/normalize.js';

export const ADDRESS_FORMS = ['bác', 'cô', 'chú', 'anh', 'chị', 'em', 'con', 'cháu'] as const;
export type AddressForm = (typeof ADDRESS_FORMS)[number];

const FOLDED = new Map(ADDRESS_FORMS.map((f) => [foldDiacritics(f), f]));
const WORDS = [...FOLDED.keys()].join('|');
/** "cho bác hỏi", "giúp cô với", "bác muốn hỏi", "chú cần…": the pronoun as the speaker, not "con tui" (my child). */
const ASKING = new RegExp(`(?:^|\\b)(?:cho|giup|gium|xin)\\s+(${WORDS})\\s+(?:hoi|voi|chut|xin)\\b`);
const OPENING = new RegExp(`^(?:da\\s+|a\\s+|ad\\s+oi\\s+)?(${WORDS})\\s+(?:muon|can|hoi|xin|dang|khong|ko|chua|moi|vua|lo)\\b`);

export function addressFormIn(text: string): AddressForm | undefined {
  const folded = foldDiacritics(text.normalize('NFC')).toLowerCase().replace(/[^a-z0-9\s]/g, ' ').replace(/\s+/g, ' ').trim();
  const match = ASKING.exec(folded) ?? OPENING.exec(folded);
  return match ? FOLDED.get(match[1]!) : undefined;
}

/** "Bạn nên …" → "Dạ, bác nên …": every "bạn" that means the reader (not "bạn bè"). */
export function addressAs(text: string, form: AddressForm): string {
  const replaced = text.replace(/(?<!\p{L})([Bb])ạn(?!\p{L})(?!\s+bè)/gu, (_m, b: string) => (b === 'B' ? capital(form) : form));
  return `Dạ, ${replaced.charAt(0).toLocaleLowerCase('vi')}${replaced.slice(1)}`.replace(/^Dạ, (bác|cô|chú|anh|chị|em|con|cháu)/u, (_m, f: string) => `Dạ, ${f}`);
}

function capital(word: string): string {
  return word.charAt(0).toLocaleUpperCase('vi') + word.slice(1);
}
