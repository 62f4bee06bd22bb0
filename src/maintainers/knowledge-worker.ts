// The heavy part of a reload or of an inbox action, on a worker thread: parsing and validating the knowledge files
// (more than a second for the shipped ones), preparing the examples and training or loading the model, and the
// edit with its whole-knowledge check. The event loop that answers citizens only receives the results.
import { getPriority, setPriority } from 'node:os';
import { isMainThread, parentPort, workerData, type Worker } from 'node:worker_threads';
import type { Brain } from '../conversation/brain.js';
import { loadMessages, type Messages } from '../i18n/messages.js';
import { loadKnowledgeCached } from '../knowledge/cached-load.js';
import { KnowledgeError, type KnowledgeIssue } from '../knowledge/errors.js';
import type { LoadOptions } from '../knowledge/load.js';
import type { KnowledgePaths } from '../knowledge/paths.js';
import { trainingExamples, type Knowledge } from '../knowledge/types.js';
import { createEngine, type EngineName } from '../nlu/engines.js';
import { createModelCache } from '../nlu/model-cache.js';
import { startWorker } from '../nlu/train-worker.js';
import { prepareModel, understandingFromModel } from '../nlu/understanding.js';
import { addOutOfScope, addUtterance, createIntent, IntentEditError, knowledgeCheck, setAnswer, type newIntentSchema } from './intent-editor.js';
import type { z } from 'zod';

type NewIntent = z.infer<typeof newIntentSchema>;

type Job =
  | { readonly kind: 'prepare'; readonly load: LoadOptions; readonly engine: EngineName; readonly cacheDir?: string }
  | { readonly kind: 'add-utterance'; readonly load: LoadOptions; readonly intentId: string; readonly text: string; readonly locale: 'vi' | 'en' }
  | { readonly kind: 'create-intent'; readonly load: LoadOptions; readonly input: NewIntent }
  | { readonly kind: 'out-of-scope'; readonly load: LoadOptions; readonly text: string; readonly locale: 'vi' | 'en' }
  | { readonly kind: 'set-answer'; readonly load: LoadOptions; readonly intentId: string; readonly text: string; readonly locale: 'vi' | 'en'; readonly now: number };

type Reply =
  | { readonly ok: true; readonly knowledge: Knowledge; readonly bundle: Uint8Array }
  | { readonly ok: true; readonly file: string }
  | { readonly ok: false; readonly issues?: readonly KnowledgeIssue[]; readonly edit?: { readonly code: IntentEditError['code']; readonly message: string; readonly reason?: IntentEditError['reason'] }; readonly error?: string };

/**
 * One worker thread for the knowledge jobs, started at the first job and kept (loading its code costs more than most
 * jobs), at a lower CPU priority. Jobs run one after another; a crashed worker is replaced at the next job.
 */
export interface KnowledgeWorker {
  run(job: Job): Promise<Extract<Reply, { ok: true }>>;
  close(): Promise<void>;
}

export function createKnowledgeWorker(): KnowledgeWorker {
  let worker: Worker | undefined;
  const waiting = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();
  let next = 0;
  const failAll = (error: Error) => {
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
    worker = undefined;
  };
  const started = (): Worker => {
    if (worker) return worker;
    const w = startWorker(import.meta.url, 'knowledge-worker', { knowledgeWorker: true });
    w.on('message', ({ id, reply }: { id: number; reply: Reply }) => {
      waiting.get(id)?.resolve(reply);
      waiting.delete(id);
      if (waiting.size === 0) w.unref(); // an idle worker never keeps the process alive
    });
    w.on('error', (error) => failAll(error));
    w.on('exit', (code) => failAll(new Error(`knowledge worker stopped (exit code ${code})`)));
    return (worker = w);
  };
  return {
    async run(job) {
      const id = (next += 1);
      const reply = await new Promise<Reply>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        const w = started();
        w.ref();
        w.postMessage({ id, job });
      });
      if (reply.ok) return reply;
      if (reply.issues) throw new KnowledgeError(reply.issues);
      if (reply.edit) throw new IntentEditError(reply.edit.code, reply.edit.message, reply.edit.reason);
      throw new Error(reply.error ?? 'knowledge worker failed');
    },
    async close() {
      const w = worker;
      worker = undefined;
      await w?.terminate();
    },
  };
}

export interface OffThreadLoad {
  readonly paths: KnowledgePaths;
  readonly rootDir: string;
  readonly engine: EngineName;
  /** The model cache folder, opened again by the worker; absent: no cache. */
  readonly cacheDir?: string;
}

