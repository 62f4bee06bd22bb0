// Trains a classifier on a worker thread, so a reload never blocks the event loop that answers citizens.
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Sample } from './engine.js';
import { createEngine, type EngineName } from './engines.js';

interface Job {
  readonly engine: EngineName;
  readonly samples: readonly Sample[];
}

/** The model's bytes, trained off the main thread. Rejects if the engine cannot be saved as bytes. */
export function trainInWorker(engine: EngineName, samples: readonly Sample[]): Promise<Uint8Array> {
  const workerData: Job = { engine, samples };
  return new Promise((resolve, reject) => {
    const worker = startWorker(import.meta.url, 'train-worker', workerData);
    worker.once('message', (bytes: Uint8Array) => resolve(bytes));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`training worker stopped (exit code ${code})`)));
  });
}

/**
 * Runs the module `name`, a sibling of the module at `moduleUrl`, as a worker thread: .ts under tsx (npm run dev,
 * tests), .js once compiled.
 */
export function startWorker(moduleUrl: string, name: string, workerData: unknown): Worker {
  const file = new URL(`./${name}${extname(fileURLToPath(moduleUrl))}`, moduleUrl);
  return file.pathname.endsWith('.ts') ? sourceWorker(file, workerData) : new Worker(file, { workerData });
}

/** Running from source (tsx, tests): Node's workers cannot load .ts, so the worker imports it through tsx's API. */
function sourceWorker(file: URL, workerData: unknown): Worker {
  const api = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${JSON.stringify(file.href)}, ${JSON.stringify(file.href)}))`;
  return new Worker(code, { eval: true, workerData });
}

if (!isMainThread && parentPort && (workerData as Partial<Job> | null)?.samples) {
  const job = workerData as Job;
  const trained = await (await createEngine(job.engine)).train(job.samples);
  if (!trained.toBytes) throw new Error(`engine ${job.engine} cannot be trained in a worker`);
  const bytes = trained.toBytes();
  parentPort.postMessage(bytes, [bytes.buffer as ArrayBuffer]);
}
