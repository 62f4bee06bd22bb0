// The scam check on the real lists (intents/_kiem-tra-lua-dao.yaml) and the labelled set test/data/scam-checks.jsonl.
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnowledgeError } from '../../src/knowledge/errors.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { PROJECT_ROOT } from '../../src/knowledge/paths.js';
import { loadMessages } from '../../src/i18n/messages.js';
import { check, MAX_CHECK_CHARS } from '../../src/scamcheck/check.js';
import { compileScamRules, scamRulesFileSchema, SCAM_RULES_FILE } from '../../src/scamcheck/rules.js';
import { checkReply, flaggedDomains } from '../../src/conversation/scam-check-reply.js';

const knowledge = loadKnowledge({ intentsDir: join(PROJECT_ROOT, 'intents'), localityFile: join(PROJECT_ROOT, 'config/locality.yaml'), rootDir: PROJECT_ROOT });
const rules = knowledge.scamRules!;
const messages = loadMessages(join(PROJECT_ROOT, 'locales'));

interface Case {
  readonly text: string;
  readonly verdict: 'official' | 'warning' | 'unknown' | 'none';
  readonly group: string;
  readonly forwarded?: boolean;
}
const cases: Case[] = readFileSync(join(PROJECT_ROOT, 'test/data/scam-checks.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Case);
const verdictOf = (c: Case) => check(c.text, rules, { forwarded: c.forwarded })?.verdict ?? 'none';

describe('the labelled set (test/data/scam-checks.jsonl)', () => {
  it('has at least 150 cases covering what the issue asks for', () => {
    const count = (group: string) => cases.filter((c) => c.group === group).length;
    expect(cases.length).toBeGreaterThanOrEqual(150);
    expect(count('scam-sms')).toBeGreaterThanOrEqual(40);
    expect(count('harmless')).toBeGreaterThanOrEqual(30);
    for (const group of ['official', 'hotline', 'lookalike', 'idn', 'shortener', 'apk', 'ip', 'phone-warning', 'phone-unknown']) expect(count(group), group).toBeGreaterThan(0);
  });

  it('gives the right verdict on at least 95%', () => {
    const wrong = cases.filter((c) => verdictOf(c) !== c.verdict).map((c) => `${c.group}: want ${c.verdict}, got ${verdictOf(c)}: ${c.text}`);
    const accuracy = 1 - wrong.length / cases.length;
    console.log(`scam check: ${cases.length - wrong.length}/${cases.length} right (${(accuracy * 100).toFixed(1)}%)`);
    expect(accuracy, wrong.join('\n')).toBeGreaterThanOrEqual(0.95);
  });

  it('never calls an official address a warning', () => {
    const official = cases.filter((c) => c.verdict === 'official');
    expect(official.filter((c) => verdictOf(c) === 'warning').map((c) => c.text)).toEqual([]);
  });

  it('never calls a lookalike, homoglyph or scam link official', () => {
    const fakes = cases.filter((c) => ['lookalike', 'idn', 'shortener', 'apk', 'ip'].includes(c.group));
    expect(fakes.filter((c) => verdictOf(c) === 'official').map((c) => c.text)).toEqual([]);
  });

  it('never calls a harmless message a warning', () => {
    expect(cases.filter((c) => c.group === 'harmless' && verdictOf(c) === 'warning').map((c) => c.text)).toEqual([]);
  });
});

describe('what is not a check', () => {
  it('leaves every intent question, out-of-scope example and held-out question to the intents', () => {
    const questions = readFileSync(join(PROJECT_ROOT, 'test/data/questions.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { text: string }).text);
    const texts = [...[...knowledge.intents.values()].flatMap((i) => [...i.utterances.vi, ...i.utterances.en]), ...knowledge.outOfScope, ...questions];
    expect(texts.filter((t) => check(t, rules) !== undefined)).toEqual([]);
  });

  it.each(['gọi 113 khi nào', '113', 'dichvucong.gov.vn nộp hồ sơ sao', 'số của tôi là 0912345678, gọi lại giúp', 'nhắn 156 có tốn tiền không'])('"%s" is a question, not a check', (text) => {
    expect(check(text, rules)).toBeUndefined();
  });

  it('checks any forwarded text, even one with no link or number', () => {
    expect(check('Họp tổ dân phố lúc 19h.', rules, { forwarded: true })).toMatchObject({ kind: 'message', verdict: 'unknown' });
  });
});

describe('signals', () => {
  it.each([
    ['https://dichvucong-gov.vn', ['lookalike']],
    ['https://vneid.gov.vn.example.top', ['lookalike', 'many-subdomains', 'abused-tld']],
    ['https://xn--vnid-w4d.gov.vn', ['homoglyph']],
    ['http://103.21.44.12/login', ['ip-host', 'plain-http', 'credential-path']],
    ['https://bit.ly/3xYz9Qp', ['shortener']],
    ['https://example.net/app.apk', ['app-download']],
    ['https://dichvucong.gov.vn@evil.example.top', ['userinfo']],
    ['+855 12 345 678 gọi cho tôi', ['foreign-number']],
    ['số 0868123456 gọi xưng công an', ['impersonation']],
    ['1900 6789 12 có phải lừa đảo không', ['premium-rate']],
  ])('%s shows %j', (text, signals) => {
    expect(check(text, rules)?.signals).toEqual(expect.arrayContaining(signals));
  });

  it('names an official link and an official number', () => {
    expect(check('https://thongbaorac.ais.gov.vn', rules)).toMatchObject({ kind: 'url', verdict: 'official', signals: ['official'] });
    expect(check('số 156 này có thật không', rules)).toMatchObject({ kind: 'phone', verdict: 'official', signals: ['official-hotline'] });
    expect(check('https://angiang.gov.vn', rules)?.verdict).toBe('official');
  });

  it('does not count a phrase right after a negation: the real OTP message says not to share the code', () => {
    const real = check('Ma OTP cua quy khach la 482913. Tuyet doi KHONG cung cap ma OTP cho bat ky ai.', rules, { forwarded: true });
    expect(real?.signals).not.toContain('otp-request');
    expect(check('Vui long cung cap ma OTP cho nhan vien 0868123456', rules)?.signals).toContain('otp-request');
  });

  it('reports a domain on the reported list (maintainers add them with a source)', () => {
    const file = scamRulesFileSchema.parse({ check_phrases: ['link này'], reported_domains: ['lua-dao.example'] });
    expect(check('https://www.lua-dao.example/x', compileScamRules(file))).toMatchObject({ verdict: 'warning', signals: ['reported'] });
  });
});

describe('the reply', () => {
  const reply = (text: string, locale: 'vi' | 'en' = 'vi') => checkReply(check(text, rules)!, knowledge, messages, locale);

  it('names the official body, never says safe, and gives the report lines and links', () => {
    const r = reply('https://dichvucong.gov.vn');
    expect(r).toMatchObject({ kind: 'answer', intent: null, check: { kind: 'url', verdict: 'official', signals: ['official'] } });
    expect(r.text).toContain('Đây là địa chỉ chính thức của Cổng Dịch vụ công quốc gia');
    expect(r.text).toContain('S [số/tên gửi] [nội dung tin nhắn] tới 5656');
    expect(r.links.map((l) => l.url)).toEqual(['https://tinnhiemmang.vn/website-lua-dao', 'https://thongbaorac.ais.gov.vn']);
  });

  it('a warning lists the signs in plain words and what to do; unknown says no sign found, not safe', () => {
    const warning = reply('link này có phải lừa không https://dichvucong-gov.vn/login');
    expect(warning.text).toMatch(/^⚠️ Cảnh báo: đường link này có dấu hiệu lừa đảo\./);
    expect(warning.text).toContain('bắt chước địa chỉ của Cổng Dịch vụ công quốc gia');
    expect(warning.text).toContain('Không chuyển tiền, không đưa mã OTP');
    expect(warning.text).not.toContain('https://dichvucong-gov.vn'); // the scam link is never repeated
    const unknown = reply('0868123456');
    expect(unknown.text).toContain('chưa có nghĩa là an toàn');
    for (const r of [warning, unknown, reply('https://vneid.gov.vn')]) expect(r.text).not.toMatch(/(?<!có nghĩa )là an toàn/);
    expect(reply('0868123456', 'en').text).not.toMatch(/(?<!mean it )is safe/);
  });

  it('speaks English for en', () => {
    expect(reply('https://bit.ly/3xYz9Qp', 'en').text).toMatch(/^⚠️ Warning: this link shows signs of a scam\.[\s\S]*A shortened link hides/);
  });

  it('the dashboard gets registrable domains of a warning only, never numbers', () => {
    expect(flaggedDomains(check('Vao ngay https://a.b.vneid-capnhat.com/x hoac goi 0868123456, tai khoan se bi khoa', rules)!)).toEqual(['vneid-capnhat.com']);
    expect(flaggedDomains(check('https://dichvucong.gov.vn', rules)!)).toEqual([]);
  });
});

describe('hostile input: no crash, bounded work', () => {
  it.each([
    ['very long text', 'Quý khách trúng thưởng '.repeat(2000)],
    ['many links', 'https://bit.ly/abc '.repeat(1000)],
    ['malformed links', 'http:// https://%%% http://[::1 https://xn--/ xn--zzzz.vn http://a..b ftp://x.y www. .com'],
    ['IDN', 'https://xn--80ak6aa92e.com https://пример.рф https://例え.テスト'],
    ['zero-width characters', `https://bi\u200Bt.ly/x \u200B\u200C\u200D\uFEFF`.repeat(300)],
    ['a wall of numbers', '0868123456 '.repeat(2000)],
    ['dotted words', `${'a.'.repeat(5000)}com`],
  ])('%s', (_name, text) => {
    const started = performance.now();
    const result = check(text, rules);
    expect(result === undefined || ['official', 'warning', 'unknown'].includes(result.verdict)).toBe(true);
    expect(result?.findings.length ?? 0).toBeLessThanOrEqual(10);
    // Not a speed assertion: a generous ceiling that only a runaway (quadratic, backtracking) would reach.
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('reads at most MAX_CHECK_CHARS', () => {
    expect(check(`${'x '.repeat(MAX_CHECK_CHARS)} https://bit.ly/late`, rules)).toBeUndefined();
  });

  it('finds a link split by zero-width characters', () => {
    expect(check('https://bi\u200Bt.ly/abc', rules)?.signals).toContain('shortener');
  });
});

describe('the lists file', () => {
  it('reports problems with file and line, like the other knowledge files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scam-rules-'));
    cpSync(join(PROJECT_ROOT, 'test/fixtures/ok-intents'), dir, { recursive: true });
    writeFileSync(join(dir, SCAM_RULES_FILE), [
      'trusted_domains:',
      '  - domain: https://dichvucong.gov.vn',
      '    name: { vi: Cổng }',
      'check_phrases: [link này]',
      'patterns:',
      '  - signal: doan-bua',
      '    phrases: [x]',
      'related:',
      '  url: [khong-co]',
    ].join('\n'));
    let issues: string[] = [];
    try {
      loadKnowledge({ intentsDir: dir, localityFile: join(PROJECT_ROOT, 'config/locality.yaml'), rootDir: dir });
    } catch (error) {
      expect(error).toBeInstanceOf(KnowledgeError);
      issues = (error as KnowledgeError).issues.map((i) => `${i.file}:${i.line ?? '-'}: ${i.message}`);
    }
    expect(issues).toEqual(expect.arrayContaining([
      expect.stringMatching(/^_kiem-tra-lua-dao\.yaml:2: "trusted_domains\.0\.domain" must be a domain name/),
      expect.stringMatching(/^_kiem-tra-lua-dao\.yaml:6: "patterns\.0\.signal" must be one of/),
    ]));
  });

  it('every trusted domain is named by the brief or an intent link, or is .gov.vn; every number is one the brief names', () => {
    const intentHosts = new Set([...knowledge.intents.values()].flatMap((i) => i.links.map((l) => new URL(l.url).hostname)));
    for (const domain of rules.trustedDomains.keys()) expect(intentHosts.has(domain) || domain.endsWith('.gov.vn'), domain).toBe(true);
    expect([...rules.trustedNumbers.keys()].sort()).toEqual(['111', '113', '114', '115', '156', '5656']);
  });
});
