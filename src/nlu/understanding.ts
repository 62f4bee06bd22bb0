// The whole Vietnamese understanding pipeline: normalize → correct typos → features → classifier → candidates.
import type { Candidate, ClassifierEngine, Example, Sample, TrainedClassifier } from './engine.js';
import { cacheKey, type ModelCache } from './model-cache.js';
import { DEFAULT_FEATURES, toFeatures, type FeatureOptions } from './features.js';
import { createSoftmaxEngine } from './softmax-engine.js';
import { createLexicon, normalizeTokens, type Lexicon } from './normalize.js';
import { createSpellingCorrector } from './spelling.js';

export interface Interpretation {
  /** What the normalizer made of the text (after typo correction). */
  readonly tokens: readonly string[];
  /** Best first; intent null = out of scope. */
  readonly candidates: readonly Candidate[];
  /** Share of the words the model has seen in training (0 when there are no words). */
  readonly knownRatio: number;
}

export interface Understanding {
  understand(text: string): Promise<Interpretation>;
}

export interface TrainOptions {
  /** variant as typed → canonical words */
  readonly lexicon?: ReadonlyMap<string, string>;
  readonly engine?: ClassifierEngine;
  readonly features?: FeatureOptions;
  /** Where trained models are kept between runs; absent: train every time. */
  readonly cache?: ModelCache;
  /** Trains off the main thread and returns the model's bytes (engines that have fromBytes). */
  readonly trainElsewhere?: (samples: readonly Sample[]) => Promise<Uint8Array>;
}

/** What training produces besides the model: the vocabulary behind typo correction and "known words". */
type Vocabulary = ReadonlyMap<string, number>;

/** The cache key of a training: the raw examples, lexicon, features, engine and code (a hit needs no tokenizing). */
function modelKey(examples: readonly Example[], lexicon: Lexicon, featureOptions: FeatureOptions, engine: ClassifierEngine, options: TrainOptions): string | undefined {
  return options.cache && engine.fromBytes
    ? cacheKey(engine.name, engine.settings ?? '', JSON.stringify(featureOptions), [...lexicon.entries].map(([k, v]) => `${k}\t${v}`), examples.map((e) => `${e.intent ?? ''}\t${e.text}`))
    : undefined;
}

function toSamples(examples: readonly Example[], lexicon: Lexicon, featureOptions: FeatureOptions): { samples: Sample[]; vocabulary: Vocabulary } {
  const tokenized = examples.map((e) => ({ tokens: normalizeTokens(e.text, lexicon), intent: e.intent }));
  // Vocabulary comes from in-scope questions only: a word seen only in out-of-scope examples is not "known".
  const vocabulary = new Map<string, number>();
  for (const { tokens, intent } of tokenized) {
    if (intent === null) continue;
    for (const t of tokens) vocabulary.set(t, (vocabulary.get(t) ?? 0) + 1);
  }
  return { samples: tokenized.map(({ tokens, intent }) => ({ features: toFeatures(tokens, featureOptions), intent })), vocabulary };
}

/** A cached model that loads; undefined when absent, damaged or old (then it is trained again and overwritten). */
function fromCache(cache: ModelCache, key: string, engine: ClassifierEngine): { classifier: TrainedClassifier; vocabulary: Vocabulary; bytes: Uint8Array } | undefined {
  const bytes = cache.get(key);
  if (!bytes) return undefined;
  try {
    const { model, vocabulary } = unbundle(bytes);
    return { classifier: engine.fromBytes!(model), vocabulary, bytes };
  } catch {
    return undefined;
  }
}

/**
 * From the cache when this exact training was done before; otherwise trained (on a worker if given) and cached with
 * its vocabulary.
 */
async function obtainModel(examples: readonly Example[], lexicon: Lexicon, featureOptions: FeatureOptions, engine: ClassifierEngine, options: TrainOptions): Promise<{ classifier: TrainedClassifier; vocabulary: Vocabulary }> {
  const key = modelKey(examples, lexicon, featureOptions, engine, options);
  const cached = key ? fromCache(options.cache!, key, engine) : undefined;
  if (cached) return cached;
  const { samples, vocabulary } = toSamples(examples, lexicon, featureOptions);
  const bytes = engine.fromBytes && options.trainElsewhere ? await options.trainElsewhere(samples) : undefined;
  const classifier = bytes ? engine.fromBytes!(bytes) : await engine.train(samples);
  if (key && classifier.toBytes) options.cache!.set(key, bundle(bytes ?? classifier.toBytes(), vocabulary));
  return { classifier, vocabulary };
}

