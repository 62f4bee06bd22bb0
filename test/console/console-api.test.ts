// Issue 13 over HTTP on the real server: words officials read (Vietnamese by default, English when asked),
// campaigns that cannot reach nobody, the inbox's new actions, "Thử câu hỏi", content health and the CSV export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { postJson, startApp, type RunningApp } from '../support/app.js';
import { seedSubscribers } from '../support/subscribers.js';
import { adminClient, copyIntents } from '../support/console.js';
import { today } from '../../src/maintainers/intent-editor.js';

const TOKEN = 'console-api-token-0123456789';
let telegram: FakeTelegram;
let running: RunningApp;
let intentsDir: string;
let admin: ReturnType<typeof adminClient>;

beforeAll(async () => {
  telegram = await startFakeTelegram();
  intentsDir = copyIntents();
  // One intent left unreviewed for two years: the content health page lists it.
  const file = join(intentsDir, 'dich-vu-cong.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/reviewed: \d{4}-\d{2}-\d{2}/, 'reviewed: 2023-01-15'));
  running = await startApp({ ADMIN_TOKEN: TOKEN, INTENTS_DIR: intentsDir, TELEGRAM_BOT_TOKEN: '123456:AAbbCCddEEffGGhhIIjjKKllMMnn', TELEGRAM_API_ROOT: telegram.url });
  await seedSubscribers(running.app.users, { telegram: 3, zalo: 0 });
  admin = adminClient(running.url, TOKEN);
});
afterAll(async () => {
  await running?.stop();
  await telegram?.close();
});

describe('campaigns: words and refusals', () => {
  it('names each wrong field in Vietnamese, and in English when the browser asks for it', async () => {
    const bad = { title: '', text: { vi: 'Xin chào' }, link: { label: 'Xem', url: 'http://khong-an-toan.vn' }, extra: 1 };
    const vi = await admin('POST', '/campaigns', bad);
    expect(vi.status).toBe(400);
    expect(vi.json.error.message).toBe('Thông báo chưa đúng:');
    expect(vi.json.error.details).toEqual(expect.arrayContaining(['Tiêu đề không được để trống.', 'Đường link phải bắt đầu bằng https://', 'Có trường không dùng được: extra.']));
    const en = await adminClient(running.url, TOKEN, 'en-US,en;q=0.9')('POST', '/campaigns', bad);
    expect(en.json.error.details).toEqual(expect.arrayContaining(['Title must not be empty.', 'The link must start with https://']));
    const tooLong = await admin('POST', '/campaigns', { title: 'x', text: { vi: 'a'.repeat(1801) } });
    expect(tooLong.json.error.details).toEqual(['Nội dung tiếng Việt dài quá: tối đa 1.800 ký tự.']);
  });

  it('shows the audience per channel and refuses a campaign to nobody, or to a topic that does not exist, by name', async () => {
    const all = await admin('POST', '/audience', {});
    expect(all.json).toMatchObject({ count: 3, channels: [{ id: 'telegram', label: 'Telegram', count: 3 }] });
    expect(all.json.refusal).toBeUndefined();

    const none = await admin('POST', '/audience', { topics: ['dia-phuong'] });
    expect(none.json).toMatchObject({ count: 0, refusal: 'Không gửi được: chưa có ai đăng ký nhận tin dia-phuong trên các kênh đã chọn (0 người nhận).' });
    const refused = await admin('POST', '/campaigns', { title: 'Tin địa phương', text: { vi: 'Lịch tiếp dân' }, audience: { topics: ['dia-phuong'] } });
    expect(refused.status).toBe(400);
    expect(refused.json.error.message).toContain('chưa có ai đăng ký nhận tin dia-phuong');

    const typo = await admin('POST', '/campaigns', { title: 'Sai chủ đề', text: { vi: 'Thử' }, audience: { topics: ['an-toan-mnag'] } });
    expect(typo.status).toBe(400);
    expect(typo.json.error.message).toMatch(/^Không có chủ đề an-toan-mnag\. Các chủ đề có: chung, /);
    const offChannel = await admin('POST', '/audience', { channels: ['zalo'] });
    expect(offChannel.json.refusal).toBe('Không gửi được: kênh zalo chưa được cấu hình trên máy chủ này.');

    // A draft may wait for its audience; starting it is refused while nobody would receive it.
    const draft = await admin('POST', '/campaigns', { title: 'Nháp', text: { vi: 'Sau này' }, audience: { topics: ['dia-phuong'] }, draft: true });
    expect(draft.status).toBe(201);
    const start = await admin('POST', `/campaigns/${draft.json.id}/start`);
    expect(start.status).toBe(400);
    expect(start.json.error.message).toContain('0 người nhận');
    expect(telegram.sent()).toHaveLength(0);
  });

  it('errors of the API are worded too: not found, not signed in, malformed JSON', async () => {
    expect((await admin('GET', '/campaigns/khong-co')).json.error).toEqual({ code: 'not_found', message: 'Không có chiến dịch này.' });
    const anonymous = await fetch(`${running.url}/admin/api/campaigns`, { headers: { 'accept-language': 'vi' } });
    expect(((await anonymous.json()) as { error: { message: string } }).error.message).toBe('Cần đăng nhập lại.');
    const malformed = await admin('POST', '/campaigns', '{"title": ');
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.message).toBe('Dữ liệu gửi lên không đọc được.');
  });
});

