import { describe, expect, it } from 'vitest';
import { parseCommand, parseConfirmation } from '../../src/conversation/commands.js';

describe('commands, typed any way', () => {
  it.each([
    ['/subscribe', 'subscribe', ''],
    ['subscribe', 'subscribe', ''],
    ['đăng ký nhận tin', 'subscribe', ''],
    ['Đăng ký nhận tin!', 'subscribe', ''],
    ['/subscribe an-toan-mang', 'subscribe', 'an-toan-mang'],
    ['hủy', 'unsubscribe', ''],
    ['huỷ', 'unsubscribe', ''],
    ['HUY', 'unsubscribe', ''],
    ['stop', 'unsubscribe', ''],
    ['/unsubscribe', 'unsubscribe', ''],
    ['ngừng nhận tin', 'unsubscribe', ''],
    ['/start', 'start', ''],
    ['/start@tro_ly_so_bot', 'start', ''],
    ['bắt đầu', 'start', ''],
    ['/help', 'help', ''],
    ['menu', 'help', ''],
    ['/lang en', 'lang', 'en'],
    ['ngôn ngữ tiếng việt', 'lang', 'tieng viet'],
    ['/privacy', 'privacy', ''],
    ['/xoadulieu', 'delete', ''],
    ['xóa dữ liệu của tôi', 'delete', ''],
  ])('"%s" is %s', (text, name, argument) => {
    expect(parseCommand(text, 'tro_ly_so_bot')).toEqual({ name, argument });
  });

  it.each([
    'chuyển đổi số là gì',
    'hủy đăng ký nhận tin về lừa đảo qua mạng thì sao',
    '/start@other_bot',
    '',
    'dịch vụ công',
  ])('"%s" is not a command', (text) => {
    expect(parseCommand(text, 'tro_ly_so_bot')).toBeUndefined();
  });

  it('reads yes and no', () => {
    expect(parseConfirmation('Có')).toBe('yes');
    expect(parseConfirmation('đồng ý')).toBe('yes');
    expect(parseConfirmation('không')).toBe('no');
    expect(parseConfirmation('chuyển đổi số')).toBeUndefined();
  });
});
