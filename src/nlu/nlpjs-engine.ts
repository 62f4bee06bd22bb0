// nlp.js (@nlpjs/basic) as our classifier. It gets our features, already normalized, as space-separated words.
import basic from '@nlpjs/basic';
import type { Candidate, ClassifierEngine, Sample, TrainedClassifier } from './engine.js';

/** nlp.js has no Vietnamese locale; any code works since we hand it finished features. */
const LOCALE = 'vi';
const NONE = 'None';

export function createNlpjsEngine(): ClassifierEngine {
  return {
    name: 'nlp.js neural (@nlpjs/basic 4.27)',
    // nlp.js saves its trained model as JSON (export/import), so it is cached like ours.
    fromBytes: (bytes) => {
      const nlp = newNlp();
      nlp.import(Buffer.from(bytes).toString('utf8'));
      return trained(nlp);
    },
    async train(samples: readonly Sample[]): Promise<TrainedClassifier> {
      const nlp = newNlp();
      for (const sample of samples) {
        if (sample.features.length > 0) nlp.addDocument(LOCALE, sample.features.join(' '), sample.intent ?? NONE);
      }
      await nlp.train();
      return trained(nlp);
    },
  };
}

function trained(nlp: InstanceType<typeof basic.Nlp>): TrainedClassifier {
  return {
    async rank(features: readonly string[]): Promise<Candidate[]> {
      if (features.length === 0) return [{ intent: null, score: 1 }];
      const result = await nlp.process(LOCALE, features.join(' '));
      return result.classifications.map((c) => ({ intent: c.intent === NONE ? null : c.intent, score: c.score }));
    },
    toBytes: () => Buffer.from(nlp.export(true)),
  };
}

function newNlp(): InstanceType<typeof basic.Nlp> {
  return new basic.Nlp({
    container: basic.containerBootstrap(),
    languages: [LOCALE],
    autoSave: false,
    autoLoad: false,
    calculateSentiment: false,
    // Passing these drops nlp.js defaults, so the threshold is explicit; our own decision step applies the real one.
    threshold: 0,
    nlu: { log: false, useNoneFeature: true },
    'nlu-manager': { log: false, useNoneFeature: true },
  });
}
