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
  // The same file runs as the worker: .ts under tsx, .js once compiled.
  const self = new URL(`./train-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);
  const workerData: Job = { engine, samples };
  return new Promise((resolve, reject) => {
    const worker = self.pathname.endsWith('.ts') ? sourceWorker(self, workerData) : new Worker(self, { workerData });
    worker.once('message', (bytes: Uint8Array) => resolve(bytes));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`training worker stopped (exit code ${code})`)));
  });
}

/** Running from source (tsx, tests): Node's workers cannot load .ts, so the worker imports it through tsx's API. */
function sourceWorker(file: URL, workerData: Job): Worker {
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
