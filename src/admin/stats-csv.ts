// The statistics as one CSV file (section, name, day, value): opens in a spreadsheet, one table per section.
import { csv } from '../campaigns/service.js';

export interface StatsView {
  readonly from: string;
  readonly to: string;
  readonly days: readonly { readonly day: string; readonly channels: Readonly<Record<string, { readonly messages: number; readonly answered: number; readonly fallback: number; readonly clarify: number }>> }[];
  readonly topIntents: readonly { readonly intent: string; readonly title: string; readonly count: number }[];
  readonly feedback: readonly { readonly intent: string; readonly title: string; readonly up: number; readonly down: number }[];
  readonly topics: readonly { readonly id: string; readonly label: string; readonly count: number }[];
  readonly checks: Readonly<Record<string, number>>;
  readonly topFlaggedDomains: readonly { readonly domain: string; readonly count: number }[];
}

export function statsCsv(stats: StatsView): string {
  const rows: (string | number)[][] = [['section', 'name', 'day', 'value']];
  for (const d of stats.days) {
    for (const [channel, c] of Object.entries(d.channels)) {
      for (const measure of ['messages', 'answered', 'fallback', 'clarify'] as const) rows.push([`channel:${measure}`, channel, d.day, c[measure]]);
    }
  }
  for (const i of stats.topIntents) rows.push(['intent:asked', i.title, '', i.count]);
  for (const f of stats.feedback) {
    rows.push(['intent:helpful', f.title, '', f.up]);
    rows.push(['intent:unhelpful', f.title, '', f.down]);
  }
  for (const t of stats.topics) rows.push(['topic:subscribers', t.label, '', t.count]);
  for (const [verdict, n] of Object.entries(stats.checks)) rows.push(['check:verdict', verdict, '', n]);
  for (const d of stats.topFlaggedDomains) rows.push(['check:flagged-domain', d.domain, '', d.count]);
  // A byte-order mark, so spreadsheet programs read the Vietnamese titles as UTF-8.
  return `\uFEFF${rows.map((r) => r.map((v) => csv(String(v))).join(',')).join('\r\n')}\r\n`;
}
