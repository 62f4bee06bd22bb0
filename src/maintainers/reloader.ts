// Live reload of knowledge: on a change in intents/ or locales/ (or on demand) the files are validated and a new
// model is trained in the background, then swapped in at once; a message in flight finishes on the brain it
// started with. A broken file never takes the bot down: the last good knowledge keeps serving and the error,
// with file and line, is reported until it is fixed.
import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { dirname, basename } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { trainBrain, type Brain, type BrainTraining } from '../conversation/brain.js';
import { KnowledgeError, type KnowledgeIssue } from '../knowledge/errors.js';
import { loadKnowledgeCached } from '../knowledge/cached-load.js';
import type { KnowledgePaths } from '../knowledge/paths.js';
import { loadMessages, type Messages } from '../i18n/messages.js';
import type { ClassifierEngine } from '../nlu/engine.js';

export interface Loaded {
  readonly brain: Brain;
  readonly messages: Messages;
}

export interface ReloadStatus {
  readonly loadedAt: number;
  readonly intents: number;
  readonly reloads: number;
  /** The problems of the last attempt, while they are not fixed. */
  readonly error?: { readonly at: number; readonly issues: readonly KnowledgeIssue[] };
}

export interface KnowledgeReloader {
  current(): Loaded;
  reload(reason: string): Promise<{ ok: boolean; status: ReloadStatus }>;
  status(): ReloadStatus;
  watch(): void;
  close(): void;
}

export async function loadEverything(paths: KnowledgePaths, rootDir: string, engine: () => Promise<ClassifierEngine>, training: BrainTraining = {}): Promise<Loaded> {
  const knowledge = loadKnowledgeCached({ intentsDir: paths.intentsDir, localityFile: paths.localityFile, rootDir }, training.cache);
  const messages = loadMessages(paths.localesDir);
  return { brain: await trainBrain(knowledge, await engine(), training), messages };
}

export function createReloader(options: {
  readonly initial: Loaded;
  readonly paths: KnowledgePaths;
  readonly rootDir: string;
  readonly engine: () => Promise<ClassifierEngine>;
  /** Model cache and off-thread training, so a reload does not stall answers. */
  readonly training?: BrainTraining;
  /** How a reload loads (e.g. everything on a worker thread); default: loadEverything() with `training`. */
  readonly load?: () => Promise<Loaded>;
  readonly logger: FastifyBaseLogger;
  readonly debounceMs?: number;
}): KnowledgeReloader {
  let loaded = options.initial;
  let status: ReloadStatus = { loadedAt: Date.now(), intents: loaded.brain.knowledge.intents.size, reloads: 0 };
  let running: Promise<{ ok: boolean; status: ReloadStatus }> | undefined;
  let again = false;
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;

  /** Names, sizes and times of the watched files: an event for files already loaded (our own edit) is no change. */
  const fingerprint = (): string => {
    const parts: string[] = [];
    for (const dir of [options.paths.intentsDir, options.paths.localesDir]) {
      try {
        for (const name of readdirSync(dir).sort()) {
          if (name.includes('.tmp-') || name.startsWith('.')) continue;
          const s = statSync(join(dir, name), { throwIfNoEntry: false });
          if (s) parts.push(`${dir}/${name}:${s.size}:${s.mtimeMs}`);
        }
      } catch {
        parts.push(`${dir}:missing`);
      }
    }
    const locality = statSync(options.paths.localityFile, { throwIfNoEntry: false });
    parts.push(`locality:${locality?.size}:${locality?.mtimeMs}`);
    return parts.join('|');
  };
  let loadedPrint = fingerprint();

  async function attempt(reason: string): Promise<{ ok: boolean; status: ReloadStatus }> {
    const started = performance.now();
    loadedPrint = fingerprint();
    try {
      const next = await (options.load ? options.load() : loadEverything(options.paths, options.rootDir, options.engine, options.training));
      loaded = next; // the swap: one assignment, read once per message
      status = { loadedAt: Date.now(), intents: next.brain.knowledge.intents.size, reloads: status.reloads + 1 };
      options.logger.info({ reason, intents: status.intents, ms: Math.round(performance.now() - started) }, 'knowledge reloaded');
      return { ok: true, status };
    } catch (error) {
      const issues = error instanceof KnowledgeError ? error.issues : [{ file: '?', message: error instanceof Error ? error.message : String(error) }];
      status = { ...status, error: { at: Date.now(), issues } };
      options.logger.error({ reason, issues: issues.map((i) => `${i.file}${i.line ? `:${i.line}` : ''}: ${i.message}`) }, 'knowledge reload failed; still serving the last good knowledge');
      return { ok: false, status };
    }
  }

  async function reload(reason: string): Promise<{ ok: boolean; status: ReloadStatus }> {
    // One reload at a time; a change during a reload triggers one more afterwards.
    if (running) {
      again = true;
      return running;
    }
    running = attempt(reason);
    try {
      let result = await running;
      while (again) {
        again = false;
        if (fingerprint() === loadedPrint) break; // the change was already in the load that just ran
        running = attempt(`${reason} (again)`);
        result = await running;
      }
      return result;
    } finally {
      running = undefined;
    }
  }

  const onChange = (file: string | null) => {
    if (file && (file.includes('.tmp-') || file.startsWith('.'))) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      // The files are as they were at the last load (e.g. an inbox action that reloaded explicitly): nothing to do.
      if (fingerprint() === loadedPrint) return;
      void reload(`file changed: ${file ?? '?'}`);
    }, options.debounceMs ?? 300);
    timer.unref();
  };

  return {
    current: () => loaded,
    reload,
    status: () => status,
    watch() {
      const targets = [options.paths.intentsDir, options.paths.localesDir, dirname(options.paths.localityFile)];
      for (const dir of new Set(targets)) {
        try {
          const w = watch(dir, (_event, file) => {
            if (dir === dirname(options.paths.localityFile) && dir !== options.paths.intentsDir && dir !== options.paths.localesDir && file !== basename(options.paths.localityFile)) return;
            onChange(file);
          });
          w.on('error', () => {});
          watchers.push(w);
        } catch (error) {
          options.logger.warn({ dir, err: error instanceof Error ? error.message : String(error) }, 'cannot watch for changes; use POST /admin/api/reload');
        }
      }
    },
    close() {
      if (timer) clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}
