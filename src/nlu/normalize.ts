// Vietnamese text normalization: accented, unaccented and teencode input all end up as the same tokens.

/** Zero-width joiners, bidi marks, soft hyphens and the BOM: invisible, dropped. (U+200B, a zero-width space, separates words.) */
const INVISIBLE = /[\u00AD\u200C-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;
const NOT_WORD = /[^\p{L}\p{N}\p{M}]+/gu;
const COMBINING = /\p{M}/gu;

/** Remove tone and vowel marks; đ → d (Unicode does not decompose đ). */
export function foldDiacritics(text: string): string {
  return text.normalize('NFD').replace(COMBINING, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

/**
 * "chàooo" → "chào", "nhaaa" → "nha": runs of three or more letters become one, and a doubled letter
 * at the end of a word becomes one (no Vietnamese syllable ends in a doubled letter). Digits stay as typed.
 */
export function squeezeRepeats(token: string): string {
  return token.replace(/(\p{L})\1{2,}/gu, '$1').replace(/(\p{L})\1$/u, '$1');
}

/** Lowercase words of the text, accents kept, everything that is not a letter or digit dropped. */
export function splitWords(text: string): string[] {
  const cleaned = text.normalize('NFC').replace(INVISIBLE, '').toLowerCase().replace(NOT_WORD, ' ').trim();
  return cleaned === '' ? [] : cleaned.split(' ').map(squeezeWord);
}

/**
 * Per-word results remembered: a chat repeats the same few thousand words, and the regular expressions and
 * Unicode decomposition behind each word cost more than the classifier (bounded, cleared when full).
 */
function memo(fn: (word: string) => string): (word: string) => string {
  const seen = new Map<string, string>();
  return (word) => {
    let out = seen.get(word);
    if (out === undefined) {
      if (seen.size >= 50_000) seen.clear();
      seen.set(word, (out = fn(word)));
    }
    return out;
  };
}

const squeezeWord = memo(squeezeRepeats);
const foldWord = memo(foldDiacritics);

export interface Lexicon {
  /** variant phrase as typed (lowercase, NFC, words separated by one space) → canonical words */
  readonly entries: ReadonlyMap<string, string>;
  readonly longestVariant: number;
  /** First words of the variants: most words start none, and skip the lookups. */
  readonly starts: ReadonlySet<string>;
}

export function createLexicon(entries: ReadonlyMap<string, string>): Lexicon {
  let longestVariant = 1;
  const starts = new Set<string>();
  for (const key of entries.keys()) {
    const words = key.split(' ');
    longestVariant = Math.max(longestVariant, words.length);
    starts.add(words[0]!);
  }
  return { entries, longestVariant, starts };
}

export const EMPTY_LEXICON: Lexicon = createLexicon(new Map());

/** Greedy longest match of lexicon variants over the words; a variant matches only as it was written. */
export function expandLexicon(words: readonly string[], lexicon: Lexicon): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; ) {
    if (!lexicon.starts.has(words[i]!)) {
      out.push(words[i]!);
      i += 1;
      continue;
    }
    let matched = 0;
    for (let n = Math.min(lexicon.longestVariant, words.length - i); n >= 1; n -= 1) {
      const canonical = lexicon.entries.get(words.slice(i, i + n).join(' '));
      if (canonical !== undefined) {
        out.push(...canonical.split(' '));
        matched = n;
        break;
      }
    }
    if (matched === 0) {
      out.push(words[i]!);
      matched = 1;
    }
    i += matched;
  }
  return out;
}

const PRONOUNS = new Set(['toi', 'tui', 'minh', 'em', 'anh', 'chi', 'bac', 'co', 'chu', 'con', 'chau', 'ba', 'me', 'ong', 'di', 'cau', 'tao']);
const ASK = new Set(['cho', 'giup', 'gium', 'xin']);
const CALLED = new Set(['ad', 'admin', 'anh', 'chi', 'em', 'con', 'chau', 'bac', 'co', 'chu', 'ban', 'ba', 'bot']);

/**
 * Politeness carries no topic: "con ơi cho cô hỏi", "ad ơi", "cho bác hỏi chút" are dropped, so "con" and "cô" in
 * them do not pull a question towards intents about children. Hand-written: these are fixed Vietnamese phrases.
 */
export function dropPoliteness(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const [a, b, c] = [tokens[i]!, tokens[i + 1], tokens[i + 2]];
    if (ASK.has(a) && b !== undefined && PRONOUNS.has(b) && (c === 'hoi' || c === 'voi')) {
      i += tokens[i + 3] === 'chut' || tokens[i + 3] === 'xiu' ? 3 : 2;
      continue;
    }
    if (a === 'cho' && b === 'hoi') {
      i += 1;
      continue;
    }
    if (CALLED.has(a) && b === 'oi') {
      i += 1;
      continue;
    }
    out.push(a);
  }
  // A message that is only politeness keeps its words, so a bare "cho hỏi" is still a message.
  return out.length > 0 ? out : [...tokens];
}

/** The full pipeline: words, lexicon expansion, then accents folded. Returns the tokens the classifier sees. */
export function normalizeTokens(text: string, lexicon: Lexicon = EMPTY_LEXICON): string[] {
  return dropPoliteness(expandLexicon(splitWords(text), lexicon).map(foldWord).filter((t) => t !== ''));
}

export function normalizeText(text: string, lexicon: Lexicon = EMPTY_LEXICON): string {
  return normalizeTokens(text, lexicon).join(' ');
}
