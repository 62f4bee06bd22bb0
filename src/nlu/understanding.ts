// The whole Vietnamese understanding pipeline: normalize → correct typos → features → classifier → candidates.
import type { Example } from '../knowledge/types.js';
import type { Candidate, ClassifierEngine, Sample, TrainedClassifier } from './engine.js';
import { modelKey, type ModelCache } from './model-cache.js';
import { DEFAULT_FEATURES, toFeatures, type FeatureOptions } from './features.js';
import { createSoftmaxEngine } from './softmax-engine.js';
import { createLexicon, normalizeTokens } from './normalize.js';
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

/** From the cache when this exact training was done before; otherwise trained (on a worker if given) and cached. */
async function obtainClassifier(samples: readonly Sample[], engine: ClassifierEngine, options: TrainOptions): Promise<TrainedClassifier> {
  if (!engine.fromBytes) return engine.train(samples);
  const key = options.cache ? modelKey(engine, samples) : undefined;
  const cached = key ? options.cache!.get(key) : undefined;
  if (cached) {
    try {
      return engine.fromBytes(cached);
    } catch {
      // A damaged or old file: train again and overwrite it.
    }
  }
  const bytes = options.trainElsewhere ? await options.trainElsewhere(samples) : undefined;
  const trained = bytes ? engine.fromBytes(bytes) : await engine.train(samples);
  if (key) options.cache!.set(key, bytes ?? trained.toBytes!());
  return trained;
}

export async function trainUnderstanding(examples: readonly Example[], options: TrainOptions = {}): Promise<Understanding> {
  const lexicon = createLexicon(options.lexicon ?? new Map());
  const engine = options.engine ?? createSoftmaxEngine();
  const featureOptions = options.features ?? DEFAULT_FEATURES;

  const tokenized = examples.map((e) => ({ tokens: normalizeTokens(e.text, lexicon), intent: e.intent }));
  // Vocabulary comes from in-scope questions only: a word seen only in out-of-scope examples is not "known".
  const counts = new Map<string, number>();
  for (const { tokens, intent } of tokenized) {
    if (intent === null) continue;
    for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  const spelling = createSpellingCorrector(counts);
  const classifier = await obtainClassifier(tokenized.map(({ tokens, intent }) => ({ features: toFeatures(tokens, featureOptions), intent })), engine, options);

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