describe('inbox, answers, "Thử câu hỏi", content health, statistics', () => {
  it('groups near-duplicate questions, hides suggestions under 10%, and marks a question out of scope in _ngoai-pham-vi.yaml', async () => {
    for (const [i, text] of ['giá vàng hôm nay', 'giá vàng hôm nay bao nhiêu', 'gia vang hom nay la bao nhieu vay'].entries()) await postJson(`${running.url}/api/chat`, { sessionId: `gold-question-${i}`, text });
    const { json, text } = await admin('GET', '/inbox');
    expect(json.groups, text).toBeDefined();
    const gold = json.groups.filter((g: { examples: string[] }) => g.examples[0]!.includes('vàng') || g.examples[0]!.includes('vang'));
    expect(gold).toHaveLength(1);
    expect(gold[0].count).toBe(3);
    expect(gold[0].members).toHaveLength(2);
    for (const g of json.groups) for (const c of g.candidates) expect(c.score).toBeGreaterThanOrEqual(0.1);

    const before = readFileSync(join(intentsDir, '_ngoai-pham-vi.yaml'), 'utf8');
    const marked = await admin('POST', `/inbox/${gold[0].id}/out-of-scope`, { members: gold[0].members });
    expect(marked.status, marked.text).toBe(200);
    const after = readFileSync(join(intentsDir, '_ngoai-pham-vi.yaml'), 'utf8');
    // One line added, every other line (comments, order) kept.
    const beforeLines = before.split('\n');
    expect(after.split('\n').filter((l) => !beforeLines.includes(l)).map((l) => l.trim())).toEqual([`- ${gold[0].examples[0]}`]);
    for (const line of beforeLines) expect(after.split('\n')).toContain(line);
    expect((await admin('GET', '/inbox')).json.groups.some((g: { id: string }) => g.id === gold[0].id)).toBe(false);
    expect((await admin('POST', `/inbox/${gold[0].id}/out-of-scope`, {})).json.error.message).toBe('Câu này đã có trong danh sách ngoài phạm vi.');
  }, 150_000); // out-of-scope examples are trained on: the reload retrains the model (a minute on a busy 2-core machine)

  it('refuses an answer that is too long or types a hotline, before writing; saves a good one with reviewed today, live', async () => {
    const file = join(intentsDir, 'dich-vu-cong.yaml');
    const original = readFileSync(file, 'utf8');
    const current = await admin('GET', '/intents/dvc-tra-cuu-ho-so/answer');
    expect(current.json).toMatchObject({ intent: 'dvc-tra-cuu-ho-so', file: 'dich-vu-cong.yaml' });
    const long = await admin('PUT', '/intents/dvc-tra-cuu-ho-so/answer', { answer: 'a'.repeat(460) });
    expect(long.json.error.message).toBe('Câu trả lời dài 460 ký tự; tối đa 450 ký tự (phần dài hơn đưa vào "Xem thêm").');
    const literal = await admin('PUT', '/intents/dvc-tra-cuu-ho-so/answer', { answer: 'Gọi 113 hoặc vào https://dichvucong.gov.vn để tra cứu.' });
    expect(literal.json.error.message).toMatch(/^Câu trả lời có "113", .*dichvucong\.gov\.vn.* gõ thẳng\./);
    expect(readFileSync(file, 'utf8')).toBe(original);

    const text = 'Bạn tra cứu hồ sơ tại {web_dich_vu_cong}, mục "Tra cứu hồ sơ", bằng mã hồ sơ trên giấy biên nhận. MỚI SỬA.';
    const saved = await admin('PUT', '/intents/dvc-tra-cuu-ho-so/answer', { answer: text });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.json).toMatchObject({ ok: true, file: 'dich-vu-cong.yaml', reviewed: today() });
    const written = readFileSync(file, 'utf8');
    expect(written).toContain('MỚI SỬA.');
    expect(written.split('\n').filter((l) => !original.includes(l)).length).toBeLessThanOrEqual(3); // a small, clean diff
    const reply = await postJson(`${running.url}/api/chat`, { sessionId: 'after-edit', text: 'tra cứu hồ sơ đã nộp ở đâu' });
    expect(reply.json.replies[0].text).toContain('MỚI SỬA.');
  });

  it('"Thử câu hỏi" shows the normalized text, the top 3, the decision and the reply per channel, also for an unsaved edit', async () => {
    const live = await admin('POST', '/try', { q: 'vneid la gi vay ad' });
    expect(live.status, live.text).toBe(200);
    expect(live.json.normalized).toContain('vneid');
    expect(live.json.top).toHaveLength(3);
    expect(live.json.decision).toBe('answer');
    expect(live.json.replies.map((r: { channel: string }) => r.channel)).toEqual(['web', 'telegram']);
    expect(live.json.replies[1].bubbles[0].buttons.length).toBeGreaterThan(0);

    const edited = await admin('POST', '/try', { q: 'vneid la gi vay ad', edit: { intent: live.json.intent, answer: 'Câu trả lời thử, chưa lưu: {web_dich_vu_cong}.' } });
    expect(edited.json.replies[0].bubbles[0].text).toContain('Câu trả lời thử, chưa lưu: dichvucong.gov.vn');
    expect((await admin('POST', '/try', { q: 'xổ số miền nam hôm nay' })).json.decision).toBe('fallback');
    expect((await admin('POST', '/try', { q: '' })).json.error.details).toEqual(['Câu hỏi không được để trống.']);
  });

  it('the content health page lists stale intents, the most 👎, low-score answers and the last cross-validation', async () => {
    writeFileSync(join(running.dataDir, 'intents-check.json'), JSON.stringify({ at: '2026-01-02T03:04:05Z', confusions: [{ expected: 'dvc-nop-ho-so', predicted: 'dvc-tra-cuu-ho-so', count: 4 }] }));
    const session = 'health-user';
    const answer = await postJson(`${running.url}/api/chat`, { sessionId: session, text: 'vneid là gì' });
    await postJson(`${running.url}/api/chat`, { sessionId: session, choice: answer.json.replies[0].feedback.down });
    const { json } = await admin('GET', '/health');
    expect(json.stale.map((s: { intent: string }) => s.intent).length).toBeGreaterThan(0);
    expect(json.stale[0].reviewed).toBe('2023-01-15');
    expect(json.mostDown[0]).toMatchObject({ intent: answer.json.replies[0].intent, down: 1 });
    expect(json.confused).toMatchObject({ at: '2026-01-02T03:04:05Z', pairs: [{ expected: 'dvc-nop-ho-so', count: 4 }] });
    expect(json.confused.pairs[0].expectedTitle).not.toBe('dvc-nop-ho-so');
    expect(Array.isArray(json.lowScores)).toBe(true);
  });

  it('exports the statistics as CSV with intent titles, not ids', async () => {
    await postJson(`${running.url}/api/chat`, { sessionId: 'csv-user', text: 'vneid là gì' });
    const csv = await admin('GET', '/stats.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text).toMatch(/^\uFEFF?section,name,day,value\r\n/);
    expect(csv.text).toMatch(/intent:asked,[^,]*VNeID/);
    const stats = await admin('GET', '/stats');
    expect(stats.json.topIntents[0].title).not.toBe(stats.json.topIntents[0].intent);
    expect((await admin('GET', '/stats?from=2026-13-01')).json.error.message).toContain('Ngày phải có dạng 2026-12-01');
  });
});

describe('console switched off or without channels', () => {
  it('/admin without ADMIN_TOKEN is a short page saying how to turn it on; no channel means a clear refusal', async () => {
    const off = await startApp({});
    try {
      const page = await fetch(`${off.url}/admin`);
      expect(page.status).toBe(404);
      expect(page.headers.get('content-type')).toContain('text/html');
      const html = await page.text();
      expect(html).toContain('Bảng điều khiển chưa bật');
      expect(html).toContain('ADMIN_TOKEN');
      expect((await fetch(`${off.url}/admin/api/campaigns`)).status).toBe(404);
    } finally {
      await off.stop();
    }
    const bare = await startApp({ ADMIN_TOKEN: TOKEN });
    try {
      const client = adminClient(bare.url, TOKEN);
      expect((await client('POST', '/audience', {})).json).toMatchObject({ count: 0, channels: [], refusal: expect.stringContaining('chưa có kênh nào được cấu hình') });
      const refused = await client('POST', '/campaigns', { title: 'Thử', text: { vi: 'Thử' } });
      expect(refused.json.error.message).toContain('chưa có kênh nào được cấu hình');
    } finally {
      await bare.stop();
    }
  });
});
