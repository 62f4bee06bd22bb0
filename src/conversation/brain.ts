// Knowledge and the model trained on it travel together, so a reload swaps both at once.
import type { Knowledge } from '../knowledge/types.js';
import { trainingExamples } from '../knowledge/types.js';
import type { ClassifierEngine } from '../nlu/engine.js';
import { trainUnderstanding, type TrainOptions, type Understanding } from '../nlu/understanding.js';

export interface Brain {
  readonly knowledge: Knowledge;
  readonly understanding: Understanding;
}

export type BrainTraining = Pick<TrainOptions, 'cache' | 'trainElsewhere'>;

export async function trainBrain(knowledge: Knowledge, engine?: ClassifierEngine, training: BrainTraining = {}): Promise<Brain> {
  const understanding = await trainUnderstanding(trainingExamples(knowledge), { lexicon: knowledge.lexicon, ...(engine ? { engine } : {}), ...training });
  return Object.freeze({ knowledge, understanding });
}
