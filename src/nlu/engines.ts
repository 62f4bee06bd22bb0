// The engines one can choose by name (NLU_ENGINE, --engine). Measured on this project: see README "Vietnamese understanding".
import type { ClassifierEngine } from './engine.js';
import { createSoftmaxEngine } from './softmax-engine.js';

export const ENGINE_NAMES = ['softmax', 'nlpjs'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/** nlp.js is loaded only when chosen: its logger prints a deprecation warning on import. */
export async function createEngine(name: EngineName = 'softmax'): Promise<ClassifierEngine> {
  if (name === 'nlpjs') return (await import('./nlpjs-engine.js')).createNlpjsEngine();
  return createSoftmaxEngine();
}
