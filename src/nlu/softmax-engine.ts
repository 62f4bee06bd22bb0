// Multinomial logistic regression over our features: calibrated probabilities, robust to long questions
// (inputs are length-normalized), trained by deterministic SGD in well under a second for our intents.
import type { Candidate, ClassifierEngine, Sample, TrainedClassifier } from './engine.js';

export interface SoftmaxOptions {
  readonly epochs?: number;
  readonly learningRate?: number;
  readonly l2?: number;
  readonly seed?: number;
  /** Share of features hidden at random in each training step, so no single word carries an intent alone. */
  readonly dropout?: number;
  /** Models averaged (each from a different shuffle). */
  readonly members?: number;
}

export function createSoftmaxEngine(options: SoftmaxOptions = {}): ClassifierEngine {
  const epochs = options.epochs ?? 40;
  const learningRate = options.learningRate ?? 0.5;
  const l2 = options.l2 ?? 1e-5;
  const dropout = options.dropout ?? 0.2;
  const members = options.members ?? 3;
  return {
    name: `softmax regression (${members} × ${epochs} epochs)`,
    settings: JSON.stringify({ epochs, learningRate, l2, dropout, members, seed: options.seed ?? 7 }),
    fromBytes: softmaxFromBytes,
    async train(samples: readonly Sample[]): Promise<TrainedClassifier> {
      const featureIndex = new Map<string, number>();
      const labels: (string | null)[] = [];
      const labelIndex = new Map<string | null, number>();
      const data = samples
        .filter((s) => s.features.length > 0)
        .map((s) => {
          if (!labelIndex.has(s.intent)) {
            labelIndex.set(s.intent, labels.length);
            labels.push(s.intent);
          }
          const ids = [...new Set(s.features)].map((f) => {
            let id = featureIndex.get(f);
            if (id === undefined) featureIndex.set(f, (id = featureIndex.size));
            return id;
          });
          return { ids: Int32Array.from(ids), label: labelIndex.get(s.intent)! };
        });
      const classes = labels.length;
      const dims = featureIndex.size;
      // Several models from different shuffles, averaged: answers near a threshold no longer depend on one
      // random order of training (the variance of SGD), at the cost of a few hundred milliseconds of training.
      const models = Array.from({ length: members }, (_, m) => fit((options.seed ?? 7) + m));

      function fit(seed: number): { weights: Float32Array; bias: Float32Array } {
        // Feature-major (weights[feature * classes + class]): one feature's weights for every class sit together,
        // so scoring and updating a sample touch a few contiguous rows instead of the whole matrix.
        const weights = new Float32Array(dims * classes);
        const bias = new Float32Array(classes);
        const probs = new Float64Array(classes);
        const random = mulberry32(seed);
        const order = data.map((_, i) => i);
        for (let epoch = 0; epoch < epochs; epoch += 1) {
          shuffle(order, random);
          const rate = learningRate / (1 + epoch * 0.1);
          for (const i of order) {
            const { ids: all, label } = data[i]!;
            const ids = dropout > 0 && all.length > 2 ? all.filter(() => random() >= dropout) : all;
            if (ids.length > 0) step(weights, bias, probs, ids, label, rate);
          }
        }
        return { weights, bias };
      }

      function step(weights: Float32Array, bias: Float32Array, probs: Float64Array, ids: Int32Array, label: number, rate: number): void {
        const value = 1 / Math.sqrt(ids.length);
        scores(weights, bias, ids, value, probs);
        softmaxInPlace(probs);
        const decay = 1 - rate * l2;
        for (let c = 0; c < classes; c += 1) {
          const gradient = probs[c]! - (c === label ? 1 : 0);
          // Stored in probs: the step for each class, or 0 when the gradient is too small to matter.
          probs[c] = Math.abs(gradient) < 1e-6 ? 0 : rate * gradient * value;
          if (probs[c] !== 0) bias[c] = bias[c]! - rate * gradient * 0.1;
        }
        for (let k = 0; k < ids.length; k += 1) {
          const row = ids[k]! * classes;
          for (let c = 0; c < classes; c += 1) {
            const delta = probs[c]!;
            if (delta !== 0) weights[row + c] = weights[row + c]! * decay - delta;
          }
        }
      }

      return trainedSoftmax({ labels, features: [...featureIndex.keys()], models });
    },
  };
}

interface SoftmaxModel {
  readonly labels: readonly (string | null)[];
  /** Feature names in index order. */
  readonly features: readonly string[];
  readonly models: readonly { readonly weights: Float32Array; readonly bias: Float32Array }[];
}