/**
 * The trained model and its vocabulary as bytes (from the cache, or trained and cached): plain data, so a worker
 * thread can prepare it and understandingFromModel() turn it into an Understanding. The engine must save as bytes.
 */
export async function prepareModel(examples: readonly Example[], options: TrainOptions = {}): Promise<Uint8Array> {
  const lexicon = createLexicon(options.lexicon ?? new Map());
  const engine = options.engine ?? createSoftmaxEngine();
  const featureOptions = options.features ?? DEFAULT_FEATURES;
  const key = modelKey(examples, lexicon, featureOptions, engine, options);
  const cached = key ? fromCache(options.cache!, key, engine) : undefined;
  if (cached) return cached.bytes;
  const { samples, vocabulary } = toSamples(examples, lexicon, featureOptions);
  const trained = await engine.train(samples);
  if (!trained.toBytes) throw new Error(`engine ${engine.name} cannot save its model as bytes`);
  const bytes = bundle(trained.toBytes(), vocabulary);
  if (key) options.cache!.set(key, bytes);
  return bytes;
}

/**
 * An Understanding from prepareModel()'s bytes. Between its steps (model, vocabulary, typo index) it lets the event
 * loop answer, so swapping in a new model never holds requests for long.
 */
export async function understandingFromModel(bytes: Uint8Array, options: Pick<TrainOptions, 'lexicon' | 'engine' | 'features'> = {}): Promise<Understanding> {
  const lexicon = createLexicon(options.lexicon ?? new Map());
  const engine = options.engine ?? createSoftmaxEngine();
  if (!engine.fromBytes) throw new Error(`engine ${engine.name} cannot load a model from bytes`);
  const { model, vocabulary } = unbundle(bytes);
  await yieldToEventLoop();
  const classifier = engine.fromBytes(model);
  await yieldToEventLoop();
  return understandingWith(classifier, vocabulary, lexicon, options.features ?? DEFAULT_FEATURES);
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** u32 length of the vocabulary JSON, the JSON, then the model's bytes. */
function bundle(model: Uint8Array, vocabulary: Vocabulary): Uint8Array {
  const words = Buffer.from(JSON.stringify([...vocabulary]));
  const out = new Uint8Array(4 + words.length + model.byteLength);
  new DataView(out.buffer).setUint32(0, words.length, true);
  out.set(words, 4);
  out.set(model, 4 + words.length);
  return out;
}

function unbundle(bytes: Uint8Array): { model: Uint8Array; vocabulary: Vocabulary } {
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  const vocabulary = new Map(JSON.parse(Buffer.from(bytes.subarray(4, 4 + length)).toString('utf8')) as [string, number][]);
  return { model: bytes.subarray(4 + length), vocabulary };
}

export async function trainUnderstanding(examples: readonly Example[], options: TrainOptions = {}): Promise<Understanding> {
  const lexicon = createLexicon(options.lexicon ?? new Map());
  const engine = options.engine ?? createSoftmaxEngine();
  const featureOptions = options.features ?? DEFAULT_FEATURES;
  const { classifier, vocabulary } = await obtainModel(examples, lexicon, featureOptions, engine, options);
  return understandingWith(classifier, vocabulary, lexicon, featureOptions);
}

function understandingWith(classifier: TrainedClassifier, vocabulary: Vocabulary, lexicon: Lexicon, featureOptions: FeatureOptions): Understanding {
  const spelling = createSpellingCorrector(vocabulary);
  return {
    async understand(text: string): Promise<Interpretation> {
      const tokens = normalizeTokens(text, lexicon).map((t) => spelling.correct(t));
      if (tokens.length === 0) return { tokens, candidates: [{ intent: null, score: 1 }], knownRatio: 0 };
      const known = tokens.filter((t) => spelling.isKnown(t)).length;
      const candidates = await classifier.rank(toFeatures(tokens, featureOptions));
      return { tokens, candidates, knownRatio: known / tokens.length };
    },
  };
}
