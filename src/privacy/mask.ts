// Masks personal data in questions before they are stored: phone numbers, e-mail addresses, ID numbers
// (9/12-digit CMND/CCCD), bank account and card numbers. Errs on the side of masking: a long digit run is never kept.

// Separators people put inside numbers: spaces, dots, dashes, commas, slashes, underscores. At most 3 in a row,
// so every pattern stays linear in the length of the text.
const SEP = '[\\s.,/_-]{0,3}';
const RULES: readonly [RegExp, string][] = [
  // Vietnamese phone numbers: +84 / 84 / 0 followed by 9 digits, with separators anywhere
  [new RegExp(`(?<![\\p{N}])(?:\\+?84|0)(?:${SEP}\\d){9}(?![\\p{N}])`, 'gu'), '[số điện thoại]'],
  // card numbers: 16 (13-19) digits, often in groups of four
  [new RegExp(`(?<![\\p{N}])\\d(?:${SEP}\\d){12,18}(?![\\p{N}])`, 'gu'), '[số thẻ/tài khoản]'],
  // CCCD (12 digits) and CMND (9 digits), written plainly or grouped
  [new RegExp(`(?<![\\p{N}])\\d(?:${SEP}\\d){11}(?![\\p{N}])`, 'gu'), '[số định danh]'],
  [new RegExp(`(?<![\\p{N}])\\d(?:${SEP}\\d){8}(?![\\p{N}])`, 'gu'), '[số định danh]'],
  // any other run of 6+ digits (bank accounts, OTP codes, house numbers with ids...)
  [/(?<![\p{N}])\d(?:[\s.,/_-]?\d){5,}(?![\p{N}])/gu, '[số]'],
];

/** Zero-width characters and bidirectional controls: invisible, and used to hide or reorder what is written. */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u061C\uFEFF]/g;

/** Full-width (０-９) and Arabic-Indic (٠-٩, ۰-۹) digits read as 0-9, so they are masked like any digits. */
function asciiDigits(text: string): string {
  return text.replace(/[\uFF10-\uFF19\u0660-\u0669\u06F0-\u06F9]/g, (d) => {
    const code = d.charCodeAt(0);
    const zero = code >= 0xff10 ? 0xff10 : code >= 0x06f0 ? 0x06f0 : 0x0660;
    return String(code - zero);
  });
}

const EMAIL_LOCAL = /[\p{L}\p{N}._%+-]/u;
const EMAIL_DOMAIN = /[\p{L}\p{N}.-]/u;
const LETTER = /\p{L}/u;

/**
 * E-mail addresses, found from each "@" outwards in one pass (a regex with a repeated class on both sides of "@"
 * is quadratic on long inputs without one): the local part, then the domain up to its last ".letters".
 */
function maskEmails(text: string): string {
  const chars = [...text];
  let out = '';
  let copied = 0;
  for (let at = 0; at < chars.length; at++) {
    if (chars[at] !== '@') continue;
    let start = at;
    while (start > copied && EMAIL_LOCAL.test(chars[start - 1]!)) start -= 1;
    let end = at + 1;
    while (end < chars.length && EMAIL_DOMAIN.test(chars[end]!)) end += 1;
    // The domain ends after the last "." followed by 2+ letters (the top-level domain).
    let stop = -1;
    for (let i = at + 2; i < end; i++) {
      if (chars[i] !== '.') continue;
      let j = i + 1;
      while (j < end && LETTER.test(chars[j]!)) j += 1;
      if (j - i - 1 >= 2) stop = j;
    }
    if (start === at || stop < 0) continue;
    out += chars.slice(copied, start).join('') + '[email]';
    copied = stop;
    at = stop - 1;
  }
  return out + chars.slice(copied).join('');
}

export function maskPersonalData(text: string): string {
  let out = maskEmails(asciiDigits(text.replace(INVISIBLE, '')));
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}
