// Parsing YAML with line positions is the slowest part of a start (about half a second for our files): a validated
// Knowledge value is kept in the model cache, keyed by the files' names and contents and the loader's code.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { SCAM_RULES_FILE } from '../scamcheck/rules.js';
import { loadScamRules } from './scam-rules-file.js';
import type { KnowledgeIssue } from './errors.js';
import { join } from 'node:path';
import { cacheKey, type ModelCache } from '../nlu/model-cache.js';
import { loadKnowledge, type LoadOptions } from './load.js';
import type { Intent, Knowledge } from './types.js';

interface Stored {
  readonly intents: Intent[];
  readonly outOfScope: string[];
  readonly lexicon: [string, string][];
  readonly locality: Knowledge['locality'];
  readonly facts: Knowledge['facts'];
}

export function loadKnowledgeCached(options: LoadOptions, cache: ModelCache | undefined): Knowledge {
  if (!cache) return loadKnowledge(options);
  const store = cache.kind('knowledge');
  const key = knowledgeKey(options);
  const hit = key ? store.get(key) : undefined;
  if (hit) {
    try {
      return revive(JSON.parse(Buffer.from(hit).toString('utf8')) as Stored, options);
    } catch {
      // An unreadable entry is replaced below.
    }
  }
  const knowledge = loadKnowledge(options);
  // The scam-check lists hold maps and sets: they are read again from their (small) file on a hit.
  const { scamRules: _rules, ...plain } = knowledge;
  if (key) store.set(key, Buffer.from(JSON.stringify({ ...plain, intents: [...plain.intents.values()], lexicon: [...plain.lexicon] })));
  return knowledge;
}

/** Undefined when a file cannot be read: then the loader runs and reports it. */
function knowledgeKey(options: LoadOptions): string | undefined {
  try {
    const files = readdirSync(options.intentsDir).filter((f) => /\.ya?ml$/.test(f)).sort();
    return cacheKey('knowledge', options.rootDir ?? process.cwd(), options.intentsDir, options.localityFile, readFileSync(options.localityFile, 'utf8'), files.flatMap((f) => [f, readFileSync(join(options.intentsDir, f), 'utf8')]));
  } catch {
    return undefined;
  }
}

function revive(stored: Stored, options: LoadOptions): Knowledge {
  const intents = new Map(stored.intents.map((i) => [i.id, Object.freeze(i)]));
  const path = join(options.intentsDir, SCAM_RULES_FILE);
  const issues: KnowledgeIssue[] = [];
  const scamRules = existsSync(path) ? loadScamRules(path, path, issues, new Set(intents.keys())) : undefined;
  if (issues.length > 0) throw new Error('scam rules changed since caching'); // the key covers the file: never expected
  return Object.freeze({ ...stored, intents, outOfScope: Object.freeze(stored.outOfScope), lexicon: new Map(stored.lexicon), facts: Object.freeze(stored.facts), ...(scamRules ? { scamRules } : {}) });
}
