// npm run broadcast -- campaign.yaml: sends a campaign through the running server's admin API and shows progress.
// The server does the sending (one engine for every way in); this tool only creates the campaign and watches it.
// Everything it says comes from locales/console (Vietnamese; CONSOLE_LANG=en for English).
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { describeIssue } from '../admin/issues.js';
import { campaignInputSchema } from '../campaigns/types.js';
import { loadConfig } from '../config/env.js';
import { loadConsoleMessages, terminalLocale } from '../i18n/console-messages.js';
import { knowledgePaths } from '../knowledge/paths.js';
import { readYamlFile } from '../knowledge/yaml-file.js';
import { runTool, UsageError } from './setup.js';

runTool(async () => {
  const config = await loadConfig();
  const messages = loadConsoleMessages(knowledgePaths(config).localesDir);
  const locale = terminalLocale();
  const t = (id: string, args: Record<string, string | number> = {}) => messages.t(locale, id, args);
  let parsedArgs;
  try {
    parsedArgs = parseArgs({ allowPositionals: true, options: { url: { type: 'string' }, 'no-wait': { type: 'boolean', default: false } } });
  } catch {
    throw new UsageError(t('cli-usage'));
  }
  const { positionals, values } = parsedArgs;
  const file = positionals[0];
  if (!file) throw new UsageError(t('cli-usage'));
  if (!config.ADMIN_TOKEN) throw new UsageError(t('cli-no-token'));
  const campaign = readCampaign(file, locale, messages);
  const base = (values.url ?? process.env.ADMIN_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
  const headers = { authorization: `Bearer ${config.ADMIN_TOKEN}`, 'content-type': 'application/json', 'accept-language': locale };

  const call = async (method: string, path: string, body?: unknown) => {
    let response: Response;
    try {
      response = await fetch(`${base}/admin/api${path}`, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) });
    } catch {
      throw new UsageError(t('cli-unreachable', { url: base }));
    }
    const json = (await response.json().catch(() => ({}))) as { error?: { message: string; details?: string[] } } & Record<string, unknown>;
    if (!response.ok) {
      const message = [json.error?.message ?? t('err-internal'), ...(json.error?.details ?? [])].join(' ');
      throw new UsageError(t('cli-refused', { status: response.status, message }));
    }
    return json;
  };

  const { id, warnings = [] } = (await call('POST', '/campaigns', campaign)) as { id: string; warnings?: string[] };
  console.log(t('cli-created', { id, title: campaign.title }));
  for (const warning of warnings) console.log(`⚠ ${warning}`); // a channel quota this campaign exceeds
  if (values['no-wait']) return 0;

  const tty = process.stderr.isTTY;
  let last = '';
  for (;;) {
    const s = (await call('GET', `/campaigns/${id}`)) as { status: string; total: number; sent: number; failed: number; blocked: number; skipped?: number; pending: number };
    const done = s.sent + s.failed + s.blocked + (s.skipped ?? 0);
    const line = `${bar(done, s.total)} ${t('cli-progress', { done, total: s.total, sent: s.sent, failed: s.failed, blocked: s.blocked, status: t(`status-${s.status}`) })}`;
    if (tty) process.stderr.write(`\r${line}`);
    else if (line !== last) console.error(line);
    last = line;
    if (['done', 'cancelled'].includes(s.status)) {
      if (tty) process.stderr.write('\n');
      const report = `${base}/admin/api/campaigns/${id}/report.csv`;
      const counts = { sent: s.sent, blocked: s.blocked, failed: s.failed };
      const skipped = s.skipped ? t('campaign-skipped', { skipped: s.skipped }) : '';
      console.log(s.status === 'done' ? t('cli-finished', { summary: `${t('campaign-finished', counts)}${skipped}`, report }) : t('cli-cancelled', { ...counts, report }));
      return 0;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
});

/** The campaign file, or every problem in it with its line, worded for the official. */
function readCampaign(file: string, locale: 'vi' | 'en', messages: ReturnType<typeof loadConsoleMessages>): z.infer<typeof campaignInputSchema> {
  const read = readYamlFile(file, file, z.unknown());
  const problems: string[] = read.issues.map((i) => `${i.file}${i.line ? `:${i.line}` : ''}: ${messages.t(locale, 'issue-format', { field: messages.t(locale, 'field-other') })}`);
  if (problems.length === 0) {
    const parsed = campaignInputSchema.safeParse(read.value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      const line = read.lineOf(issue.path as (string | number)[]);
      problems.push(`${file}${line ? `:${line}` : ''}: ${describeIssue(issue, locale, messages)}`);
    }
  }
  throw new UsageError(`${messages.t(locale, 'cli-file-problems')}\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}

function bar(done: number, total: number, width = 30): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}