/** What loadEverything() does, with everything slow on a worker: the main thread only assembles the result. */
export async function loadEverythingOffThread(worker: KnowledgeWorker, options: OffThreadLoad): Promise<{ brain: Brain; messages: Messages }> {
  const load = { intentsDir: options.paths.intentsDir, localityFile: options.paths.localityFile, rootDir: options.rootDir };
  const reply = (await worker.run({ kind: 'prepare', load, engine: options.engine, ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}) })) as { knowledge: Knowledge; bundle: Uint8Array };
  await yieldToEventLoop();
  const knowledge = refreeze(reply.knowledge);
  const messages = loadMessages(options.paths.localesDir);
  await yieldToEventLoop();
  const understanding = await understandingFromModel(reply.bundle, { lexicon: knowledge.lexicon, engine: await createEngine(options.engine) });
  return { brain: Object.freeze({ knowledge, understanding }), messages };
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A structured clone keeps Maps and Sets but not freezing: the knowledge is immutable again. */
function refreeze(knowledge: Knowledge): Knowledge {
  for (const intent of knowledge.intents.values()) Object.freeze(intent);
  return Object.freeze({ ...knowledge, outOfScope: Object.freeze(knowledge.outOfScope), facts: Object.freeze(knowledge.facts) });
}

export interface KnowledgeEdits {
  /** Appends a question to an intent, checked against the whole knowledge first; returns the file it changed. */
  addUtterance(intentId: string, text: string, locale?: 'vi' | 'en'): Promise<string>;
  /** Starts a new intent, checked the same way; returns the file it changed. */
  createIntent(input: NewIntent): Promise<string>;
  /** Adds an out-of-scope example, checked the same way. */
  addOutOfScope(text: string, locale?: 'vi' | 'en'): Promise<string>;
  /** Rewrites an intent's answer (and its review date), checked the same way. */
  setAnswer(intentId: string, text: string, locale: 'vi' | 'en', now: number): Promise<string>;
}

/** Edits of the intent files on a worker, one at a time (two at once could each overwrite the other's change). */
export function editsOffThread(worker: KnowledgeWorker, load: LoadOptions): KnowledgeEdits {
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = async (job: Job): Promise<string> => {
    const turn = queue.then(() => worker.run(job));
    queue = turn.catch(() => undefined);
    return ((await turn) as { file: string }).file;
  };
  return {
    addUtterance: (intentId, text, locale = 'vi') => inTurn({ kind: 'add-utterance', load, intentId, text, locale }),
    createIntent: (input) => inTurn({ kind: 'create-intent', load, input }),
    addOutOfScope: (text, locale = 'vi') => inTurn({ kind: 'out-of-scope', load, text, locale }),
    setAnswer: (intentId, text, locale, now) => inTurn({ kind: 'set-answer', load, intentId, text, locale, now }),
  };
}

async function work(job: Job): Promise<[Reply, ArrayBuffer[]]> {
  if (job.kind === 'prepare') {
    const cache = job.cacheDir ? createModelCache(job.cacheDir) : undefined;
    const knowledge = loadKnowledgeCached(job.load, cache);
    const prepared = await prepareModel(trainingExamples(knowledge), { lexicon: knowledge.lexicon, engine: await createEngine(job.engine), ...(cache ? { cache } : {}) });
    // A buffer of its own (a file read may share a pool), handed over rather than copied: the model is megabytes.
    const bundle = new Uint8Array(prepared);
    return [{ ok: true, knowledge, bundle }, [bundle.buffer]];
  }
  const check = knowledgeCheck(job.load);
  return [{ ok: true, file: edit(job, check) }, []];
}

function edit(job: Exclude<Job, { kind: 'prepare' }>, check: ReturnType<typeof knowledgeCheck>): string {
  const dir = job.load.intentsDir;
  if (job.kind === 'add-utterance') return addUtterance(dir, job.intentId, job.text, job.locale, check);
  if (job.kind === 'create-intent') return createIntent(dir, job.input, check);
  if (job.kind === 'out-of-scope') return addOutOfScope(dir, job.text, job.locale, check);
  return setAnswer(dir, job.intentId, job.text, job.locale, check, job.now);
}

function failure(error: unknown): Reply {
  if (error instanceof KnowledgeError) return { ok: false, issues: error.issues };
  if (error instanceof IntentEditError) return { ok: false, edit: { code: error.code, message: error.message, ...(error.reason ? { reason: error.reason } : {}) } };
  return { ok: false, error: error instanceof Error ? error.message : String(error) };
}

if (!isMainThread && parentPort && (workerData as { knowledgeWorker?: boolean } | null)?.knowledgeWorker) {
  // On Linux a nice value belongs to one thread: this one gives way to the thread that answers citizens (measured:
  // at equal priority a reload under load raised their p99 several-fold), yet not so far that a busy machine
  // starves it.
  try {
    setPriority(Math.min(19, getPriority() + 5));
  } catch {
    // Not permitted here: the reload only competes a little more.
  }
  const port = parentPort;
  let turn = Promise.resolve();
  port.on('message', ({ id, job }: { id: number; job: Job }) => {
    turn = turn.then(() =>
      work(job).then(
        ([reply, transfer]) => port.postMessage({ id, reply }, transfer),
        (error: unknown) => port.postMessage({ id, reply: failure(error) }),
      ),
    );
  });
}
