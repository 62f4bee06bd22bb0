// The last `npm run intents:check` cross-validation, kept in the data folder for the content health page
// (it takes about a minute, far too long to run per page view).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CHECK_REPORT_FILE = 'intents-check.json';

export interface CheckReport {
  readonly at: string;
  readonly confusions: readonly { readonly expected: string; readonly predicted: string; readonly count: number }[];
}

export function readCheckReport(dataDir: string): CheckReport | undefined {
  try {
    const report = JSON.parse(readFileSync(join(dataDir, CHECK_REPORT_FILE), 'utf8')) as Partial<CheckReport>;
    return typeof report.at === 'string' && Array.isArray(report.confusions) ? { at: report.at, confusions: report.confusions.slice(0, 20) } : undefined;
  } catch {
    return undefined;
  }
}
