// npm run broadcast -- campaign.yaml: sends a campaign through the running server's admin API and shows progress.
// The server does the sending (one engine for every way in); this tool only creates the campaign and watches it.
import { parseArgs } from 'node:util';
import { campaignInputSchema } from '../campaigns/types.js';
import { loadConfig } from '../config/env.js';
import { readYamlFile } from '../knowledge/yaml-file.js';
import { formatIssue } from '../knowledge/errors.js';
import { runTool, UsageError } from './setup.js';

runTool(async () => {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { url: { type: 'string' }, 'no-wait': { type: 'boolean', default: false } } });
  const file = positionals[0];
  if (!file) throw new UsageError('usage: npm run broadcast -- campaign.yaml [--url http://localhost:3000] [--no-wait]\n(needs ADMIN_TOKEN; see README "Broadcasts")');
  const config = await loadConfig();
  if (!config.ADMIN_TOKEN) throw new UsageError('ADMIN_TOKEN is not set: the admin API is off.');
  const parsed = readYamlFile(file, file, campaignInputSchema);
  if (!parsed.value) throw new UsageError(`The campaign file has problems:\n${parsed.issues.map((i) => `  - ${formatIssue(i)}`).join('\n')}`);
  const base = (values.url ?? process.env.ADMIN_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
  const headers = { authorization: `Bearer ${config.ADMIN_TOKEN}`, 'content-type': 'application/json' };

  const call = async (method: string, path: string, body?: unknown) => {
    let response: Response;
    try {
      response = await fetch(`${base}/admin/api${path}`, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) });
    } catch {
      throw new UsageError(`Cannot reach the server at ${base}: is it running (npm start)?`);
    }
    const json = (await response.json().catch(() => ({}))) as { error?: { message: string; details?: string[] } } & Record<string, unknown>;
    if (!response.ok) throw new UsageError(`The server refused (${response.status}): ${json.error?.message ?? ''} ${(json.error?.details ?? []).join('; ')}`.trim());
    return json;
  };

  const { id, warnings = [] } = (await call('POST', '/campaigns', parsed.value)) as { id: string; warnings?: string[] };
  console.log(`Campaign ${id} created: "${parsed.value.title}".`);
  for (const warning of warnings) console.log(`⚠ ${warning}`); // a channel quota this campaign exceeds, in Vietnamese
  if (values['no-wait']) return 0;

  const tty = process.stderr.isTTY;
  let last = '';
  for (;;) {
    const s = (await call('GET', `/campaigns/${id}`)) as { status: string; total: number; sent: number; failed: number; blocked: number; pending: number };
    const done = s.sent + s.failed + s.blocked;
    const line = `${bar(done, s.total)} ${done}/${s.total}  sent ${s.sent}  failed ${s.failed}  blocked ${s.blocked}  [${s.status}]`;
    if (tty) process.stderr.write(`\r${line}`);
    else if (line !== last) console.error(line);
    last = line;
    if (['done', 'cancelled'].includes(s.status)) {
      if (tty) process.stderr.write('\n');
      console.log(`Finished: ${s.status}. sent ${s.sent}, failed ${s.failed}, blocked ${s.blocked} of ${s.total}. Report: ${base}/admin/api/campaigns/${id}/report.csv`);
      return 0;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
});

function bar(done: number, total: number, width = 30): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}
