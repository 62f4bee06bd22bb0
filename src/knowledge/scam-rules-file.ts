// Reads intents/_kiem-tra-lua-dao.yaml with the other knowledge files: validated by the check's schema, with each
// problem reported by file and line, then compiled into the form the check reads.
import type { KnowledgeIssue } from './errors.js';
import { readYamlFile } from './yaml-file.js';
import { compileScamRules, scamRulesFileSchema, type ScamRules, type ScamRulesFile } from '../scamcheck/rules.js';
import { fold } from '../scamcheck/text.js';

/** Reads and validates the file; problems go to `issues`. `intentIds` checks the `related` lists. */
export function loadScamRules(path: string, displayName: string, issues: KnowledgeIssue[], intentIds?: ReadonlySet<string>): ScamRules | undefined {
  const parsed = readYamlFile(path, displayName, scamRulesFileSchema);
  issues.push(...parsed.issues);
  if (!parsed.value) return undefined;
  const problem = (where: (string | number)[], message: string) => issues.push({ file: displayName, line: parsed.lineOf(where), message });
  checkFile(parsed.value, problem, intentIds);
  return compileScamRules(parsed.value);
}

function checkFile(file: ScamRulesFile, problem: (where: (string | number)[], message: string) => void, intentIds?: ReadonlySet<string>): void {
  const duplicates = (list: readonly string[], field: string) => {
    const seen = new Set<string>();
    list.forEach((x, i) => (seen.has(x) ? problem([field, i], `"${x}" is listed twice in ${field}`) : seen.add(x)));
  };
  duplicates(file.trusted_domains.map((d) => d.domain), 'trusted_domains');
  duplicates(file.trusted_numbers.map((d) => d.number), 'trusted_numbers');
  duplicates(file.reported_domains ?? [], 'reported_domains');
  const trusted = new Set(file.trusted_domains.map((d) => d.domain));
  (file.reported_domains ?? []).forEach((d, i) => {
    if (trusted.has(d) || d.endsWith('.gov.vn')) problem(['reported_domains', i], `"${d}" is both trusted and reported as a scam`);
  });
  for (const field of ['check_phrases', 'call_phrases', 'sms_markers', 'credential_words'] as const) {
    file[field].forEach((p, i) => fold(p) === '' && problem([field, i], `"${p}" has no letters or digits`));
  }
  file.patterns.forEach((g, i) => g.phrases.forEach((p, j) => fold(p) === '' && problem(['patterns', i, 'phrases', j], `"${p}" has no letters or digits`)));
  if (!intentIds) return;
  for (const kind of ['url', 'phone', 'message'] as const) {
    file.related[kind].forEach((id, i) => !intentIds.has(id) && problem(['related', kind, i], `related.${kind} names "${id}", which is not an intent`));
  }
}
