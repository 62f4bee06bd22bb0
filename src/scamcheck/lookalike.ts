// Lookalikes of trusted names: "dichvucong-gov.vn", "vneid.gov.vn.example.top", "dichvuc0ng.vn", "vnеid.vn" with
// a Cyrillic "е". tldts gives the registrable domain and WHATWG URL the punycode; neither maps confusable letters
// nor measures closeness, so those two small pieces are here.
import { domainToUnicode } from 'node:url';
import { foldDiacritics } from '../nlu/normalize.js';

/**
 * Letters from other scripts that look like Latin ones, and digits used as letters. A few dozen cover the
 * homoglyph attacks on Latin names; the full Unicode confusables table would be hundreds of kilobytes.
 */
const CONFUSABLES: Readonly<Record<string, string>> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', ѕ: 's', і: 'i', ї: 'i', ј: 'j', ԁ: 'd', һ: 'h', ӏ: 'l', ԛ: 'q', ԝ: 'w', ո: 'n', ս: 'u',
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ı: 'i', ɡ: 'g', ł: 'l', ø: 'o', ß: 'b',
  '0': 'o', '1': 'l', '3': 'e', '5': 's', '@': 'a',
};

/** Non-Latin letters (outside Latin and its Vietnamese extensions) in a hostname. */
const NON_LATIN = /[^\u0000-\u024F\u1E00-\u1EFF.]/u;

/** "xn--vnid-5qf.vn" → "vnеid.vn" (Unicode form; ASCII hosts come back unchanged). */
export function unicodeHost(hostname: string): string {
  return hostname.includes('xn--') ? domainToUnicode(hostname) || hostname : hostname;
}

/** Letters a reader would see: confusables mapped to Latin, diacritics dropped, lowercase. */
export function skeleton(text: string): string {
  return foldDiacritics([...text.toLowerCase()].map((c) => CONFUSABLES[c] ?? c).join(''));
}

/**
 * Whether a Unicode hostname holds a homoglyph: a letter from another script, or a non-ASCII letter made to pass
 * for a Latin one ("ı", "ł"). Vietnamese letters ("tiếngviệt.vn") are not homoglyphs.
 */
export function hasHomoglyph(unicode: string): boolean {
  return NON_LATIN.test(unicode) || [...unicode].some((c) => c > '\u007f' && CONFUSABLES[c] !== undefined);
}

/**
 * The trusted name a host imitates, if any: a trusted name inside it ("dichvucong-gov.vn", "vneid.gov.vn.x.top"),
 * a name pretending to be .gov.vn ("dvc-gov-vn.com"), or a main label one or two edits from a trusted name.
 */
export function imitatedName(unicode: string, mainLabel: string, trustedNames: readonly string[]): string | undefined {
  const flat = skeleton(unicode).replace(/[^a-z0-9]/g, '');
  const embedded = trustedNames.find((name) => flat.includes(name));
  if (embedded) return embedded;
  if (/(^|[.-])gov-?\.?vn([.-]|$)|govvn/.test(skeleton(unicode))) return 'gov.vn';
  const main = skeleton(mainLabel).replace(/[^a-z0-9]/g, '');
  return trustedNames.find((name) => distance(main, name) <= (name.length >= 9 ? 2 : 1));
}

/** Optimal string alignment distance (insert, delete, substitute, swap neighbours), stopping early past 3. */
export function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
    }
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}
