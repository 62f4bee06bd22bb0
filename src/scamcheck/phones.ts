// Phone numbers in a message: Vietnamese and international formats with libphonenumber-js (full metadata, for
// the number type: premium rate); the official short hotlines (113, 156, 5656...) come from the trusted list,
// because libphonenumber does not treat them as phone numbers.
import { findNumbers } from 'libphonenumber-js/max';
import type { Localized, ScamRules } from './rules.js';
import type { PhoneSignal } from './signals.js';

export interface FoundPhone {
  /** E.164 ("+84868123456") or the short code ("113"); never logged or stored. */
  readonly number: string;
  readonly country?: string;
  readonly type?: string;
  readonly start: number;
  readonly end: number;
}

export interface PhoneFinding {
  readonly kind: 'phone';
  readonly signals: readonly PhoneSignal[];
  readonly official?: { readonly name: Localized; readonly number: string };
}

const SHORT_CODE = /(?<![\d+.,-])\d{3,5}(?![\d.,-]?\d)/g;
/** A run of digits that may be a phone number: "0868 123 456", "+84 (28) 3823-4567", "1900571235". */
const CANDIDATE = /\+?\d[\d .()-]{5,17}\d/g;
/** "2.500.000", "1,500,000": a sum of money, not worth parsing as a number. */
const MONEY = /^\d{1,3}([.,]\d{3})+$/;

/**
 * Phone numbers and official short codes in the text, at most `limit`. libphonenumber's findNumbers scans the
 * whole text with heavy patterns (hundreds of milliseconds on a long paste), so it only reads short runs of digits.
 */
export function findPhones(text: string, rules: ScamRules, limit: number): FoundPhone[] {
  if (!/\d{3}/.test(text)) return [];
  const found: FoundPhone[] = [];
  for (const m of text.matchAll(SHORT_CODE)) {
    if (found.length >= limit) return found;
    if (rules.trustedNumbers.has(m[0])) found.push({ number: m[0], start: m.index, end: m.index + m[0].length });
  }
  const candidate = new RegExp(CANDIDATE.source, 'g');
  for (let runs = 0, m = candidate.exec(text); m && found.length < limit && runs < limit * 2; runs += 1, m = candidate.exec(text)) {
    if (MONEY.test(m[0]) || m[0].replace(/\D/g, '').length < 7) continue;
    let readUpTo = m.index + m[0].length;
    for (const n of findNumbers(m[0], { defaultCountry: 'VN', v2: true }).slice(0, limit - found.length)) {
      const start = m.index + n.startsAt;
      const end = m.index + n.endsAt;
      readUpTo = end;
      if (!found.some((f) => f.start < end && start < f.end)) found.push({ number: n.number.number, country: n.number.country, type: n.number.getType(), start, end });
    }
    candidate.lastIndex = readUpTo; // the rest of a run that held two numbers is read again
  }
  return found.sort((a, b) => a.start - b.start);
}

/** What one number shows; `claimed` is whether the words around it claim an official body. */
export function analyzePhone(phone: FoundPhone, rules: ScamRules, claimed: boolean): PhoneFinding {
  const name = rules.trustedNumbers.get(phone.number);
  if (name) return { kind: 'phone', signals: ['official-hotline'], official: { name, number: phone.number } };
  const signals: PhoneSignal[] = [];
  if (phone.number.startsWith('+') && !phone.number.startsWith('+84')) signals.push('foreign-number');
  if (phone.type === 'PREMIUM_RATE') signals.push('premium-rate');
  if (claimed) signals.push('impersonation');
  return { kind: 'phone', signals };
}
