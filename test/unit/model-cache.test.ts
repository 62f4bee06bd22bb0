import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Sample } from '../../src/nlu/engine.js';
import { createModelCache, modelKey } from '../../src/nlu/model-cache.js';
import { createSoftmaxEngine } from '../../src/nlu/softmax-engine.js';
import { trainInWorker } from '../../src/nlu/train-worker.js';
import { trainUnderstanding } from '../../src/nlu/understanding.js';

const examples = [
  { text: 'chuyển đổi số là gì', intent: 'cds' },
  { text: 'khái niệm chuyển đổi số', intent: 'cds' },
  { text: 'cháy nhà gọi số nào', intent: 'chay' },
  { text: 'báo cháy gọi ai', intent: 'chay' },
  { text: 'giá vàng hôm nay', intent: null },
];
const samples: Sample[] = [
  { features: ['chuyen', 'doi', 'so'], intent: 'cds' },
  { features: ['chay', 'nha'], intent: 'chay' },
  { features: ['gia', 'vang'], intent: null },
];

describe('model cache', () => {
  it('a cached model answers exactly as the freshly trained one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'models-'));
    const cache = createModelCache(dir);
    const fresh = await trainUnderstanding(examples, { cache });
    expect(readdirSync(dir).filter((f) => f.endsWith('.model'))).toHaveLength(1);
    const reused = await trainUnderstanding(examples, { cache, engine: { ...createSoftmaxEngine(), train: () => Promise.reject(new Error('must not train')) } });
    for (const q of ['chuyen doi so la gi', 'nha toi bi chay', 'gia vang']) expect((await reused.understand(q)).candidates).toEqual((await fresh.understand(q)).candidates);
  });

  it('the key changes with the examples and the engine settings', () => {
    const engine = createSoftmaxEngine();
    expect(modelKey(engine, samples)).toBe(modelKey(engine, [...samples]));
    expect(modelKey(engine, samples.slice(1))).not.toBe(modelKey(engine, samples));
    expect(modelKey(createSoftmaxEngine({ epochs: 3 }), samples)).not.toBe(modelKey(engine, samples));
  });

  it('a damaged cache file is retrained and replaced, not served', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'models-'));
    const cache = createModelCache(dir);
    await trainUnderstanding(examples, { cache });
    const [file] = readdirSync(dir);
    writeFileSync(join(dir, file!), 'not a model');
    const again = await trainUnderstanding(examples, { cache });
    expect((await again.understand('cháy nhà')).candidates[0]!.intent).toBe('chay');
    expect(createModelCache(dir).get(file!.replace('.model', ''))!.byteLength).toBeGreaterThan(100);
  });

  it('a model trained on a worker thread equals the one trained here', async () => {
    const here = await createSoftmaxEngine().train(samples);
    const engine = createSoftmaxEngine();
    const there = engine.fromBytes!(await trainInWorker('softmax', samples));
    expect(await there.rank(['chay', 'nha'])).toEqual(await here.rank(['chay', 'nha']));
  });
});
