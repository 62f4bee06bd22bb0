// The lists maintainers keep in intents/_kiem-tra-lua-dao.yaml: schema and the compiled form the check reads
// (folded phrases, sets). Reading the file, with problems by file and line, is knowledge's (knowledge/scam-rules-file.ts).
import { z } from 'zod';
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

/** A name in Vietnamese and, optionally, English (knowledge's `Localized`; the check sits below knowledge). */
export interface Localized {
  readonly vi: string;
  readonly en?: string;
}

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

export type ScamRulesFile = z.output<typeof scamRulesFileSchema>;

export function compileScamRules(file: ScamRulesFile): ScamRules {
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
