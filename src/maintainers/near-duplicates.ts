// Near-duplicate questions in the inbox shown as one: "giá vàng hôm nay" and "giá vàng hôm nay bao nhiêu" are the
// same question for a maintainer. Compared on the stored text (already normalized and masked), without the words
// that only make it a question, and within a small edit distance for typos.
import { foldDiacritics } from '../nlu/normalize.js';

/** Words that make a sentence a question or polite, not what it is about (folded, as the normalizer leaves them). */
const QUESTION_WORDS = new Set([
  'bao', 'nhieu', 'la', 'gi', 'j', 'the', 'nao', 'ntn', 'o', 'dau', 'khong', 'ko', 'k', 'hok', 'hong', 'vay', 'v', 'a', 'ad', 'oi', 'nhi', 'ha',
  'sao', 'di', 'nhe', 'voi', 'cho', 'hoi', 'minh', 'toi', 'em', 'what', 'how', 'is',
]);

/** The part of a question two near-duplicates share. */
export function duplicateKey(normalized: string): string {
  const tokens = foldDiacritics(normalized.toLowerCase()).split(/\s+/).filter(Boolean);
  const kept = tokens.filter((t) => !QUESTION_WORDS.has(t));
  return (kept.length > 0 ? kept : tokens).join(' ');
}

/** Levenshtein distance, stopping early once it exceeds `limit` (short strings: the inbox's questions). */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/** Typos allowed between two keys: one per ten characters, at most two; none for very short keys. */
const allowedEdits = (key: string) => (key.length < 8 ? 0 : Math.min(2, Math.floor(key.length / 10) + 1));

/**
 * Clusters items (already in the order to show them) by their keys: the first of a cluster leads it. Quadratic in
 * the number of clusters, so callers pass a bounded list (the inbox shows its first few hundred groups).
 */
export function clusterNearDuplicates<T>(items: readonly T[], textOf: (item: T) => string): T[][] {
  const clusters: { key: string; members: T[] }[] = [];
  const byKey = new Map<string, { key: string; members: T[] }>();
  for (const item of items) {
    const key = duplicateKey(textOf(item));
    let cluster = byKey.get(key);
    if (!cluster) {
      const limit = allowedEdits(key);
      cluster = limit > 0 ? clusters.find((c) => editDistance(c.key, key, limit) <= limit) : undefined;
    }
    if (cluster) cluster.members.push(item);
    else {
      cluster = { key, members: [item] };
      clusters.push(cluster);
    }
    byKey.set(key, cluster);
  }
  return clusters.map((c) => c.members);
}
