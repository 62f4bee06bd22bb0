// The lists maintainers keep in intents/_kiem-tra-lua-dao.yaml: schema, file-and-line problems, and the compiled
// form the check reads (folded phrases, sets).
import { z } from 'zod';
import type { KnowledgeIssue } from '../knowledge/errors.js';
import type { Localized } from '../knowledge/types.js';
import { readYamlFile } from '../knowledge/yaml-file.js';
import { MESSAGE_SIGNAL_IDS, type MessageSignal } from './signals.js';
import { fold } from './text.js';

export const SCAM_RULES_FILE = '_kiem-tra-lua-dao.yaml';

const text = z.string().trim().min(1, 'must not be empty');
const name = z.object({ vi: text, en: text.optional() }, { error: 'must have a "vi:" name (and optionally "en:")' }).strict();
const host = z.string().trim().toLowerCase().regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/, 'must be a domain name like "example.vn" (no https://, no path)');
const relatedIds = z.array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be intent ids')).default([]);

export const scamRulesFileSchema = z
  .object({
    trusted_domains: z.array(z.object({ domain: host, name }).strict()).default([]),
    trusted_numbers: z.array(z.object({ number: z.string().regex(/^\d{3,12}$/, 'must be digits only, in quotes, like "113"'), name }).strict()).default([]),
    reported_domains: z.array(host).nullable().default([]),
    shorteners: z.array(host).default([]),
    abused_tlds: z.array(z.string().trim().toLowerCase().regex(/^[a-z]{2,}$/, 'must be an ending without the dot, like "top"')).default([]),
    credential_words: z.array(text).default([]),
    check_phrases: z.array(text).min(1, 'needs at least one phrase'),
    call_phrases: z.array(text).default([]),
    sms_markers: z.array(text).default([]),
    patterns: z.array(z.object({
      signal: z.enum(MESSAGE_SIGNAL_IDS, { error: `must be one of: ${MESSAGE_SIGNAL_IDS.join(', ')}` }),
      phrases: z.array(text).min(1, 'needs at least one phrase'),
    }).strict()).default([]),
    related: z.object({ url: relatedIds, phone: relatedIds, message: relatedIds }).strict().default({ url: [], phone: [], message: [] }),
  })
  .strict();

export interface ScamRules {
  /** hostname → the body it belongs to */
  readonly trustedDomains: ReadonlyMap<string, Localized>;
  /** The distinctive first label of each trusted domain ("dichvucong", "vneid"): what lookalikes imitate. */
  readonly trustedNames: readonly string[];
  readonly trustedNumbers: ReadonlyMap<string, Localized>;
  readonly reported: ReadonlySet<string>;
  readonly shorteners: ReadonlySet<string>;
  readonly abusedTlds: ReadonlySet<string>;
  readonly credentialWords: readonly string[];
  /** Folded phrases: "có phải lừa đảo", "link này"... */
  readonly checkPhrases: readonly string[];
  readonly callPhrases: readonly string[];
  readonly smsMarkers: readonly string[];
  readonly patterns: readonly { readonly signal: MessageSignal; readonly phrases: readonly string[] }[];
  readonly related: { readonly url: readonly string[]; readonly phone: readonly string[]; readonly message: readonly string[] };
}

type RulesFile = z.output<typeof scamRulesFileSchema>;

/** Reads and validates the file; problems go to `issues`. `intentIds` checks the `related` lists. */
export function loadScamRules(path: string, displayName: string, issues: KnowledgeIssue[], intentIds?: ReadonlySet<string>): ScamRules | undefined {
  const parsed = readYamlFile(path, displayName, scamRulesFileSchema);
  issues.push(...parsed.issues);
  if (!parsed.value) return undefined;
  const problem = (where: (string | number)[], message: string) => issues.push({ file: displayName, line: parsed.lineOf(where), message });
  checkFile(parsed.value, problem, intentIds);
  return compileScamRules(parsed.value);
}

function checkFile(file: RulesFile, problem: (where: (string | number)[], message: string) => void, intentIds?: ReadonlySet<string>): void {
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

export function compileScamRules(file: RulesFile): ScamRules {
  const folded = (list: readonly string[]) => Object.freeze([...new Set(list.map(fold).filter((p) => p !== ''))]);
  return Object.freeze({
    trustedDomains: new Map(file.trusted_domains.map((d) => [d.domain, d.name])),
    trustedNames: Object.freeze([...new Set(file.trusted_domains.map((d) => d.domain.split('.')[0]!).filter((n) => n.length >= 4))]),
    trustedNumbers: new Map(file.trusted_numbers.map((n) => [n.number, n.name])),
    reported: new Set(file.reported_domains ?? []),
    shorteners: new Set(file.shorteners),
    abusedTlds: new Set(file.abused_tlds),
    credentialWords: folded(file.credential_words),
    checkPhrases: folded(file.check_phrases),
    callPhrases: folded(file.call_phrases),
    smsMarkers: folded(file.sms_markers),
    patterns: Object.freeze(file.patterns.map((g) => Object.freeze({ signal: g.signal, phrases: folded(g.phrases) }))),
    related: Object.freeze({ url: [...file.related.url], phone: [...file.related.phone], message: [...file.related.message] }),
  });
}
