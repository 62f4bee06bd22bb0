// Text helpers for the check: invisible characters out, a folded form (lowercase, no diacritics) to match phrases.
import { foldDiacritics } from '../nlu/normalize.js';

/** Zero-width, soft hyphen and bidi controls: scammers put them inside links and words to slip past filters. */
const INVISIBLE = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

export function stripInvisible(text: string): string {
  return text.normalize('NFC').replace(INVISIBLE, '');
}

/** "Tài khoản sẽ BỊ KHÓA!" → "tai khoan se bi khoa": phrases written with or without diacritics meet here. */
export function fold(text: string): string {
  return foldDiacritics(text).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Words that cancel a phrase right before it: the real OTP message says "KHÔNG cung cấp mã OTP cho ai". */
// "chưa" is not one: "chưa cập nhật ... sẽ bị khóa" is the threat itself.
const NEGATIONS = new Set(['khong', 'ko', 'k', 'dung', 'never', 'not', 'dont', 'nobody']);

/** A folded text with a space at each end, so a phrase is found as whole words with one `indexOf`. */
export type Padded = string & { readonly padded: true };

export function pad(folded: string): Padded {
  return ` ${folded} ` as Padded;
}

/**
 * Whether the folded phrase occurs in the text as whole words, not right after a negation.
 * Written by hand: a plain `includes` cannot see word edges or the word before the match.
 */
export function hasPhrase(padded: Padded, phrase: string): boolean {
  for (let at = padded.indexOf(` ${phrase} `); at >= 0; at = padded.indexOf(` ${phrase} `, at + 1)) {
    if (!negated(padded.slice(Math.max(0, at - 32), at).trim().split(' ').slice(-3))) return true;
  }
  return false;
}

/** "không cung cấp", "không được cung cấp", "tuyệt đối không cung cấp"; but "nếu không chuyển tiền" is a threat. */
function negated(before: readonly string[]): boolean {
  const [w3 = '', w2 = '', w1 = ''] = ['', '', '', ...before].slice(-3);
  if (NEGATIONS.has(w1)) return w2 !== 'neu';
  return NEGATIONS.has(w2) && SOFTENERS.has(w1) && w3 !== 'neu';
}

const SOFTENERS = new Set(['duoc', 'nen', 'can', 'bao', 'share', 'give']);

export function wordCount(folded: string): number {
  return folded === '' ? 0 : folded.split(' ').length;
}