function trainedSoftmax(model: SoftmaxModel): TrainedClassifier {
  const { labels } = model;
  const classes = labels.length;
  const featureIndex = new Map(model.features.map((f, i) => [f, i]));
  // The members' scores are linear in the weights, so averaging their logits is one model with averaged weights:
  // the ensemble costs one pass at answer time instead of one per member.
  const { weights, bias } = averaged(model.models);
  const out = new Float64Array(classes);
  return {
    async rank(features: readonly string[]): Promise<Candidate[]> {
      const ids: number[] = [];
      const seen = new Set<string>();
      for (const f of features) {
        if (seen.has(f)) continue;
        seen.add(f);
        const id = featureIndex.get(f);
        if (id !== undefined) ids.push(id);
      }
      // Unknown words still count in the length, so a question mostly made of unknown words stays unsure.
      scores(weights, bias, ids, 1 / Math.sqrt(Math.max(1, seen.size)), out);
      softmaxInPlace(out);
      return labels.map((intent, c) => ({ intent, score: out[c]! })).sort((a, b) => b.score - a.score);
    },
    // Only the averaged model is ever used to rank, so it is all that is saved (a third of the bytes to read).
    toBytes: () => softmaxToBytes({ ...model, models: [{ weights, bias }] }),
  };
}

function averaged(models: SoftmaxModel['models']): { weights: Float32Array; bias: Float32Array } {
  if (models.length === 1) return models[0]!;
  const weights = new Float32Array(models[0]!.weights.length);
  const bias = new Float32Array(models[0]!.bias.length);
  for (const m of models) {
    for (let i = 0; i < weights.length; i += 1) weights[i] = weights[i]! + m.weights[i]! / models.length;
    for (let i = 0; i < bias.length; i += 1) bias[i] = bias[i]! + m.bias[i]! / models.length;
  }
  return { weights, bias };
}

/** Layout: u32 header length, JSON header (labels, features, sizes), padding to 4, then each member's weights and bias. */
function softmaxToBytes(model: SoftmaxModel): Uint8Array {
  const header = Buffer.from(JSON.stringify({ format: 2, labels: model.labels, features: model.features, members: model.models.length }));
  const offset = align4(4 + header.length);
  const floats = model.models.reduce((n, m) => n + m.weights.length + m.bias.length, 0);
  const bytes = new Uint8Array(offset + floats * 4);
  new DataView(bytes.buffer).setUint32(0, header.length, true);
  bytes.set(header, 4);
  let at = offset;
  for (const m of model.models) {
    for (const array of [m.weights, m.bias]) {
      bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
      at += array.byteLength;
    }
  }
  return bytes;
}

function softmaxFromBytes(bytes: Uint8Array): TrainedClassifier {
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  const header = JSON.parse(Buffer.from(bytes.subarray(4, 4 + length)).toString('utf8')) as { format: number; labels: (string | null)[]; features: string[]; members: number };
  if (header.format !== 2) throw new Error(`unknown model format ${header.format}`);
  const classes = header.labels.length;
  const dims = header.features.length;
  // Copied into fresh aligned arrays: the bytes may come from a file read at any offset.
  const body = new Uint8Array(bytes.byteLength - align4(4 + length));
  body.set(bytes.subarray(align4(4 + length)));
  const floats = new Float32Array(body.buffer);
  const models = Array.from({ length: header.members }, (_, m) => {
    const start = m * (classes * dims + classes);
    return { weights: floats.subarray(start, start + classes * dims), bias: floats.subarray(start + classes * dims, start + classes * dims + classes) };
  });
  return trainedSoftmax({ labels: header.labels, features: header.features, models });
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

/** Feature-major weights: out[c] = bias[c] + value · Σ weights[id · classes + c]. */
function scores(weights: Float32Array, bias: Float32Array, ids: ArrayLike<number>, value: number, out: Float64Array): void {
  const classes = out.length;
  for (let c = 0; c < classes; c += 1) out[c] = 0;
  for (let k = 0; k < ids.length; k += 1) {
    const row = ids[k]! * classes;
    for (let c = 0; c < classes; c += 1) out[c] = out[c]! + weights[row + c]!;
  }
  for (let c = 0; c < classes; c += 1) out[c] = bias[c]! + out[c]! * value;
}

function softmaxInPlace(values: Float64Array): void {
  let max = -Infinity;
  for (const v of values) max = Math.max(max, v);
  let total = 0;
  for (let i = 0; i < values.length; i += 1) total += values[i] = Math.exp(values[i]! - max);
  for (let i = 0; i < values.length; i += 1) values[i] = values[i]! / total;
}

function shuffle(array: number[], random: () => number): void {
  for (let i = array.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [array[i], array[j]] = [array[j]!, array[i]!];
  }
}

/** Small seeded generator: training is reproducible run to run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
