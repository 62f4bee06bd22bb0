// The command-line contracts, run as a user runs them (npm run ...), in a child process.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/knowledge/paths.js';

function npmRun(script: string, args: string[] = [], options: { input?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync('npm', ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])], {
    cwd: PROJECT_ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, ...options.env },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run --silent answer', () => {
  it('writes exactly one JSON object per input line and nothing else on stdout', () => {
    const questions = ['cđs là j v ad', 'xổ số Kiên Giang hôm nay', '', 'kiểm tra trang web lừa đảo ở đâu', '<img src=x onerror=alert(1)>'];
    const { code, stdout } = npmRun('answer', [], { input: `${questions.join('\n')}\n` });
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(questions.length);
    const rows = lines.map((l) => JSON.parse(l));
    rows.forEach((row, i) => {
      expect(Object.keys(row).sort()).toEqual(['intent', 'reply', 'score', 'text']);
      expect(row.text).toBe(questions[i]);
      expect(typeof row.score).toBe('number');
      expect(typeof row.reply).toBe('string');
    });
    expect(rows[0].intent).toBe('cds-la-gi');
    expect(rows[1].intent).toBeNull();
    expect(rows[2].intent).toBeNull();
    expect(rows[3].intent).toBe('kiem-tra-website');
    expect(rows[3].reply).toContain('https://tinnhiemmang.vn/website-lua-dao');
    expect(rows[4].intent).toBeNull();
  });
});

