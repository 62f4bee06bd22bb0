// Files in, a validated immutable Knowledge value out (or a KnowledgeError listing every problem).
import { readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { KnowledgeError, type KnowledgeIssue } from './errors.js';
import { factsFileSchema, intentFileSchema, lexiconFileSchema, outOfScopeFileSchema } from './schema.js';
import { findLiterals } from './literals.js';
import type { Intent, Knowledge, Locality, Localized } from './types.js';
import { readYamlFile } from './yaml-file.js';
import { createLexicon, normalizeText, splitWords } from '../nlu/normalize.js';
import { loadScamRules, SCAM_RULES_FILE } from '../scamcheck/rules.js';

export const LEXICON_FILE = '_lexicon.yaml';
export const OUT_OF_SCOPE_FILE = '_ngoai-pham-vi.yaml';
export const FACTS_FILE = '_so-lieu.yaml';

const localitySchema = z
  .object({ province: z.string().min(1), former_province: z.string().min(1), admin_center: z.string().min(1) })
  .catchall(z.string());

export interface LoadOptions {
  readonly intentsDir: string;
  readonly localityFile: string;
  /** Paths in messages are shown relative to this folder. */
  readonly rootDir?: string;
}

export function loadKnowledge(options: LoadOptions): Knowledge {
  const issues: KnowledgeIssue[] = [];
  const show = (file: string) => relative(options.rootDir ?? process.cwd(), file) || file;

  const locality = loadLocality(options.localityFile, show(options.localityFile), issues);
  if (!existsSync(options.intentsDir)) throw new KnowledgeError([{ file: show(options.intentsDir), message: 'folder not found' }]);
  const files = readdirSync(options.intentsDir).filter((f) => /\.ya?ml$/.test(f)).sort();

  const lexiconEntries = new Map<string, string>();
  if (files.includes(LEXICON_FILE)) {
    const path = join(options.intentsDir, LEXICON_FILE);
    const parsed = readYamlFile(path, show(path), lexiconFileSchema);
    issues.push(...parsed.issues);
    for (const [canonical, variants] of Object.entries(parsed.value?.lexicon ?? {})) {
      for (const variant of variants) {
        const key = splitWords(variant).join(' ');
        const previous = lexiconEntries.get(key);
        if (previous !== undefined && previous !== canonical) {
          issues.push({ file: show(path), line: parsed.lineOf(['lexicon', canonical]), message: `"${variant}" is listed for both "${previous}" and "${canonical}"` });
        }
        lexiconEntries.set(key, canonical);
      }
    }
  }
  const lexicon = createLexicon(lexiconEntries);

  const facts = loadFacts(files.includes(FACTS_FILE) ? join(options.intentsDir, FACTS_FILE) : undefined, show, issues);
  for (const name of Object.keys(facts)) {
    if (name in locality.values) issues.push({ file: show(join(options.intentsDir, FACTS_FILE)), message: `fact "${name}" has the same name as a locality value` });
  }
  const values: Readonly<Record<string, string>> = { ...facts, ...locality.values };

  const outOfScope: string[] = [];
  if (files.includes(OUT_OF_SCOPE_FILE)) {
    const path = join(options.intentsDir, OUT_OF_SCOPE_FILE);
    const parsed = readYamlFile(path, show(path), outOfScopeFileSchema);
    issues.push(...parsed.issues);
    outOfScope.push(...(parsed.value?.out_of_scope.vi ?? []), ...(parsed.value?.out_of_scope.en ?? []));
  }

  const intents = new Map<string, Intent>();
  const lines = new Map<string, { file: string; line?: number }>();
  /** normalized utterance → where it was first seen */
  const seen = new Map<string, { id: string; file: string; line?: number }>();
  for (const name of files.filter((f) => !f.startsWith('_'))) {
    const path = join(options.intentsDir, name);
    const file = show(path);
    const parsed = readYamlFile(path, file, intentFileSchema);
    issues.push(...parsed.issues);
    parsed.value?.intents.forEach((raw, index) => {
      const line = parsed.lineOf(['intents', index]);
      const existing = lines.get(raw.id);
      if (existing) {
        issues.push({ file, line, message: `intent id "${raw.id}" is already used in ${existing.file}:${existing.line ?? '?'}` });
        return;
      }
      lines.set(raw.id, { file, line });
      for (const locale of ['vi', 'en'] as const) {
        (raw.utterances[locale] ?? []).forEach((utterance, u) => {
          const key = normalizeText(utterance, lexicon);
          const at = parsed.lineOf(['intents', index, 'utterances', locale, u]);
          const first = seen.get(key);
          if (key === '') issues.push({ file, line: at, message: `intent ${raw.id}: the question "${utterance}" has no words` });
          else if (first && first.id !== raw.id) {
            issues.push({ file, line: at, message: `intent ${raw.id}: the question "${utterance}" is the same as one of intent ${first.id} (${first.file}:${first.line ?? '?'}); keep it in one intent only` });
          } else if (!first) seen.set(key, { id: raw.id, file, line: at });
        });
      }
      const fill = (text: Localized, field: string): Localized => {
        for (const locale of ['vi', 'en'] as const) {
          for (const literal of findLiterals(text[locale] ?? '')) {
            issues.push({ file, line, message: `intent ${raw.id} › ${field}.${locale} writes ${literal.kind === 'number' ? 'the number' : 'the address'} "${literal.text}" directly: use a {placeholder} from ${FACTS_FILE} (add it there if it is missing)` });
          }
        }
        const unknown = (locale: string) => (name: string) => issues.push({ file, line, message: `intent ${raw.id} › ${field}.${locale} uses an unknown placeholder {${name}}` });
        return {
          vi: fillPlaceholders(text.vi, values, unknown('vi')),
          ...(text.en ? { en: fillPlaceholders(text.en, values, unknown('en')) } : {}),
        };
      };
      intents.set(raw.id, Object.freeze({
        id: raw.id,
        file,
        title: raw.title ?? { vi: capitalize(raw.utterances.vi[0]!), ...(raw.utterances.en?.[0] ? { en: capitalize(raw.utterances.en[0]) } : {}) },
        source: raw.source,
        reviewed: raw.reviewed,
        topics: Object.freeze([...raw.topics]),
        utterances: { vi: Object.freeze([...raw.utterances.vi]), en: Object.freeze([...(raw.utterances.en ?? [])]) },
        answer: fill(raw.answer, 'answer'),
        ...(raw.tip ? { tip: fill(raw.tip, 'tip') } : {}),
        ...(raw.more ? { more: fill(raw.more, 'more') } : {}),
        links: Object.freeze(raw.links.map((l) => Object.freeze({ ...l }))),
        related: Object.freeze([...raw.related]),
        safetyNet: Object.freeze(raw.safety_net.map((phrase) => normalizeText(phrase, lexicon)).filter((p) => p !== '')),
      }));
    });
  }

  for (const intent of intents.values()) {
    for (const id of intent.related) {
      if (!intents.has(id)) issues.push({ file: intent.file, line: lines.get(intent.id)?.line, message: `intent ${intent.id} › related names "${id}", which is not an intent` });
      if (id === intent.id) issues.push({ file: intent.file, line: lines.get(intent.id)?.line, message: `intent ${intent.id} › related names itself` });
    }
  }
  if (intents.size === 0 && issues.length === 0) issues.push({ file: show(options.intentsDir), message: 'has no intent files' });
  for (const text of outOfScope) {
    const hit = seen.get(normalizeText(text, lexicon));
    if (hit) issues.push({ file: show(join(options.intentsDir, OUT_OF_SCOPE_FILE)), message: `"${text}" is out of scope here but is a question of intent ${hit.id}` });
  }
  const scamPath = join(options.intentsDir, SCAM_RULES_FILE);
  const scamRules = files.includes(SCAM_RULES_FILE) ? loadScamRules(scamPath, show(scamPath), issues, new Set(intents.keys())) : undefined;
  if (issues.length > 0) throw new KnowledgeError(issues);

  return Object.freeze({ intents, outOfScope: Object.freeze(outOfScope), lexicon: lexicon.entries, locality, facts: Object.freeze(facts), ...(scamRules ? { scamRules } : {}) });
}

function loadLocality(path: string, file: string, issues: KnowledgeIssue[]): Locality {
  const parsed = readYamlFile(path, file, localitySchema);
  issues.push(...parsed.issues);
  const v = parsed.value ?? { province: '', former_province: '', admin_center: '' };
  return Object.freeze({ province: v.province, formerProvince: v.former_province, adminCenter: v.admin_center, values: Object.freeze({ ...v }) });
}

function loadFacts(path: string | undefined, show: (file: string) => string, issues: KnowledgeIssue[]): Record<string, string> {
  if (!path) return {};
  const parsed = readYamlFile(path, show(path), factsFileSchema);
  issues.push(...parsed.issues);
  return { ...(parsed.value?.facts ?? {}) };
}

const PLACEHOLDER = /\{([a-z0-9_]+)\}/g;

function fillPlaceholders(text: string, values: Readonly<Record<string, string>>, unknown: (name: string) => void): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) {
      unknown(name);
      return whole;
    }
    return value;
  });
}

function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}
