// The classifier behind a small interface, so the engine can be swapped without touching the rest.

/** One candidate: an intent id, or null for "out of scope"; scores of a ranking sum to about 1. */
export interface Candidate {
  readonly intent: string | null;
  readonly score: number;
}

/** A labelled training example for the classifier, as text; intent null = out of scope. */
export interface Example {
  readonly text: string;
  readonly intent: string | null;
}

export interface Sample {
  readonly features: readonly string[];
  readonly intent: string | null;
}

export interface TrainedClassifier {
  /** Candidates, best first. */
  rank(features: readonly string[]): Promise<Candidate[]>;
  /** The trained model as bytes, for the model cache and the training worker; absent: not cacheable. */
  toBytes?(): Uint8Array;
}

export interface ClassifierEngine {
  readonly name: string;
  /** Everything that changes what training produces; part of the model cache key. */
  readonly settings?: string;
  train(samples: readonly Sample[]): Promise<TrainedClassifier>;
  /** Rebuilds a model saved with toBytes(). */
  fromBytes?(bytes: Uint8Array): TrainedClassifier;
}
