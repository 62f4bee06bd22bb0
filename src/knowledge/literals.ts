// Hotline numbers and official addresses belong in the facts file: an answer that types them out can drift
// from the one place that gets corrected. This finds such literals in an answer's raw text (before placeholders).

/** Short codes like 111-119, 156, 5656; premium 1800/1900 lines; Vietnamese mobile and landline numbers. */
const HOTLINE = /(?<![\d/.,])(?:11\d|156|5656|1[89]00[\s.]?\d{2,4}(?:[\s.]?\d{2,4})?|(?:\+84|0)\d{2,3}[\s.]?\d{3}[\s.]?\d{3,4})(?!\d)(?![/.,]\d)/g;
/** A web address: a dotted name ending in a top-level domain, with or without a scheme. */
const ADDRESS = /\b(?:https?:\/\/)?(?:[a-z0-9-]+\.)+(?:vn|com|net|org|gov|info|top|xyz)\b(?:\/[^\s)]*)?/gi;

export interface Literal {
  readonly kind: 'number' | 'address';
  readonly text: string;
}

export function findLiterals(text: string): Literal[] {
  const found: Literal[] = [];
  for (const m of text.matchAll(HOTLINE)) found.push({ kind: 'number', text: m[0] });
  for (const m of text.matchAll(ADDRESS)) found.push({ kind: 'address', text: m[0] });
  return found;
}
