// Trained models on disk, keyed by everything that shapes them: training runs once per content version.
// The key hashes the examples, the lexicon, the engine and its settings, and the NLU code itself, so a change to
// any of them trains anew and a stale model can never be served.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sample } from './engine.js';

/**
 * Models kept per folder; the least recently used are deleted when a new one is written. Enough that the shipped
 * models (softmax, nlp.js) outlive the small ones the tests train on fixture intents during a run.
 */
const KEEP = 16;

export interface ModelCache {
  get(key: string): Uint8Array | undefined;
  set(key: string, bytes: Uint8Array): void;
  /** The same folder for another kind of file (validated knowledge, …). */
  kind(extension: string): ModelCache;
}

export function createModelCache(dir: string, extension = 'model'): ModelCache {
  const file = (key: string) => join(dir, `${key}.${extension}`);
  return {
    get(key) {
      try {
        const bytes = readFileSync(file(key));
        // Marked as used, so pruning drops the least recently used models, not a busy one written long ago.
        const now = new Date();
        utimesSync(file(key), now, now);
        return bytes;
      } catch {
        return undefined;
      }
    },
    set(key, bytes) {
      try {
        mkdirSync(dir, { recursive: true });
        // Written aside then renamed: a reader (another test worker, another process) never sees half a file.
        const temp = `${file(key)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
        writeFileSync(temp, bytes);
        renameSync(temp, file(key));
        prune(dir, extension);
      } catch {
        // A cache that cannot be written only costs training time next start.
      }
    },
    kind: (other) => createModelCache(dir, other),
  };
}

function prune(dir: string, extension: string): void {
  const models = readdirSync(dir)
    .filter((f) => f.endsWith(`.${extension}`))
    .map((f) => ({ f, at: statSync(join(dir, f)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const { f } of models.slice(KEEP)) unlinkSync(join(dir, f));
}

let fingerprint: string | undefined;

/**
 * A hash of the NLU and knowledge source (or compiled) files: changing the pipeline's or the loader's code changes
 * every key, so nothing computed by older code is reused.
 */
export function codeFingerprint(): string {
  if (fingerprint) return fingerprint;
  const here = dirname(fileURLToPath(import.meta.url));
  // Compiled code in dist/ hashes its TypeScript source when that is present, so `npm start` (dist/) and the tests
  // and tools (tsx) share one cached model instead of training twice.
  const source = join(here, '..', '..', 'src', 'nlu');
  const nlu = here.endsWith(join('dist', 'nlu')) && existsSync(source) ? source : here;
  const hash = createHash('sha256');
  for (const folder of [nlu, join(nlu, '..', 'knowledge')]) {
    for (const name of readdirSync(folder).filter((f) => /\.(ts|js)$/.test(f)).sort()) hash.update(name).update(readFileSync(join(folder, name)));
  }
  return (fingerprint = hash.digest('hex'));
}

/** A cache key over the code fingerprint and any number of parts (texts, or lines of text). */
export function cacheKey(...parts: readonly (string | readonly string[])[]): string {
  const hash = createHash('sha256').update(codeFingerprint());
  for (const part of parts) {
    hash.update('\u0000');
    if (typeof part === 'string') hash.update(part);
    else for (const line of part) hash.update(line).update('\n');
  }
  return hash.digest('hex').slice(0, 32);
}

export function modelKey(engine: { name: string; settings?: string }, samples: readonly Sample[]): string {
  return cacheKey(engine.name, engine.settings ?? '', samples.map((s) => `${s.intent ?? ''}\t${s.features.join(' ')}`));
}
