import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config/env.js';

describe('configuration', () => {
  it('uses safe defaults when nothing is set', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ PORT: 3000, DATA_DIR: 'data', NLU_ENGINE: 'softmax', LOG_LEVEL: 'info' });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('treats an empty value as unset', () => {
    expect(parseConfig({ PORT: '' }).PORT).toBe(3000);
  });

  it('lists every problem in one message, with the value it got', () => {
    let error: unknown;
    try {
      parseConfig({ PORT: 'abc', NLU_ENGINE: 'gpt', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('PORT must be a number, got "abc"');
    expect(message).toContain('NLU_ENGINE must be one of softmax, nlpjs, got "gpt"');
    expect(message).toContain('LOG_LEVEL must be one of');
    expect((error as ConfigError).problems).toHaveLength(3);
    expect(message).not.toMatch(/at .*\.ts:\d+/);
  });

  it('rejects a port out of range', () => {
    expect(() => parseConfig({ PORT: '70000' })).toThrow('PORT must be between 0 and 65535, got "70000"');
  });
});
