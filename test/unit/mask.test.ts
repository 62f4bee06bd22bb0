import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { maskPersonalData } from '../../src/privacy/mask.js';

describe('masking personal data before it is stored', () => {
  it.each([
    ['gọi tôi 0912345678 nhé', '0912345678'],
    ['sdt 0912 345 678', '0912 345 678'],
    ['số 091.234.5678', '091.234.5678'],
    ['+84 912 345 678 là số của tôi', '+84 912 345 678'],
    ['84912345678', '84912345678'],
    ['0283-822-1234', '0283-822-1234'],
    ['email nguyenvana@gmail.com giúp', 'nguyenvana@gmail.com'],
    ['mail: tran.thi_b+1@so.angiang.gov.vn', 'tran.thi_b+1@so.angiang.gov.vn'],
    ['cccd 091234567890 bị lộ', '091234567890'],
    ['CCCD: 0912 3456 7890', '0912 3456 7890'],
    ['cmnd 123456789', '123456789'],
    ['thẻ 4111 1111 1111 1111 bị trừ tiền', '4111 1111 1111 1111'],
    ['stk 19031234567012 techcombank', '19031234567012'],
    ['mã otp là 482913', '482913'],
  ])('"%s" keeps nothing of %s', (input, secret) => {
    const masked = maskPersonalData(input);
    expect(masked).not.toContain(secret);
    const digits = secret.replace(/\D/g, '');
    if (digits) expect(masked.replace(/\D/g, '')).not.toContain(digits.slice(-6));
    expect(masked).toMatch(/\[(số điện thoại|email|số định danh|số thẻ\/tài khoản|số)\]/);
  });

  it.each([
    'quyết định 749/QĐ-TTg năm 2020',
    'gọi 113 hay 156?',
    'nhắn 5656 được không',
    'mục tiêu năm 2025 và 2030',
  ])('keeps public numbers in "%s"', (text) => {
    expect(maskPersonalData(text)).toBe(text);
  });

  it('never leaves a run of 9 or more digits, whatever the input', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.constantFrom(' ', '.', '-', 'a', 'ô'), fc.integer({ min: 0, max: 9 }).map(String)), { maxLength: 60 }), (parts) => {
      expect(maskPersonalData(parts.join('')).replace(/[\s.-]/g, '')).not.toMatch(/\d{9,}/);
    }));
  });
});