describe('npm run intents:check', () => {
  // The shipped intents are checked by CI itself (`npm run intents:check`); here a small set keeps the
  // cross-validation (five trainings) quick.
  it('passes on valid intents and prints cross-validation with the wrong-answer rate', () => {
    const { code, stdout } = npmRun('intents:check', [], { env: { INTENTS_DIR: 'test/fixtures/ok-intents' } });
    expect(code).toBe(0);
    expect(stdout).toContain('files are valid');
    expect(stdout).toMatch(/top-1 accuracy\s+\d+\.\d%/);
    expect(stdout).toMatch(/wrong answers \(of all answered\)\s+\d+\.\d%/);
    expect(stdout).toContain('Most confused pairs');
  });

  it('exits 1 and names file and line for broken intents', () => {
    const { code, stdout, stderr } = npmRun('intents:check', [], { env: { INTENTS_DIR: 'test/fixtures/broken-intents' } });
    expect(code).toBe(1);
    expect(stdout).not.toContain('files are valid');
    expect(stderr).toMatch(/test\/fixtures\/broken-intents\/loi\.yaml:12: "intent Sai Ten › id" must be lowercase/);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe('npm run eval', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eval-'));
  const train = join(dir, 'train.jsonl');
  const cases = join(dir, 'cases.jsonl');
  const lines = (rows: [string, string][]) => rows.map(([text, intent]) => JSON.stringify({ text, intent })).join('\n');
  writeFileSync(train, lines([
    ['chuyến bay từ hà nội đến đà nẵng', 'flight'], ['tôi muốn bay sài gòn đi huế sáng mai', 'flight'], ['các chuyến bay đến phú quốc', 'flight'],
    ['giá vé từ hà nội đến huế bao nhiêu', 'airfare'], ['vé rẻ nhất đi đà lạt giá bao nhiêu', 'airfare'], ['giá vé máy bay khứ hồi', 'airfare'],
    ['sân bay đà nẵng tên gì', 'airport'], ['các sân bay ở sài gòn', 'airport'], ['sân bay nào gần hội an', 'airport'],
  ]));
  writeFileSync(cases, lines([['chuyến bay đến đà nẵng sáng mai', 'flight'], ['giá vé đi huế', 'airfare'], ['sân bay ở huế', 'airport']]));

  it('trains on labelled lines with --train and prints JSON with --json', () => {
    const { code, stdout } = npmRun('eval', ['--train', train, '--cases', cases, '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.accuracy).toBe(1);
    expect(report.macroF1).toBe(1);
    expect(report.policy).toBe('always-answer');
    expect(report.trainExamples).toBe(9);
  });

  it('scores the shipped bot on the held-out questions as a table', () => {
    const { code, stdout } = npmRun('eval', ['--cases', 'test/data/questions.jsonl']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/accuracy\s+\d+\.\d%/);
    expect(stdout).toMatch(/macro-F1\s+\d+\.\d%/);
    expect(stdout).toContain('Per intent');
  });

  it('names the bad line of a malformed file and exits 1', () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"text": "a", "intent": "x"}\nnot json\n{"text": 1}\n');
    const { code, stderr } = npmRun('eval', ['--cases', bad]);
    expect(code).toBe(1);
    expect(stderr).toContain(`${bad}:2: not valid JSON`);
    expect(stderr).toContain(`${bad}:3: expected {"text": string, "intent": string or null}`);
  });

  it('explains its usage when --cases is missing', () => {
    const { code, stderr } = npmRun('eval');
    expect(code).toBe(1);
    expect(stderr).toContain('usage: npm run eval');
  });
});

describe('npm start with a bad configuration', () => {
  it('stops with one clear message listing every problem', () => {
    const result = spawnSync('npm', ['start', '--silent'], { cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, PORT: 'abc', NLU_ENGINE: 'x' }, timeout: 60_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('PORT must be a number, got "abc"');
    expect(result.stderr).toContain('NLU_ENGINE must be one of');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('npm run chat', () => {
  it('holds a conversation on stdin and picks a suggestion by number', () => {
    const { code, stdout } = npmRun('chat', [], { input: 'vneid là gì\n1\n/quit\n' });
    expect(code).toBe(0);
    expect(stdout).toContain('trợ lý tự động');
    expect(stdout).toContain('VNeID');
    expect(stdout.split('🤖').length).toBeGreaterThanOrEqual(4); // welcome, answer, picked suggestion
  });
});

describe('npm run broadcast', () => {
  it('creates the campaign on the running server and follows it to the end', async () => {
    const { startApp } = await import('../support/app.js');
    const { startFakeTelegram } = await import('../support/fake-telegram.js');
    const { seedSubscribers } = await import('../support/subscribers.js');
    const telegram = await startFakeTelegram();
    const running = await startApp({ ADMIN_TOKEN: 'cli-admin-token-0123456789', TELEGRAM_BOT_TOKEN: '123456:AAbbCCddEEffGGhhIIjjKKllMMnn', TELEGRAM_API_ROOT: telegram.url });
    try {
      await seedSubscribers(running.app.users, { telegram: 5, zalo: 0 }, { 'an-toan-mang': 1 });
      const child = await import('node:child_process');
      const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const p = child.spawn('npm', ['run', '--silent', 'broadcast', '--', 'examples/campaign.yaml'], { cwd: PROJECT_ROOT, env: { ...process.env, ADMIN_TOKEN: 'cli-admin-token-0123456789', ADMIN_URL: running.url } });
        let stdout = '';
        let stderr = '';
        p.stdout.on('data', (d) => (stdout += d));
        p.stderr.on('data', (d) => (stderr += d));
        p.on('close', (code) => resolve({ code, stdout, stderr }));
      });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('Đã gửi xong: 5 người nhận, 0 đã chặn bot, 0 lỗi');
      expect(result.stderr).toMatch(/\[#+\] 5\/5/);
      expect(telegram.sent()).toHaveLength(5);
    } finally {
      await running.stop();
      await telegram.close();
    }
  });

  it('names the line of a bad campaign file and sends nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'campaign-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'title: Thử\ntext:\n  vi: ""\nlink:\n  label: x\n  url: http://khong-an-toan\n');
    const { code, stderr } = npmRun('broadcast', [bad], { env: { ADMIN_TOKEN: 'cli-admin-token-0123456789', ADMIN_URL: 'http://127.0.0.1:9' } });
    expect(code).toBe(1);
    expect(stderr).toMatch(/bad\.yaml:3: Nội dung tiếng Việt không được để trống/);
    expect(stderr).toMatch(/bad\.yaml:6: Đường link phải bắt đầu bằng https:\/\//);
  });
});
