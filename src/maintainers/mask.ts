// Masks personal data in questions before they are stored: phone numbers, e-mail addresses, ID numbers
// (9/12-digit CMND/CCCD), bank account and card numbers. Errs on the side of masking: a long digit run is never kept.

const RULES: readonly [RegExp, string][] = [
  // e-mail addresses
  [/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu, '[email]'],
  // Vietnamese phone numbers: +84 / 84 / 0 followed by 9 digits, with spaces, dots or dashes anywhere
  [/(?<![\p{N}])(?:\+?84|0)(?:[\s.-]*\d){9}(?![\p{N}])/gu, '[số điện thoại]'],
  // card numbers: 16 (13-19) digits, often in groups of four
  [/(?<![\p{N}])\d(?:[\s.-]*\d){12,18}(?![\p{N}])/gu, '[số thẻ/tài khoản]'],
  // CCCD (12 digits) and CMND (9 digits), written plainly or grouped
  [/(?<![\p{N}])\d(?:[\s.-]*\d){11}(?![\p{N}])/gu, '[số định danh]'],
  [/(?<![\p{N}])\d(?:[\s.-]*\d){8}(?![\p{N}])/gu, '[số định danh]'],
  // any other run of 6+ digits (bank accounts, OTP codes, house numbers with ids...)
  [/(?<![\p{N}])\d(?:[\s.-]?\d){5,}(?![\p{N}])/gu, '[số]'],
];

export function maskPersonalData(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}
