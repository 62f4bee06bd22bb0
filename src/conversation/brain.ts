// Knowledge and the model trained on it travel together, so a reload swaps both at once.
import type { Knowledge } from '../knowledge/types.js';
import { trainingExamples } from '../knowledge/types.js';
import type { ClassifierEngine } from '../nlu/engine.js';
import { trainUnderstanding, type Understanding } from '../nlu/understanding.js';

export interface Brain {
  readonly knowledge: Knowledge;
  readonly understanding: Understanding;
}

export async function trainBrain(knowledge: Knowledge, engine?: ClassifierEngine): Promise<Brain> {
  const understanding = await trainUnderstanding(trainingExamples(knowledge), { lexicon: knowledge.lexicon, ...(engine ? { engine } : {}) });
  return Object.freeze({ knowledge, understanding });
}
