// Trained models on disk, keyed by everything that shapes them: training runs once per content version.
// The key hashes the examples, the lexicon, the engine and its settings, and the NLU code itself, so a change to
// any of them trains anew and a stale model can never be served.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sample } from './engine.js';

/** Models kept per folder; older ones are deleted when a new one is written. */
const KEEP = 6;

export interface ModelCache {
  get(key: string): Uint8Array | undefined;
  set(key: string, bytes: Uint8Array): void;
}

export function createModelCache(dir: string): ModelCache {
  const file = (key: string) => join(dir, `${key}.model`);
  return {
    get(key) {
      try {
        return readFileSync(file(key));
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
        prune(dir);
      } catch {
        // A cache that cannot be written only costs training time next start.
      }
    },
  };
}

function prune(dir: string): void {
  const models = readdirSync(dir)
    .filter((f) => f.endsWith('.model'))
    .map((f) => ({ f, at: statSync(join(dir, f)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const { f } of models.slice(KEEP)) unlinkSync(join(dir, f));
}

let codeFingerprint: string | undefined;

/** A hash of the NLU source (or compiled) files next to this one: changing the pipeline's code changes the key. */
function nluCodeFingerprint(): string {
  if (codeFingerprint) return codeFingerprint;
  const here = dirname(fileURLToPath(import.meta.url));
  const hash = createHash('sha256');
  for (const name of readdirSync(here).filter((f) => /\.(ts|js)$/.test(f)).sort()) hash.update(name).update(readFileSync(join(here, name)));
  return (codeFingerprint = hash.digest('hex'));
}

export function modelKey(engine: { name: string; settings?: string }, samples: readonly Sample[]): string {
  const hash = createHash('sha256').update(nluCodeFingerprint()).update(engine.name).update(engine.settings ?? '');
  for (const s of samples) hash.update(`${s.intent ?? ''}\t${s.features.join(' ')}\n`);
  return hash.digest('hex').slice(0, 32);
}
