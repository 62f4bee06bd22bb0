// Typos: an unknown word one edit away from a known word becomes that word ("chuyn" → "chuyen").
// Symmetric deletion index: a word and each of its one-letter deletions point back to the vocabulary word.

const MIN_LENGTH = 4;

export interface SpellingCorrector {
  correct(token: string): string;
  isKnown(token: string): boolean;
}

export function createSpellingCorrector(counts: ReadonlyMap<string, number>): SpellingCorrector {
  const index = new Map<string, string>();
  const offer = (key: string, word: string) => {
    const current = index.get(key);
    if (current === undefined || (counts.get(word) ?? 0) > (counts.get(current) ?? 0)) index.set(key, word);
  };
  for (const word of counts.keys()) {
    if (word.length < MIN_LENGTH - 1 || /\d/.test(word)) continue;
    for (const d of deletions(word)) offer(d, word);
  }
  const corrected = new Map<string, string>();
  return {
    isKnown: (token) => counts.has(token),
    correct(token) {
      if (counts.has(token) || token.length < MIN_LENGTH || /\d/.test(token)) return token;
      const cached = corrected.get(token);
      if (cached !== undefined) return cached;
      let best: string | undefined;
      for (const key of [token, ...deletions(token)]) {
        for (const candidate of [index.get(key), counts.has(key) ? key : undefined]) {
          if (candidate && withinOneEdit(token, candidate) && (best === undefined || (counts.get(candidate) ?? 0) > (counts.get(best) ?? 0))) best = candidate;
        }
      }
      const result = best ?? token;
      if (corrected.size < 50_000) corrected.set(token, result);
      return result;
    },
  };
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i += 1) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Damerau-Levenshtein distance ≤ 1 (one insertion, deletion, substitution or swap of neighbours). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
